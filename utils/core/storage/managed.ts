import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { CustomRulesSchema, upgradeRule, validateRule } from '../lead/custom-rules';
import { normalizeSitePattern } from '../hosts/match-pattern';
import { SiteModeSchema, type Site } from '../../sites/schema';
import { parseSites, readSites, saveSites } from '../../sites/store';
import { BaseUrlSchema, MethodSchema, TimeZoneSchema, type RequestMethod } from '../../connection/schemas';
import { baseUrlSetting, methodSetting, timeZoneSetting } from '../../connection/settings';

// An administrator can preset the API address, the request method, the account's time zone and CRM sites
// (with their rules) through browser policy; see public/managed_schema.json.
// Managed values win: they are copied over the user's on every start and shown
// locked on the options page.

const ManagedSiteSchema = v.object({
  pattern: v.string(),
  mode: v.optional(SiteModeSchema, 'badge'),
  rules: v.optional(CustomRulesSchema, []),
});

export interface ManagedConfig {
  baseUrl?: string;
  method?: RequestMethod;
  /** The Convoso account's IANA time zone, canonical. */
  timeZone?: string;
  /** Undefined when the policy does not manage sites at all. */
  sites?: Site[];
  /** Policy values that were invalid and ignored. */
  problems: string[];
}

export const NOTHING_MANAGED: ManagedConfig = { problems: [] };

/** A stable id, so re-applying the same policy changes nothing. */
export function managedSiteId(pattern: string): string {
  let hash = 0x811c9dc5;
  for (const ch of pattern) hash = Math.imul(hash ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  return `m-${hash.toString(36)}`;
}

/** The policy as read from storage.managed, each value validated on its own. */
export function parseManagedConfig(raw: unknown): ManagedConfig {
  if (!raw || typeof raw !== 'object') return { problems: [] };
  const policy = raw as Record<string, unknown>;
  const config: ManagedConfig = { problems: [] };

  if (policy.apiBaseUrl !== undefined) {
    const parsed = v.safeParse(BaseUrlSchema, policy.apiBaseUrl);
    if (parsed.success) config.baseUrl = parsed.output;
    else config.problems.push(`Policy apiBaseUrl ignored: ${parsed.issues[0].message}`);
  }
  if (policy.requestMethod !== undefined) {
    const parsed = v.safeParse(MethodSchema, policy.requestMethod);
    if (parsed.success) config.method = parsed.output;
    else config.problems.push('Policy requestMethod ignored: it must be GET or POST.');
  }
  if (policy.timeZone !== undefined) {
    const parsed = v.safeParse(TimeZoneSchema, policy.timeZone);
    if (parsed.success && parsed.output !== '') config.timeZone = parsed.output;
    else config.problems.push('Policy timeZone ignored: it must be an IANA time zone such as America/Los_Angeles.');
  }
  if (policy.sites !== undefined) {
    config.sites = [];
    for (const [index, entry] of (Array.isArray(policy.sites) ? policy.sites : []).entries()) {
      const parsed = v.safeParse(ManagedSiteSchema, entry);
      const pattern = parsed.success ? normalizeSitePattern(parsed.output.pattern) : null;
      if (!parsed.success || !pattern?.ok) {
        config.problems.push(`Policy site #${index + 1} ignored: ${pattern && !pattern.ok ? pattern.message : 'it is not { pattern, mode, rules }.'}`);
        continue;
      }
      // Policies written before templates hold regular expressions: kept as templates where they have one.
      const rules = parsed.output.rules.map((r) => upgradeRule(r));
      const broken = rules.map((r) => validateRule(r)).find((r) => !r.ok);
      if (broken && !broken.ok) {
        config.problems.push(`Policy site ${pattern.pattern} ignored: a rule's ${broken.field} is invalid (${broken.message}).`);
        continue;
      }
      if (config.sites.some((s) => s.pattern === pattern.pattern)) continue;
      config.sites.push({
        id: managedSiteId(pattern.pattern),
        pattern: pattern.pattern,
        mode: parsed.output.mode,
        rules,
        managed: true,
      });
    }
    if (!Array.isArray(policy.sites)) config.problems.push('Policy sites ignored: it must be a list.');
  }
  return config;
}

/** Reading storage.managed fails where no policy store exists (Firefox without one): that means nothing is managed. */
export async function readManagedConfig(): Promise<ManagedConfig> {
  try {
    return parseManagedConfig(await browser.storage.managed.get());
  } catch {
    return { problems: [] };
  }
}

/** The managed sites in place of any user site with the same pattern; withdrawn ones removed. */
export function mergeManagedSites(sites: readonly Site[], managed: readonly Site[] | undefined): Site[] {
  const patterns = new Set((managed ?? []).map((s) => s.pattern));
  const kept = sites.filter((s) => !s.managed && !patterns.has(s.pattern));
  return [...kept, ...(managed ?? [])];
}

export interface AppliedManagedConfig {
  config: ManagedConfig;
  /** The whole site list as stored once the policy is applied, so the caller need not read it again. */
  sites: Site[];
}

/** Copies the policy over the user's values. Call at startup and when storage.managed changes. */
export async function applyManagedConfig(): Promise<AppliedManagedConfig> {
  const config = await readManagedConfig();
  if (config.baseUrl !== undefined && (await baseUrlSetting.get()).value !== config.baseUrl) {
    await baseUrlSetting.set(config.baseUrl);
  }
  if (config.method !== undefined && (await methodSetting.get()).value !== config.method) {
    await methodSetting.set(config.method);
  }
  if (config.timeZone !== undefined && (await timeZoneSetting.get()).value !== config.timeZone) {
    await timeZoneSetting.set(config.timeZone);
  }
  const { sites } = await readSites();
  const merged = mergeManagedSites(sites, config.sites);
  if (JSON.stringify(merged) === JSON.stringify(sites)) return { config, sites };
  // Read back as readSites would (built-in sites first); a refused save left the old list.
  return { config, sites: (await saveSites(merged)).ok ? parseSites(merged).sites : sites };
}
