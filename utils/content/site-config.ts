import type { CustomRule } from '../lead/custom-rules';
import { urlMatchesPattern } from '../sites/match-pattern';

// The options page keeps the CRM sites in storage 'local:sites' (validated there
// with valibot). The content script carries no valibot, so it reads that value
// by hand and defensively: anything it does not understand means "built-in
// detectors only", never an exception on the agent's page.

export type BadgeMode = 'badge' | 'inline' | 'off';

export interface SiteConfig {
  mode: BadgeMode;
  rules: CustomRule[];
}

export const DEFAULT_CONFIG: SiteConfig = Object.freeze({ mode: 'badge', rules: [] }) as SiteConfig;

const MODES: ReadonlySet<string> = new Set(['badge', 'inline', 'off']);
const MAX_RULES = 50;

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 500;

/** A stored rule in the shape custom-rules.ts applies, or null. */
export function readRule(value: unknown): CustomRule | null {
  if (!value || typeof value !== 'object') return null;
  const r = value as Record<string, unknown>;
  if (r.kind === 'url') return isText(r.pattern) ? { kind: 'url', pattern: r.pattern } : null;
  if (r.kind !== 'selector' || !isText(r.selector)) return null;
  if (r.source !== 'text' && r.source !== 'attribute') return null;
  const rule: CustomRule = { kind: 'selector', selector: r.selector, source: r.source };
  if (isText(r.attribute)) rule.attribute = r.attribute;
  if (isText(r.extract)) rule.extract = r.extract;
  if (rule.source === 'attribute' && !rule.attribute) return null;
  return rule;
}

/**
 * The configuration of the site `href` belongs to: the first stored site whose
 * match pattern matches. Convoso's own pages (matched by the manifest, not by
 * a stored site) and anything unreadable get the default: badge mode, built-in
 * detectors only.
 */
export function siteConfigFor(stored: unknown, href: string): SiteConfig {
  const sites = Array.isArray(stored) ? stored : [];
  for (const site of sites) {
    if (!site || typeof site !== 'object') continue;
    const s = site as Record<string, unknown>;
    if (typeof s.pattern !== 'string' || !safeMatch(s.pattern, href)) continue;
    const mode = typeof s.mode === 'string' && MODES.has(s.mode) ? (s.mode as BadgeMode) : 'badge';
    const rules = Array.isArray(s.rules)
      ? s.rules.slice(0, MAX_RULES).map(readRule).filter((r): r is CustomRule => r !== null)
      : [];
    return { mode, rules };
  }
  return DEFAULT_CONFIG;
}

function safeMatch(pattern: string, href: string): boolean {
  try {
    return urlMatchesPattern(pattern, href);
  } catch {
    return false;
  }
}
