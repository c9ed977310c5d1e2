import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../sites-messages';
import type { Site } from '../schema';
import { siteConfigFor } from './site-config-for';

const CRM = 'https://crm.example.com/leads/view?id=5';
const site = (id: string, pattern: string, mode: Site['mode'], rules: Site['rules'] = []): Site => ({ id, pattern, mode, rules });

describe('siteConfigFor', () => {
  it.each<[string, Site[]]>([
    ['no sites', []],
    ['sites of other hosts', [site('x', 'https://other.example.com/*', 'off')]],
    ['a site limited to another path', [site('x', 'https://crm.example.com/admin/*', 'off')]],
  ])('%s -> badge mode, built-in detectors only', (_label, sites) => {
    expect(siteConfigFor(sites, CRM)).toEqual(DEFAULT_CONFIG);
  });

  it('uses the first matching site, its mode and its rules', () => {
    const rules: Site['rules'] = [
      { kind: 'url', pattern: 'id={id}' },
      { kind: 'selector', selector: '.lead', source: 'attribute', attribute: 'data-id' },
    ];
    const sites = [
      site('other', 'https://other.example.com/*', 'off'),
      site('crm', 'https://crm.example.com/*', 'inline', rules),
      site('crm-2', 'https://crm.example.com/leads/*', 'off'),
    ];
    expect(siteConfigFor(sites, CRM)).toEqual({ mode: 'inline', rules });
  });

  it.each<Site['mode']>(['off', 'badge', 'inline'])('mode %s is kept', (mode) => {
    expect(siteConfigFor([site('crm', '*://*.example.com/*', mode)], CRM)).toEqual({ mode, rules: [] });
  });
});
