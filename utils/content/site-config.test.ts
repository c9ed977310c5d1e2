import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, readRule, siteConfigFor } from './site-config';

const CRM = 'https://crm.example.com/leads/view?id=5';

describe('siteConfigFor', () => {
  it.each([
    ['nothing stored', undefined],
    ['null', null],
    ['a string', 'garbage'],
    ['an object instead of a list', { pattern: 'https://crm.example.com/*', mode: 'off' }],
    ['sites of other hosts', [{ id: 'x', pattern: 'https://other.example.com/*', mode: 'off', rules: [] }]],
    ['entries without a pattern', [{ id: 'x', mode: 'off', rules: [] }, null, 7]],
  ])('%s -> badge mode, built-in detectors only', (_label, stored) => {
    expect(siteConfigFor(stored, CRM)).toEqual(DEFAULT_CONFIG);
  });

  it('uses the first matching site, its mode and its readable rules', () => {
    const stored = [
      { id: 'other', pattern: 'https://other.example.com/*', mode: 'off', rules: [] },
      {
        id: 'crm',
        pattern: 'https://crm.example.com/*',
        mode: 'inline',
        rules: [
          { kind: 'url', pattern: 'id=(\\d+)' },
          { kind: 'selector', selector: '.lead', source: 'attribute', attribute: 'data-id' },
          { kind: 'selector', selector: '.lead', source: 'attribute' }, // no attribute: unusable
          { kind: 'script', code: 'alert(1)' },
        ],
      },
      { id: 'crm-2', pattern: 'https://crm.example.com/*', mode: 'off', rules: [] },
    ];
    expect(siteConfigFor(stored, CRM)).toEqual({
      mode: 'inline',
      rules: [
        { kind: 'url', pattern: 'id=(\\d+)' },
        { kind: 'selector', selector: '.lead', source: 'attribute', attribute: 'data-id' },
      ],
    });
  });

  it.each([
    ['off', 'off'],
    ['badge', 'badge'],
    ['bogus', 'badge'],
    [undefined, 'badge'],
  ])('mode %j -> %s', (mode, expected) => {
    expect(siteConfigFor([{ pattern: 'https://crm.example.com/*', mode, rules: 'not a list' }], CRM)).toEqual({
      mode: expected,
      rules: [],
    });
  });
});

describe('readRule', () => {
  it.each([
    [{ kind: 'url', pattern: 'lead/(\\d+)' }, { kind: 'url', pattern: 'lead/(\\d+)' }],
    [
      { kind: 'selector', selector: '#lead', source: 'text', extract: '(\\d+)', extra: 1 },
      { kind: 'selector', selector: '#lead', source: 'text', extract: '(\\d+)' },
    ],
  ])('reads %j', (input, expected) => expect(readRule(input)).toEqual(expected));

  it.each([
    null,
    'url',
    { kind: 'url' },
    { kind: 'url', pattern: '' },
    { kind: 'url', pattern: 'x'.repeat(501) },
    { kind: 'selector', selector: '#x', source: 'html' },
    { kind: 'selector', source: 'text' },
  ])('refuses %j', (input) => expect(readRule(input)).toBeNull());
});
