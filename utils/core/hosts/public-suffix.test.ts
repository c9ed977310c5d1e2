import { describe, expect, it } from 'vitest';
import { publicSuffixProblem } from './public-suffix';

describe('publicSuffixProblem (issue 8, item 9)', () => {
  it.each([
    '*://*.com/*',
    'https://*.co.uk/*',
    'https://*.github.io/*',
    'https://com/*',
    'https://*.com.au/*',
  ])('refuses %s', (pattern) => {
    expect(publicSuffixProblem(pattern)).toMatch(/covers every site under the public suffix/);
  });

  it.each([
    '*://*.example.com/*',
    'https://crm.example.co.uk/*',
    'https://acme.github.io/*',
    'http://localhost/*',
    'http://127.0.0.1/*',
    'http://[::1]/*',
    'https://crm.internal/*',
  ])('accepts %s', (pattern) => {
    expect(publicSuffixProblem(pattern)).toBeNull();
  });
});

describe('where sites are added', () => {
  it('Add site refuses a pattern covering a public suffix', async () => {
    const { checkNewSite } = await import('../../sites/actions');
    expect(checkNewSite([], '*://*.com/*')).toMatchObject({ ok: false, message: expect.stringMatching(/public suffix com/) });
    expect(checkNewSite([], '*://*.example.com/*')).toEqual({ ok: true, pattern: '*://*.example.com/*' });
  });

  it('an import refuses it too', async () => {
    const { planImport } = await import('../transfer/export-import');
    const plan = planImport(
      JSON.stringify({ format: 'convoso-callbacks-settings', version: 1, sites: [{ pattern: '*://*.com/*', mode: 'badge' }] }),
      { sites: [], managed: { problems: [] } } as never,
    );
    expect(plan.rejected).toEqual([{ label: 'Site *://*.com/*', message: expect.stringMatching(/public suffix com/) }]);
  });
});
