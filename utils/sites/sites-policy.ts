import * as v from 'valibot';
import { CustomRulesSchema, upgradeRule, validateRule } from '../core/lead/custom-rules';
import type { PolicyValues } from '../core/storage/managed';
import { checkSitePattern } from './check-pattern';
import { SiteModeSchema, type Site } from './schema';
import { parseSites, readSites, saveSites } from './store';

// The sites' policy key (public/managed_schema.json): CRM sites with their mode and
// rules. Each site gets the checks of a site added by hand, the public-suffix one
// included; what fails is left out and reported in the options.

const ManagedSiteSchema = v.object({
  pattern: v.string(),
  mode: v.optional(SiteModeSchema, 'badge'),
  rules: v.optional(CustomRulesSchema, []),
});

export interface SitesPolicy {
  /** Undefined when the policy does not manage sites at all. */
  sites?: Site[];
  problems: string[];
}

/** A stable id, so applying the same policy again changes nothing. */
export function managedSiteId(pattern: string): string {
  let hash = 0x811c9dc5;
  for (const ch of pattern) hash = Math.imul(hash ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  return `m-${hash.toString(36)}`;
}

function parseSite(entry: unknown, index: number): Site | string {
  const parsed = v.safeParse(ManagedSiteSchema, entry);
  if (!parsed.success) return `Policy site #${index + 1} ignored: it is not { pattern, mode, rules }.`;
  const pattern = checkSitePattern(parsed.output.pattern);
  if (!pattern.ok) return `Policy site #${index + 1} ignored: ${pattern.message}`;
  // Policies written before templates hold regular expressions: kept as templates where they have one.
  const rules = parsed.output.rules.map((r) => upgradeRule(r));
  const broken = rules.map((r) => validateRule(r)).find((r) => !r.ok);
  if (broken && !broken.ok) return `Policy site ${pattern.pattern} ignored: a rule's ${broken.field} is invalid (${broken.message}).`;
  return { id: managedSiteId(pattern.pattern), pattern: pattern.pattern, mode: parsed.output.mode, rules, managed: true };
}

export function parseSitesPolicy(values: PolicyValues): SitesPolicy {
  if (values.sites === undefined) return { problems: [] };
  const policy: Required<SitesPolicy> = { sites: [], problems: [] };
  if (!Array.isArray(values.sites)) return { ...policy, problems: ['Policy sites ignored: it must be a list.'] };
  values.sites.forEach((entry, index) => {
    const site = parseSite(entry, index);
    if (typeof site === 'string') policy.problems.push(site);
    else if (!policy.sites.some((s) => s.pattern === site.pattern)) policy.sites.push(site);
  });
  return policy;
}

/** The managed sites in place of any user site with the same pattern; withdrawn ones removed. */
export function mergeManagedSites(sites: readonly Site[], managed: readonly Site[] | undefined): Site[] {
  const patterns = new Set((managed ?? []).map((s) => s.pattern));
  const kept = sites.filter((s) => !s.managed && !patterns.has(s.pattern));
  return [...kept, ...(managed ?? [])];
}

/**
 * The background's part of applying the policy: the stored list with the
 * policy's sites. Saving it makes the background register them (site-sync.ts).
 * Gives back the list as stored; a list that could not be read is left alone.
 */
export async function applySitesPolicy(values: PolicyValues): Promise<Site[]> {
  const policy = parseSitesPolicy(values);
  const { sites, problems } = await readSites();
  // An unreadable stored list stays as it is until a person replaces it in the options.
  if (problems.length > 0) return sites;
  const merged = mergeManagedSites(sites, policy.sites);
  if (JSON.stringify(merged) === JSON.stringify(sites)) return sites;
  // Read back as readSites would (built-in sites first); a refused save left the old list.
  return (await saveSites(merged)).ok ? parseSites(merged).sites : sites;
}
