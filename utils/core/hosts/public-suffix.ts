import { parse } from 'tldts';

// `*://*.com/*` is one pattern but every .com site: the badge (and the access the
// browser grants for it) would cover the whole suffix. The Public Suffix List
// knows which names are suffixes (com, co.uk, github.io…); tldts ships it and
// is kept up to date. Only the options page (adding, importing sites) uses it:
// the list is far too big for the content script or the popup.

/** Why `pattern` (a normalized match pattern) covers a public suffix, or null. */
export function publicSuffixProblem(pattern: string): string | null {
  const host = /^[^:]+:\/\/([^/]*)/.exec(pattern)?.[1] ?? '';
  const bare = host.replace(/^\*\./, '');
  if (bare === '' || bare === 'localhost' || bare.startsWith('[')) return null;
  const info = parse(bare, { allowPrivateDomains: true });
  if (info.isIp) return null;
  // A listed suffix has no registrable domain of its own.
  if (info.domain === null && (info.isIcann || info.isPrivate)) {
    return `${host} covers every site under the public suffix ${bare}. Enter one site, such as crm.example.${bare}, or *.example.${bare} for its subdomains.`;
  }
  return null;
}
