import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { CustomRuleSchema, upgradeRule, validateRule, type CustomRule, type SelectorCheck } from '../lead/custom-rules';
import { isBuiltInSite } from '../../sites/built-in';
import { extraApiOrigin } from '../../sites/actions';
import { normalizeSitePattern } from '../hosts/match-pattern';
import { publicSuffixProblem } from '../hosts/public-suffix';
import { askBackgroundToSyncSites } from '../../sites/ask-sync';
import { MAX_SITES, SiteModeSchema, SitesSchema, type Site, type SiteMode } from '../../sites/schema';
import { newSiteId, readSites, SITES_KEY } from '../../sites/store';
import type { ManagedConfig } from '../storage/managed';
import { LIMIT_MAX } from '../api/vocabulary';
import { BaseUrlSchema, MethodSchema, PageSizeSchema, TimeZoneSchema, type RequestMethod } from '../../connection/schemas';
import { writeSettings, type Setting } from '../storage/setting';
import { baseUrlSetting, methodSetting, pageSizeSetting, timeZoneSetting } from '../../connection/settings';
import { SavedSearchesSchema, savedSearchesSetting, type SavedSearch } from '../../search/saved-searches-setting';

// "Export settings" / "Import settings" for teams: one agent (or the admin) sets
// the extension up and shares a file. It never holds the token, nor the user ID
// (that is each agent's own).

export const SETTINGS_FILE_FORMAT = 'convoso-callbacks-settings';
export const SETTINGS_FILE_VERSION = 1;

export interface SettingsFileSite {
  pattern: string;
  mode: SiteMode;
  rules: CustomRule[];
}

export interface SettingsFile {
  format: typeof SETTINGS_FILE_FORMAT;
  version: typeof SETTINGS_FILE_VERSION;
  exportedAt: string;
  /** `timeZone`: the account's IANA zone, left out while it follows each browser's. */
  settings: { apiBaseUrl: string; requestMethod: RequestMethod; pageSize: number; timeZone?: string; savedSearches?: SavedSearch[] };
  sites: SettingsFileSite[];
}

/** Everything shareable. Administrator-managed sites are left out: the policy brings them. */
export async function exportSettings(now = new Date()): Promise<SettingsFile> {
  const [baseUrl, method, pageSize, zone, { sites }, saved] = await Promise.all([
    baseUrlSetting.get(),
    methodSetting.get(),
    pageSizeSetting.get(),
    timeZoneSetting.get(),
    readSites(),
    savedSearchesSetting.get(),
  ]);
  return {
    format: SETTINGS_FILE_FORMAT,
    version: SETTINGS_FILE_VERSION,
    exportedAt: now.toISOString(),
    settings: {
      apiBaseUrl: baseUrl.value,
      requestMethod: method.value,
      pageSize: pageSize.value,
      ...(zone.value && { timeZone: zone.value }),
      ...(saved.value.length > 0 && { savedSearches: saved.value }),
    },
    sites: sites.filter((s) => !s.managed).map((s) => ({ pattern: s.pattern, mode: s.mode, rules: s.rules })),
  };
}

export function settingsFileName(now = new Date()): string {
  return `convoso-callbacks-settings-${now.toISOString().slice(0, 10)}.json`;
}

export interface ImportItem {
  /** What the item is: "API base URL", "Site https://crm.example.com/*". */
  label: string;
  /** What happens to it, or why it is refused. */
  message: string;
}

export interface ImportPlan {
  accepted: ImportItem[];
  /** Left out on purpose (a token, a value the administrator sets): they do not block the import. */
  skipped: ImportItem[];
  /** Invalid: while any is here, nothing is imported. */
  rejected: ImportItem[];
  settings: { apiBaseUrl?: string; requestMethod?: RequestMethod; pageSize?: number; timeZone?: string; savedSearches?: SavedSearch[] };
  /** The complete site list after the import. */
  sites: Site[];
  /** Hosts the browser must grant before saving: a new API host, new sites. */
  origins: string[];
}

export interface ImportContext {
  sites: readonly Site[];
  managed: ManagedConfig;
  isValidSelector?: SelectorCheck;
}

// `refused` replaces valibot's generic wording ("Invalid value: Expected >=1…")
// in the import report; the base URL schema's own messages are already plain.
const SETTING_FIELDS: Record<
  'apiBaseUrl' | 'requestMethod' | 'pageSize' | 'timeZone' | 'savedSearches',
  {
    label: string;
    /** Where applyImport writes the value. */
    setting: Setting<unknown>;
    schema: v.GenericSchema<unknown, unknown>;
    managed: (m: ManagedConfig) => boolean;
    refused?: string;
    /** The import report's line for an accepted value, when "Set to <value>" reads badly. */
    describe?: (value: unknown) => string;
  }
