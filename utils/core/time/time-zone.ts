// The Convoso account's time zone, and the two questions every comparison with
// "now" asks of it: what does the account's clock read at this instant, and
// which instant is this reading of the account's clock. Pure Intl, no date
// library: the content script has a size budget.

/**
 * The browser's own clock, read through Date's local-time methods, which follow
 * the same system zone as Intl. Building the first Intl formatter costs a freshly
 * started service worker about 12 ms, ahead of a stopped worker's first answer;
 * with no account zone set (the default) no comparison needs one.
 */
export const BROWSER_CLOCK = '';

/** Which zones a comparison uses; either may be left out (both default to the browser's). */
export interface Zones {
  /** The Convoso account's IANA zone; '' or undefined means "the browser's". */
  account?: string;
  /** The browser's zone; passed by tests, read from Intl otherwise. */
  browser?: string;
}

export function browserTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const canonical = new Map<string, string>();

/** The canonical spelling of an IANA zone ("america/los_angeles" → "America/Los_Angeles"), or null if Intl does not know it. */
export function canonicalTimeZone(name: string): string | null {
  const text = name.trim();
  if (!text || text.length > 64) return null;
  const known = canonical.get(text);
  if (known) return known;
  try {
    const zone = new Intl.DateTimeFormat('en-US', { timeZone: text }).resolvedOptions().timeZone;
    // Only names Intl knows are kept: a bounded set.
    canonical.set(text, zone);
    return zone;
  } catch {
    return null;
  }
}

/**
 * Both zones made concrete; an unknown account zone falls back on the browser's.
 * The browser's zone, unless named, is BROWSER_CLOCK.
 */
export function resolveZones(zones: Zones = {}): { account: string; browser: string } {
  const browser = zones.browser || BROWSER_CLOCK;
  const account = (zones.account && canonicalTimeZone(zones.account)) || browser;
  return { account, browser };
}

/**
 * Builds `timeZone`'s formatter ahead of its first use: called while a search is
 * on the network, so a fresh worker does not build it after the answer is in.
 */
export function prepareTimeZone(timeZone: string): void {
  const zone = canonicalTimeZone(timeZone);
  if (zone) partsIn(zone);
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(timeZone: string): Intl.DateTimeFormat {
  let f = partFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partFormatters.set(timeZone, f);
  }
  return f;
}

/**
 * What the clock of `timeZone` reads at `instantMs`, on the "as if UTC" line of
 * wall-clock.ts (so it compares with wallTimeMs).
 */
export function zonedWallMs(instantMs: number, timeZone: string): number {
  if (timeZone === BROWSER_CLOCK) {
    const d = new Date(instantMs);
    return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds());
  }
  const p: Record<string, number> = {};
  for (const part of partsIn(timeZone).formatToParts(instantMs)) p[part.type] = Number(part.value);
  const ms = ((instantMs % 1000) + 1000) % 1000;
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!, ms);
}

/**
 * The instant at which `timeZone`'s clock reads `wallMs`. A reading skipped by a
 * spring-forward gap lands an hour on; one repeated in autumn takes the first.
 */
export function wallToInstant(wallMs: number, timeZone: string): number {
  const first = wallMs - (zonedWallMs(wallMs, timeZone) - wallMs);
  const second = wallMs - (zonedWallMs(first, timeZone) - first);
  // The earlier of two candidates that both read `wallMs` (the repeated hour).
  const earlier = Math.min(first, second);
  return zonedWallMs(earlier, timeZone) === wallMs ? earlier : Math.max(first, second);
}

const nameFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneName(timeZone: string, atMs: number, style: 'shortGeneric' | 'short', locale: string): string {
  const key = `${locale}|${timeZone}|${style}`;
  let f = nameFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: style });
    nameFormatters.set(key, f);
  }
  return f.formatToParts(atMs).find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/**
 * "PT", "ET", "GMT+1": the account zone's short name at an instant, for a time
 * written in that zone. Generic names ("PT") read best; where a locale has none
 * short ("Germany Time") the offset is clearer.
 */
export function zoneAbbreviation(timeZone: string, atMs: number, locale = 'en-US'): string {
  const generic = zoneName(timeZone, atMs, 'shortGeneric', locale);
  return generic && !/\s/.test(generic) && generic.length <= 5 ? generic : zoneName(timeZone, atMs, 'short', locale);
}

/**
 * The label a wall time of the account needs to be read right in this browser:
 * '' when both clocks read the same at that instant, else the account zone's short name.
 */
export function zoneLabel(wallMs: number, zones: Zones = {}, locale = 'en-US'): string {
  const { account, browser } = resolveZones(zones);
  if (account === browser) return '';
  const at = wallToInstant(wallMs, account);
  // Same offset at that instant (Detroit and New York): the reading is the same here.
  if (Math.abs(zonedWallMs(at, browser) - wallMs) < 60_000) return '';
  return zoneAbbreviation(account, at, locale);
}

/** Every IANA zone this browser knows, for the options' searchable list (UTC included). */
export function timeZoneNames(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return supported.includes('UTC') ? supported : [...supported, 'UTC'];
}
