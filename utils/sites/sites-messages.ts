import type { CustomRule } from '../core/lead/custom-rules';
import { defineMessage } from '../core/messaging/define-message';
import type { Reply } from '../core/messaging/replies';

// The sites' messages, and what a content script learns of its site: the badge
// mode and the site's lead rules. The background works that out from the stored
// site list (background/site-config-for.ts); the lookup's content script asks
// for it with its 'site-config' message.

export type BadgeMode = 'badge' | 'inline' | 'off';

export interface SiteConfig {
  mode: BadgeMode;
  rules: CustomRule[];
}

export const DEFAULT_CONFIG: SiteConfig = Object.freeze({ mode: 'badge', rules: [] }) as SiteConfig;

/**
 * The options page, after it changed the site list or access: the background
 * reconciles the scripts (it alone does) and answers once that is done.
 * `failures`: by site id, why its script could not be registered.
 */
export const syncSites = defineMessage<Reply<{ failures: Record<string, string> }>>()('sync-sites', 'extension', {});
