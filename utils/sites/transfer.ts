import * as v from 'valibot';
import { CustomRuleSchema, upgradeRule, validateRule, type CustomRule, type SelectorCheck } from '../core/lead/custom-rules';
import type { ImportPlan, TransferSection } from '../core/transfer/transfer-parts';
import { askBackgroundToSyncSites } from './ask-sync';
import { isBuiltInSite } from './built-in';
import { checkSitePattern } from './check-pattern';
import { MAX_SITES, SiteModeSchema, SitesSchema, type Site } from './schema';
import { newSiteId, readSites, SITES_KEY } from './store';

// The sites' part of a settings file: `sites`, a list of { pattern, mode, rules }.
// Sites in the file are added, or update the site with the same pattern; sites
// not in the file are kept; what the policy sets is neither exported nor changed.

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function checkRules(raw: unknown, isValidSelector?: SelectorCheck): { rules: CustomRule[] } | { message: string } {
  if (!Array.isArray(raw)) return { message: 'Rules must be a list.' };
  const rules: CustomRule[] = [];
  const problems = raw.flatMap((r, i) => {
    const parsed = v.safeParse(CustomRuleSchema, r);
    if (!parsed.success) return [`rule ${i + 1}: not a URL rule or a selector rule`];
    // A file from before templates holds regular expressions: kept as templates where they have one.
    const rule = upgradeRule(parsed.output);
    const validation = validateRule(rule, isValidSelector);
    if (!validation.ok) return [`rule ${i + 1}: ${validation.field}: ${validation.message}`];
    rules.push(rule);
    return [];
  });
  return problems.length > 0 ? { message: `Invalid ${problems.join('; ').replace(/\.$/, '')}.` } : { rules };
}

/** One entry of the file planned into `sites` (the list after the import). */
function planSite(entry: unknown, index: number, sites: Site[], seen: Set<string>, plan: ImportPlan, isValidSelector?: SelectorCheck): void {
  const fallbackLabel = `Site #${index + 1}`;
  if (!isRecord(entry) || typeof entry.pattern !== 'string') {
    plan.rejected.push({ label: fallbackLabel, message: 'Needs a "pattern", the site address.' });
    return;
  }
  // The checks of Add site, the public-suffix one included.
  const pattern = checkSitePattern(entry.pattern);
  if (!pattern.ok) {
    const label = pattern.pattern ? `Site ${pattern.pattern}` : `${fallbackLabel} (${entry.pattern.slice(0, 100)})`;
    plan.rejected.push({ label, message: pattern.message });
    return;
  }
  const label = `Site ${pattern.pattern}`;
  if (seen.has(pattern.pattern)) return void plan.rejected.push({ label, message: 'Listed twice in the file.' });
  seen.add(pattern.pattern);
  const mode = v.safeParse(SiteModeSchema, entry.mode ?? 'badge');
  if (!mode.success) return void plan.rejected.push({ label, message: 'Mode must be "badge", "inline" or "off".' });
  const checked = checkRules(entry.rules ?? [], isValidSelector);
  if ('message' in checked) return void plan.rejected.push({ label, message: checked.message });
  const { rules } = checked;
  const existing = sites.findIndex((s) => s.pattern === pattern.pattern);
  if (existing >= 0 && sites[existing]!.managed) return void plan.skipped.push({ label, message: 'Set by your administrator; kept.' });
  const rulesText = `${rules.length} rule${rules.length === 1 ? '' : 's'}`;
  if (existing >= 0) {
    const site = sites[existing]!;
    sites[existing] = { ...site, mode: mode.output, rules };
    plan.accepted.push({ label, message: `Updated: ${mode.output}, ${rulesText}${isBuiltInSite(site) ? ' (built in)' : ''}.` });
  } else {
    sites.push({ id: newSiteId(), pattern: pattern.pattern, mode: mode.output, rules });
    plan.origins.push(pattern.pattern);
    plan.accepted.push({ label, message: `Added: ${mode.output}, ${rulesText}.` });
  }
}

export function sitesTransferSection(options: { isValidSelector?: SelectorCheck } = {}): TransferSection {
  return {
    key: 'sites',
    async export() {
      const { sites, problems } = await readSites();
      return { value: sites.filter((s) => !s.managed).map((s) => ({ pattern: s.pattern, mode: s.mode, rules: s.rules })), problems };
    },
    async plan(raw, plan) {
      if (!Array.isArray(raw)) return void plan.rejected.push({ label: 'sites', message: 'Must be a list of sites.' });
      const stored = await readSites();
      const sites = [...stored.sites];
      const seen = new Set<string>();
      raw.forEach((entry, index) => planSite(entry, index, sites, seen, plan, options.isValidSelector));
      if (sites.length > MAX_SITES) return void plan.rejected.push({ label: 'sites', message: `At most ${MAX_SITES} sites in all.` });
      const valid = v.safeParse(SitesSchema, sites);
      if (!valid.success) return void plan.rejected.push({ label: 'sites', message: valid.issues[0].message });
      if (stored.problems.length > 0) {
        plan.accepted.push({ label: 'CRM sites', message: 'The stored list could not be read in full; the import replaces it, keeping the sites that could be read.' });
      }
      plan.writes.push({ key: SITES_KEY, value: valid.output });
      plan.after.push(askBackgroundToSyncSites);
    },
  };
}
