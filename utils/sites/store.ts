import * as v from 'valibot';
import { storage } from 'wxt/utils/storage';
import { protectKey, readSealed, writeSealed } from '../core/storage/sealed';
import { BUILT_IN_SITES, isBuiltInSite } from './built-in';
import { SiteSchema, SitesSchema, type Site } from './schema';
import { STORAGE_KEYS } from '../core/storage/storage-keys';

export const SITES_KEY = STORAGE_KEYS.sites;
// Sealed like every setting (utils/core/storage/sealed.ts): it decides where the badge runs and what it reads.
protectKey(SITES_KEY);

export interface SitesRead {
  /** Built-in sites first (stored overrides of their mode and rules applied), then the others in stored order. */
  sites: Site[];
  /** Stored entries that were unreadable and left out. */
  problems: string[];
}

/**
 * The list as stored, each entry validated on its own so that one corrupted
 * entry costs that site only, never the whole list.
 */
export function parseSites(stored: unknown): SitesRead {
  const problems: string[] = [];
  const found: Site[] = [];
  if (stored !== null && stored !== undefined && !Array.isArray(stored)) {
    problems.push('The CRM site list was stored in an unreadable form; only the built-in sites are used.');
  }
  for (const [index, entry] of (Array.isArray(stored) ? stored : []).entries()) {
    const parsed = v.safeParse(SiteSchema, entry);
    if (!parsed.success) {
      problems.push(`Stored CRM site #${index + 1} was unreadable and is ignored.`);
      continue;
    }
    if (found.some((s) => s.id === parsed.output.id || s.pattern === parsed.output.pattern)) {
      problems.push(`Stored CRM site ${parsed.output.pattern} was listed twice; the first entry is used.`);
      continue;
    }
    found.push(parsed.output);
  }
  const builtIns = BUILT_IN_SITES.map((b) => {
    const stored = found.find((s) => s.id === b.id);
    // Only the mode and rules of a built-in site are the user's to change.
    return stored ? { ...b, mode: stored.mode, rules: stored.rules } : { ...b, rules: [...b.rules] };
  });
  return { sites: [...builtIns, ...found.filter((s) => !isBuiltInSite(s))], problems };
}

export async function readSites(): Promise<SitesRead> {
  try {
    const stored = await readSealed(SITES_KEY);
    if (stored.state === 'forged') {
      return { ...parseSites(null), problems: ['The CRM site list was changed outside the extension; only the built-in sites are used.'] };
    }
    // A plain value is not ours: parseSites reports it as unreadable.
    return parseSites(stored.state === 'ok' ? stored.value : stored.state === 'plain' ? 'unsealed' : null);
  } catch {
    return { ...parseSites(null), problems: ['The CRM site list could not be read; only the built-in sites are used.'] };
  }
}

/** Validates the whole list first: an invalid list is refused and nothing is written. */
export async function saveSites(sites: readonly Site[]): Promise<{ ok: true } | { ok: false; message: string }> {
  const parsed = v.safeParse(SitesSchema, sites);
  if (!parsed.success) return { ok: false, message: parsed.issues[0].message };
  try {
    await writeSealed([{ key: SITES_KEY, value: parsed.output }]);
    return { ok: true };
  } catch (error) {
    return { ok: false, message: `The CRM sites could not be saved (${error instanceof Error ? error.message : String(error)}).` };
  }
}

/** Calls back with the fresh list whenever it changes (another tab, an import, a policy). */
export function watchSites(cb: (read: SitesRead) => void): () => void {
  return storage.watch(SITES_KEY, () => void readSites().then(cb));
}

/** A fresh id for a user-added site. */
export function newSiteId(): string {
  return `s${crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`;
}