> = {
  apiBaseUrl: { label: 'API base URL', setting: baseUrlSetting, schema: BaseUrlSchema, managed: (m) => m.baseUrl !== undefined },
  requestMethod: {
    label: 'Request method',
    setting: methodSetting,
    schema: MethodSchema,
    managed: (m) => m.method !== undefined,
    refused: 'Must be "GET" or "POST".',
  },
  pageSize: {
    label: 'Default page size',
    setting: pageSizeSetting,
    schema: PageSizeSchema,
    managed: () => false,
    refused: `Must be a whole number from 1 to ${LIMIT_MAX}.`,
  },
  timeZone: {
    label: 'Account time zone',
    setting: timeZoneSetting,
    schema: TimeZoneSchema,
    managed: (m) => m.timeZone !== undefined,
    refused: 'Must be an IANA time zone such as America/Los_Angeles.',
  },
  savedSearches: {
    label: 'Saved searches',
    setting: savedSearchesSetting as Setting<unknown>,
    schema: SavedSearchesSchema,
    managed: () => false,
    describe: (value) => `Replaced by the file's ${(value as SavedSearch[]).length}.`,
  },
};

const TOKEN_KEY = /token|auth|secret|password/i;

function emptyPlan(sites: readonly Site[]): ImportPlan {
  return { accepted: [], skipped: [], rejected: [], settings: {}, sites: [...sites], origins: [] };
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Reads a settings file and says, item by item, what importing it would do.
 * Nothing is written here: applyImport does that, only for a plan with no
 * rejected item. Sites in the file are added, or update the site with the same
 * pattern; sites not in the file are kept.
 */
export function planImport(text: string, context: ImportContext): ImportPlan {
  const plan = emptyPlan(context.sites);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    plan.rejected.push({ label: 'The file', message: 'It is not JSON. Choose a file made by “Export settings”.' });
    return plan;
  }
  if (!isRecord(data) || data.format !== SETTINGS_FILE_FORMAT) {
    plan.rejected.push({ label: 'The file', message: 'It is not a Convoso Callbacks settings file.' });
    return plan;
  }
  if (data.version !== SETTINGS_FILE_VERSION) {
    plan.rejected.push({
      label: 'The file',
      message: versionProblem(data.version),
    });
    return plan;
  }
  for (const key of Object.keys(data)) {
    if (TOKEN_KEY.test(key)) plan.skipped.push({ label: key, message: 'Tokens are never imported; enter yours on this page.' });
    else if (!['format', 'version', 'exportedAt', 'settings', 'sites'].includes(key)) {
      plan.skipped.push({ label: key, message: 'Not a setting this version knows; ignored.' });
    }
  }
  planSettings(data.settings, context, plan);
  planSites(data.sites, context, plan);
  return plan;
}

function planSettings(settings: unknown, context: ImportContext, plan: ImportPlan): void {
  if (settings === undefined) return;
  if (!isRecord(settings)) {
    plan.rejected.push({ label: 'settings', message: 'Must be an object of named settings.' });
    return;
  }
  for (const [key, value] of Object.entries(settings)) {
    if (TOKEN_KEY.test(key)) {
      plan.skipped.push({ label: key, message: 'Tokens are never imported; enter yours on this page.' });
      continue;
    }
    // Own keys only: "constructor" or "toString" in a file must not reach Object.prototype.
    const field = Object.hasOwn(SETTING_FIELDS, key) ? SETTING_FIELDS[key as keyof typeof SETTING_FIELDS] : undefined;
    if (!field) {
      plan.skipped.push({ label: key, message: 'Not a setting this version knows; ignored.' });
      continue;
    }
    if (field.managed(context.managed)) {
      plan.skipped.push({ label: field.label, message: 'Set by your administrator; kept.' });
      continue;
    }
    const parsed = v.safeParse(field.schema, value);
    if (!parsed.success) {
      plan.rejected.push({ label: field.label, message: field.refused ?? parsed.issues[0].message });
      continue;
    }
    (plan.settings as Record<string, unknown>)[key] = parsed.output;
    plan.accepted.push({
      label: field.label,
      message: field.describe?.(parsed.output) ?? `Set to ${String(parsed.output) || 'each browser’s own zone'}.`,
    });
    if (key === 'apiBaseUrl') {
      const origin = extraApiOrigin(String(parsed.output));
      if (origin) plan.origins.push(origin);
    }
  }
}

/** Why the file's version is not the one this extension reads, in words that fit what the file says. */
function versionProblem(version: unknown): string {
  const reads = `this version of the extension reads version ${SETTINGS_FILE_VERSION}`;
  if (version === undefined) return `It has no format version; ${reads}.`;
  if (typeof version === 'string') {
    return `Its format version is ${JSON.stringify(version.slice(0, 40))}, a text, not a number; ${reads}. Export the settings again.`;
  }
  if (typeof version !== 'number' || !Number.isFinite(version)) return `Its format version is not a number; ${reads}.`;
  return `It has format version ${version}; ${reads}.`;
}

