import type { CustomRule } from '../../core/lead/custom-rules';

// What a content script learns of its site, from the background (`site-config`):
// the badge mode and the site's lead rules. The background works it out from the
// stored site list, read through the same schemas as the options page
// (utils/sites/background/site-config-for.ts).

export type BadgeMode = 'badge' | 'inline' | 'off';

export interface SiteConfig {
  mode: BadgeMode;
  rules: CustomRule[];
}

export const DEFAULT_CONFIG: SiteConfig = Object.freeze({ mode: 'badge', rules: [] }) as SiteConfig;
