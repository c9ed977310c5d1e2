import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { planImport } from '../core/transfer/plan-import';
import { checkNewSite } from './actions';
import { checkSitePattern } from './check-pattern';
import { parseSitesPolicy } from './sites-policy';
import { sitesTransferSection } from './transfer';

// Every source of a site gets the same checks (issue 8, item 9; issue 20.5): Add
// site, an import and the administrator's policy.

beforeEach(() => fakeBrowser.reset());

describe('checkSitePattern', () => {
  it.each([
    ['crm.example.com', 'https://crm.example.com/*'],
    ['*://*.example.com/*', '*://*.example.com/*'],
    ['https://acme.github.io/x', 'https://acme.github.io/*'],
  ])('accepts %s as %s', (input, pattern) => {
    expect(checkSitePattern(input)).toEqual({ ok: true, pattern });
  });

  it('refuses a whole public suffix, naming the pattern it would have been', () => {
    expect(checkSitePattern('https://*.co.uk')).toEqual({ ok: false, pattern: 'https://*.co.uk/*', message: expect.stringMatching(/public suffix co\.uk/) });
    expect(checkSitePattern('not a site')).toEqual({ ok: false, message: 'An address has no spaces in it.' });
  });
});

describe('where sites are added', () => {
  it('Add site refuses a pattern covering a public suffix', () => {
    expect(checkNewSite([], '*://*.com/*')).toMatchObject({ ok: false, message: expect.stringMatching(/public suffix com/) });
    expect(checkNewSite([], '*://*.example.com/*')).toEqual({ ok: true, pattern: '*://*.example.com/*' });
  });

  it('an import refuses it too', async () => {
    const text = JSON.stringify({ format: 'convoso-callbacks-settings', version: 1, sites: [{ pattern: '*://*.com/*', mode: 'badge' }] });
    const plan = await planImport(text, { fields: [], sections: [sitesTransferSection()] });
    expect(plan.rejected).toEqual([{ label: 'Site *://*.com/*', message: expect.stringMatching(/public suffix com/) }]);
  });

  it('and so does the policy', () => {
    expect(parseSitesPolicy({ sites: [{ pattern: '*://*.com/*' }] }).problems).toEqual([expect.stringMatching(/public suffix com/)]);
  });
});
