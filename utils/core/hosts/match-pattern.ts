// A CRM site is stored as a browser match pattern
// (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns),
// because that is what both `permissions.request` and
// `scripting.registerContentScripts` take. Users type addresses, so anything
// that looks like an address is reduced to "every page of that host".

export type PatternResult = { ok: true; pattern: string } | { ok: false; message: string };

const SCHEMES = new Set(['http', 'https', '*']);
/** A hostname as the URL parser prints it: lowercase labels, IPv4, or a bracketed IPv6. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$|^\[[0-9a-f:.]+\]$/;

function hostProblem(host: string): string | null {
  if (host === '' ) return 'The address has no host name.';
  if (host === '*') return 'Enter one site, not every site: a host name such as crm.example.com.';
  const bare = host.startsWith('*.') ? host.slice(2) : host;
  if (bare.includes('*')) return 'A wildcard (*) may only stand at the start of the host name, as in *.example.com.';
  if (!HOST.test(bare)) return `"${host}" is not a host name.`;
  return null;
}

/**
 * The match pattern for what the user typed in "Add site", or why it is not one.
 * Input containing `*` is read as a match pattern and kept (minus any port, which
 * match patterns cannot express); anything else is read as an address, `https://`
 * assumed, and widened to the whole host.
 */
export function normalizeSitePattern(input: string): PatternResult {
  const text = input.trim();
  if (text === '') return { ok: false, message: 'Enter the CRM address, like crm.example.com, or a match pattern.' };
  if (text === '<all_urls>') return { ok: false, message: 'Enter one site, not every site: a host name such as crm.example.com.' };
  if (/\s/.test(text)) return { ok: false, message: 'An address has no spaces in it.' };
  return text.includes('*') ? normalizePattern(text) : normalizeAddress(text);
}

function normalizePattern(text: string): PatternResult {
  const m = /^([^:/]+):\/\/([^/]*)(\/.*)?$/.exec(text);
  if (!m) return { ok: false, message: 'A match pattern looks like *://*.example.com/*.' };
  const scheme = m[1]!.toLowerCase();
  if (!SCHEMES.has(scheme)) return { ok: false, message: 'A CRM site must use http or https.' };
  const host = m[2]!.toLowerCase().replace(/:\d*$/, '');
  const problem = hostProblem(host);
  if (problem) return { ok: false, message: problem };
  const path = m[3] ?? '/*';
  return { ok: true, pattern: `${scheme}://${host}${path}` };
}

function normalizeAddress(text: string): PatternResult {
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[^:/]+:\d+(\/|$)/.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, message: `"${text}" is not a web address.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: 'A CRM site must use http or https.' };
  }
  const problem = hostProblem(url.hostname);
  if (problem) return { ok: false, message: problem };
  return { ok: true, pattern: `${url.protocol}//${url.hostname}/*` };
}

/** True when `pattern` is exactly what normalizeSitePattern produces for it: stored data is checked with this. */
export function isSitePattern(pattern: string): boolean {
  const r = normalizeSitePattern(pattern);
  return r.ok && r.pattern === pattern;
}

/** Counts character comparisons, so a test can show the work is bounded without timing it. */
export interface Steps {
  n: number;
}

/**
 * Whether `text` is `glob` with each `*` standing for any text (none included).
 * Never a regular expression: `^/.*a.*a.*b$` backtracks for seconds on a long
 * address, on every message a page's content script sends. Here the first and
 * last parts are fixed at the ends and each part between is placed at its earliest
 * position after the one before (the earliest fit never leaves less room for the
 * rest), so the work grows with text length × glob length at most.
 */
export function globMatches(glob: string, text: string, steps?: Steps): boolean {
  const parts = glob.split('*');
  if (steps) steps.n += parts.length;
  if (parts.length === 1) return glob === text;
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (steps) steps.n += first.length + last.length;
  if (first.length + last.length > text.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  let from = first.length;
  const end = text.length - last.length;
  for (const part of parts.slice(1, -1)) {
    if (part === '') continue;
    const at = text.indexOf(part, from);
    // A naive search compares the part at each position it tries.
    if (steps) steps.n += ((at < 0 ? text.length - from : at - from) + 1) * part.length;
    if (at < 0 || at + part.length > end) return false;
    from = at + part.length;
  }
  return true;
}

/** Whether a wildcard host (`*.example.com`) covers `host`: example.com itself and any subdomain. */
function covers(wild: string, host: string): boolean {
  return wild.startsWith('*.') && (host === wild.slice(2) || host.endsWith(wild.slice(1)));
}

/**
 * Whether the browser would run a content script registered for `pattern` on `url`
 * (so a content script can find the site, and with it the mode and rules, it runs for).
 * As in browsers, `*.example.com` also matches example.com, and the path part is
 * matched against the path and query, in linear time (globMatches).
 */
export function urlMatchesPattern(pattern: string, url: string, steps?: Steps): boolean {
  const m = /^(\*|https?):\/\/([^/]+)(\/.*)$/.exec(pattern);
  if (!m) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  const [, scheme, host, path] = m as unknown as [string, string, string, string];
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  if (scheme !== '*' && `${scheme}:` !== u.protocol) return false;
  return (u.hostname === host || covers(host, u.hostname)) && globMatches(path, u.pathname + u.search, steps);
}

/** The origin pattern (`https://host/*`) a URL belongs to, for asking host permission. */
export function originPattern(url: string): string | null {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}/*`;
  } catch {
    return null;
  }
}

/** A host pattern (`crm.example.com`, `*.example.com`) against a concrete host or another pattern. */
function hostsOverlap(a: string, b: string): boolean {
  return a === b || covers(a, b.replace(/^\*\./, '')) || covers(b, a.replace(/^\*\./, ''));
}

/**
 * Whether two match patterns may reach a same host, paths ignored: browsers
 * treat the path of a host permission as `/*`, so dropping access for
 * `https://crm.example.com/leads/*` also drops it for `https://crm.example.com/contacts/*`.
 */
export function patternsShareHosts(a: string, b: string): boolean {
  const parse = (p: string) => /^(\*|https?):\/\/([^/]+)\//.exec(p);
  const ma = parse(a);
  const mb = parse(b);
  if (!ma || !mb) return false;
  const schemes = ma[1] === '*' || mb[1] === '*' || ma[1] === mb[1];
  return schemes && hostsOverlap(ma[2]!, mb[2]!);
}

/**
 * Whether every host `inner` may reach is reached by `outer` too (paths
 * ignored, as host permissions do): a manifest host covers itself, but not a
 * wildcard over it.
 */
export function patternCoversHosts(outer: string, inner: string): boolean {
  const parse = (p: string) => /^(\*|https?):\/\/([^/]+)\//.exec(p);
  const o = parse(outer);
  const i = parse(inner);
  if (!o || !i) return false;
  if (o[1] !== '*' && o[1] !== i[1]) return false;
  const [oh, ih] = [o[2]!, i[2]!];
  if (oh === ih) return true;
  return oh.startsWith('*.') && covers(oh, ih.replace(/^\*\./, ''));
}