function ruleProblem(raw: unknown, context: ImportContext): { rule: CustomRule } | { message: string } {
  const parsed = v.safeParse(CustomRuleSchema, raw);
  if (!parsed.success) return { message: 'not a URL rule or a selector rule' };
  // A file from before templates holds regular expressions: kept as templates where they have one.
  const rule = upgradeRule(parsed.output);
  const validation = validateRule(rule, context.isValidSelector);
  if (!validation.ok) return { message: `${validation.field}: ${validation.message}` };
  return { rule };
}

function planSites(raw: unknown, context: ImportContext, plan: ImportPlan): void {
  if (raw === undefined) return;
  if (!Array.isArray(raw)) {
    plan.rejected.push({ label: 'sites', message: 'Must be a list of sites.' });
    return;
  }
  const seen = new Set<string>();
  for (const [index, entry] of raw.entries()) {
    const fallbackLabel = `Site #${index + 1}`;
    if (!isRecord(entry) || typeof entry.pattern !== 'string') {
      plan.rejected.push({ label: fallbackLabel, message: 'Needs a "pattern", the site address.' });
      continue;
    }
    const pattern = normalizeSitePattern(entry.pattern);
    if (!pattern.ok) {
      plan.rejected.push({ label: `${fallbackLabel} (${entry.pattern.slice(0, 100)})`, message: pattern.message });
      continue;
    }
    const label = `Site ${pattern.pattern}`;
    const suffix = publicSuffixProblem(pattern.pattern);
    if (suffix) {
      plan.rejected.push({ label, message: suffix });
      continue;
    }
    if (seen.has(pattern.pattern)) {
      plan.rejected.push({ label, message: 'Listed twice in the file.' });
      continue;
    }
    seen.add(pattern.pattern);
    const mode = v.safeParse(SiteModeSchema, entry.mode ?? 'badge');
    if (!mode.success) {
      plan.rejected.push({ label, message: 'Mode must be "badge", "inline" or "off".' });
      continue;
    }
    const rawRules = entry.rules ?? [];
    if (!Array.isArray(rawRules)) {
      plan.rejected.push({ label, message: 'Rules must be a list.' });
      continue;
    }
    const rules: CustomRule[] = [];
    const problems = rawRules.flatMap((r, i) => {
      const checked = ruleProblem(r, context);
      if ('rule' in checked) rules.push(checked.rule);
      return 'message' in checked ? [`rule ${i + 1}: ${checked.message}`] : [];
    });
    if (problems.length > 0) {
      plan.rejected.push({ label, message: `Invalid ${problems.join('; ').replace(/\.$/, '')}.` });
      continue;
    }
    const existing = plan.sites.find((s) => s.pattern === pattern.pattern);
    if (existing?.managed) {
      plan.skipped.push({ label, message: 'Set by your administrator; kept.' });
      continue;
    }
    const rulesText = `${rules.length} rule${rules.length === 1 ? '' : 's'}`;
    if (existing) {
      plan.sites = plan.sites.map((s) => (s === existing ? { ...s, mode: mode.output, rules } : s));
      plan.accepted.push({ label, message: `Updated: ${mode.output}, ${rulesText}${isBuiltInSite(existing) ? ' (built in)' : ''}.` });
    } else {
      plan.sites.push({ id: newSiteId(), pattern: pattern.pattern, mode: mode.output, rules });
      plan.origins.push(pattern.pattern);
      plan.accepted.push({ label, message: `Added: ${mode.output}, ${rulesText}.` });
    }
  }
  if (plan.sites.length > MAX_SITES) plan.rejected.push({ label: 'sites', message: `At most ${MAX_SITES} sites in all.` });
}

/**
 * Saves a plan, all or nothing: asks for the hosts it needs (first, inside the
 * click), then writes every value in one storage call, then registers the sites.
 */
export async function applyImport(plan: ImportPlan): Promise<{ ok: true } | { ok: false; message: string }> {
  if (plan.rejected.length > 0) return { ok: false, message: 'Nothing was imported: the file has rejected items.' };
  if (plan.origins.length > 0) {
    let granted = false;
    try {
      granted = await browser.permissions.request({ origins: plan.origins });
    } catch {
      granted = false;
    }
    if (!granted) return { ok: false, message: 'The browser did not grant access to the new hosts, so nothing was imported.' };
  }
  const sites = v.safeParse(SitesSchema, plan.sites);
  if (!sites.success) return { ok: false, message: `Nothing was imported: ${sites.issues[0].message}` };
  try {
    const values = Object.entries(plan.settings).map(([k, value]) => SETTING_FIELDS[k as keyof typeof SETTING_FIELDS].setting.entry(value));
    await writeSettings([...values, { key: SITES_KEY, value: sites.output }]);
  } catch (error) {
    return { ok: false, message: `Nothing was imported: ${error instanceof Error ? error.message : String(error)}` };
  }
  await askBackgroundToSyncSites();
  return { ok: true };
}
