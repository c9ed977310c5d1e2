import { describe, expect, it } from 'vitest';
import { globMatches, patternCoversHosts, isSitePattern, normalizeSitePattern, originPattern, patternsShareHosts, urlMatchesPattern } from './match-pattern';

describe('normalizeSitePattern', () => {
  it.each([
    ['crm.example.com', 'https://crm.example.com/*'],
    ['  crm.example.com  ', 'https://crm.example.com/*'],
    ['CRM.Example.COM', 'https://crm.example.com/*'],
    ['https://crm.example.com/leads/123', 'https://crm.example.com/*'],
    ['https://crm.example.com/leads/123?lead_id=5#top', 'https://crm.example.com/*'],
    ['http://crm.example.com', 'http://crm.example.com/*'],
    ['http://localhost:3000/x', 'http://localhost/*'],
    ['localhost:3000/x', 'https://localhost/*'],
    ['http://127.0.0.1:8080/crm/lead.html', 'http://127.0.0.1/*'],
    ['intranet', 'https://intranet/*'],
    ['*://*.example.com/*', '*://*.example.com/*'],
    ['https://*.example.com/*', 'https://*.example.com/*'],
    ['https://*.example.com', 'https://*.example.com/*'],
    ['https://crm.example.com/leads/*', 'https://crm.example.com/leads/*'],
    ['HTTPS://CRM.example.com/*', 'https://crm.example.com/*'],
    ['http://localhost:3000/*', 'http://localhost/*'],
  ])('%j -> %s', (input, pattern) => {
    expect(normalizeSitePattern(input)).toEqual({ ok: true, pattern });
  });

  it.each([
    ['', /Enter the CRM address/],
    ['   ', /Enter the CRM address/],
    ['not a url', /no spaces/],
    ['<all_urls>', /one site/],
    ['*://*/*', /one site/],
    ['https://*/*', /one site/],
    ['https://crm.*.com/*', /only stand at the start/],
    ['https://*crm.example.com/*', /only stand at the start/],
    ['ftp://files.example.com/*', /http or https/],
    ['ftp://files.example.com', /http or https/],
    ['file:///home/me/*', /http or https/],
    ['javascript:alert(1)', /http or https/],
    ['mailto:someone@example.com', /http or https/],
    ['https://', /not a web address|no host/],
    ['https://exa_mple.com', /not a host name|not a web address/],
    ['*.example.com', /match pattern looks like/],
    ['https://-bad-.example.com/*', /not a host name/],
  ])('%j is refused', (input, message) => {
    const result = normalizeSitePattern(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe('isSitePattern', () => {
  it.each([
    ['https://crm.example.com/*', true],
    ['*://*.example.com/*', true],
    ['http://127.0.0.1/*', true],
    ['https://crm.example.com/leads/*', true],
    ['crm.example.com', false],
    ['https://crm.example.com', false],
    ['https://CRM.example.com/*', false],
    ['http://localhost:3000/*', false],
    ['<all_urls>', false],
  ])('%s -> %s', (pattern, expected) => {
    expect(isSitePattern(pattern)).toBe(expected);
  });
});

describe('urlMatchesPattern', () => {
  it.each([
    ['https://crm.example.com/*', 'https://crm.example.com/leads/1', true],
    ['https://crm.example.com/*', 'https://crm.example.com', true],
    ['https://crm.example.com/*', 'http://crm.example.com/leads/1', false],
    ['https://crm.example.com/*', 'https://evilcrm.example.com/', false],
    ['https://crm.example.com/*', 'https://crm.example.com.evil.net/', false],
    ['*://crm.example.com/*', 'http://crm.example.com/x', true],
    ['*://crm.example.com/*', 'ftp://crm.example.com/x', false],
    ['*://*.example.com/*', 'https://a.b.example.com/x', true],
    ['*://*.example.com/*', 'https://example.com/x', true],
    ['*://*.example.com/*', 'https://notexample.com/x', false],
    ['http://127.0.0.1/*', 'http://127.0.0.1:4321/crm/lead.html?lead_id=1', true],
    ['http://127.0.0.1/*', 'http://localhost:4321/crm/lead.html', false],
    ['https://crm.example.com/leads/*', 'https://crm.example.com/leads/7?x=1', true],
    ['https://crm.example.com/leads/*', 'https://crm.example.com/accounts/7', false],
    ['https://crm.example.com/*', 'not a url', false],
    ['garbage', 'https://crm.example.com/', false],
  ])('%s on %s -> %s', (pattern, url, expected) => {
    expect(urlMatchesPattern(pattern, url)).toBe(expected);
  });
});

describe('originPattern', () => {
  it.each([
    ['https://api.example.com/v1', 'https://api.example.com/*'],
    ['http://localhost:4010/v1', 'http://localhost/*'],
    ['nonsense', null],
  ])('%s -> %s', (url, expected) => {
    expect(originPattern(url)).toBe(expected);
  });
});

describe('patternsShareHosts', () => {
  it.each<[string, string, boolean]>([
    ['https://crm.example.com/leads/*', 'https://crm.example.com/contacts/*', true],
    ['https://crm.example.com/*', 'http://crm.example.com/*', false],
    ['*://crm.example.com/*', 'http://crm.example.com/*', true],
    ['https://*.example.com/*', 'https://crm.example.com/*', true],
    ['https://crm.example.com/*', 'https://*.example.com/*', true],
    ['https://*.example.com/*', 'https://example.com/*', true],
    ['https://*.a.example.com/*', 'https://*.example.com/*', true],
    ['https://*.example.com/*', 'https://*.other.com/*', false],
    ['https://crm.example.com/*', 'https://example.com/*', false],
    ['https://notexample.com/*', 'https://*.example.com/*', false],
    ['https://crm.example.com/*', 'not a pattern', false],
  ])('%s and %s -> %s', (a, b, expected) => {
    expect(patternsShareHosts(a, b)).toBe(expected);
    expect(patternsShareHosts(b, a)).toBe(expected);
  });
});

// Issue 20.4: a site pattern with several `*` in its path was a backtracking regular
// expression (`^/.*a.*a.*b$`); a 30,000-character address on such a site blocked the
// background for 43 s. The work is counted, never timed.
describe('urlMatchesPattern in linear time, whatever the pattern', () => {
  const bound = (text: string, glob: string) => (text.length + 1) * (glob.length + 1);

  it.each([
    ['/*', '/leads/7', true],
    ['/leads/*', '/leads/', true],
    ['/*/lead/*', '/contacts/77/lead/4242', true],
    ['/*a*b', '/xaxb', true],
    ['/*a*b', '/xaxbc', false],
    ['/a*a', '/a', false],
    ['/*x*x*', '/x', false],
    ['/*.php?*id=*', '/crm/edit.php?lead_id=5', true],
    ['/exact', '/exact', true],
    ['/exact', '/exactly', false],
  ])('%s on %s -> %s', (glob, text, expected) => {
    expect(globMatches(glob, text)).toBe(expected);
  });

  it('counts its work within text length × pattern length on a hostile address', () => {
    const glob = '/*a*a*a*a*a*b';
    const text = `/${'a'.repeat(30_000)}`;
    const steps = { n: 0 };
    expect(globMatches(glob, text, steps)).toBe(false);
    expect(steps.n).toBeGreaterThan(0);
    expect(steps.n).toBeLessThanOrEqual(bound(text, glob));
  });

  it('matches a site pattern with several * against a long address, counting its work', () => {
    // Small enough that the old regular expression answered too; it counted nothing.
    const pattern = 'https://crm.example.com/*a*a*b';
    const url = `https://crm.example.com/${'a'.repeat(300)}`;
    const steps = { n: 0 };
    expect(urlMatchesPattern(pattern, url, steps)).toBe(false);
    expect(steps.n).toBeGreaterThan(0);
    expect(steps.n).toBeLessThanOrEqual(bound(`/${'a'.repeat(300)}`, '/*a*a*b'));
    expect(urlMatchesPattern(pattern, `${url}b`)).toBe(true);
  });

  it('answers for the 30,000-character address of the report', () => {
    const url = `https://crm.example.com/${'a'.repeat(30_000)}?x=${'a'.repeat(100)}`;
    expect(urlMatchesPattern('https://crm.example.com/*a*a*a*a*a*b', url)).toBe(false);
    expect(urlMatchesPattern('https://crm.example.com/*a*a*a*a*a*', url)).toBe(true);
  });
});

describe('patternCoversHosts', () => {
  it.each<[string, string, boolean]>([
    ['https://admin.convoso.com/*', 'https://admin.convoso.com/*', true],
    ['https://admin.convoso.com/*', 'https://admin.convoso.com/api/*', true],
    ['https://admin.convoso.com/*', '*://*.convoso.com/*', false],
    ['https://admin.convoso.com/*', 'http://admin.convoso.com/*', false],
    ['*://*.convoso.com/*', 'https://admin.convoso.com/*', true],
    ['*://*.convoso.com/*', 'https://*.a.convoso.com/*', true],
    ['https://*.convoso.com/*', '*://admin.convoso.com/*', false],
    ['https://a.example/*', 'nonsense', false],
  ])('%s covers %s: %s', (outer, inner, expected) => {
    expect(patternCoversHosts(outer, inner)).toBe(expected);
  });
});
