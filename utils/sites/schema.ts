import * as v from 'valibot';
import { CustomRulesSchema } from '../core/lead/custom-rules';
import { isSitePattern } from '../core/hosts/match-pattern';

// The CRM site list lives in `local:sites`, which content scripts read to learn
// their mode and lead rules. It must never hold anything secret.

export const SiteModeSchema = v.picklist(['badge', 'inline', 'off']);
export type SiteMode = v.InferOutput<typeof SiteModeSchema>;

export const SITE_MODE_LABELS: Record<SiteMode, string> = {
  badge: 'Badge',
  inline: 'Inline: a chip beside every lead',
  off: 'Off',
};

/** Also the suffix of the registered content script's id, `site-<id>`. */
export const SiteIdSchema = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'Not a site id.'));

export const SitePatternSchema = v.pipe(
  v.string(),
  v.check(isSitePattern, 'Not a site address pattern such as https://crm.example.com/*.'),
);

export const SiteSchema = v.object({
  id: SiteIdSchema,
  pattern: SitePatternSchema,
  mode: SiteModeSchema,
  rules: CustomRulesSchema,
  /** Preset by the administrator's policy (storage.managed): shown locked. */
  managed: v.optional(v.boolean()),
});
export type Site = v.InferOutput<typeof SiteSchema>;

export const MAX_SITES = 200;

/** A whole list, as saved: ids and patterns unique. */
export const SitesSchema = v.pipe(
  v.array(SiteSchema),
  v.maxLength(MAX_SITES, `At most ${MAX_SITES} sites.`),
  v.check((sites) => new Set(sites.map((s) => s.id)).size === sites.length, 'Two sites have the same id.'),
  v.check((sites) => new Set(sites.map((s) => s.pattern)).size === sites.length, 'That site is already in the list.'),
);
