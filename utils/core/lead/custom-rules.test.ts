// @vitest-environment happy-dom
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  applyUrlRule,
  CustomRuleSchema,
  CustomRulesSchema,
  scanSelectorRule,
  upgradeRule,
  validateRule,
  type CustomRule,
  type SelectorRule,
} from './custom-rules';

function html(source: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = source;
  return root;
}

describe('CustomRuleSchema', () => {
  it.each<[string, unknown]>([
    ['url rule', { kind: 'url', pattern: 'lead/(\\d+)' }],
    ['text selector rule', { kind: 'selector', selector: '#lead', source: 'text' }],
    ['attribute rule with extract', { kind: 'selector', selector: 'a.lead', source: 'attribute', attribute: 'href', extract: 'id=(\\d+)' }],
  ])('accepts a %s', (_, rule) => {
    expect(v.is(CustomRuleSchema, rule)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['unknown kind', { kind: 'xpath', pattern: 'x' }],
    ['empty pattern', { kind: 'url', pattern: '' }],
    ['extra field', { kind: 'url', pattern: '(\\d+)', flags: 'i' }],
    ['missing source', { kind: 'selector', selector: '#lead' }],
    ['bad source', { kind: 'selector', selector: '#lead', source: 'html' }],
    ['huge selector', { kind: 'selector', selector: 'a'.repeat(501), source: 'text' }],
    ['not an object', 'lead_id'],
  ])('refuses %s', (_, rule) => {
    expect(v.is(CustomRuleSchema, rule)).toBe(false);
  });

  it('caps the number of rules', () => {
    const rule = { kind: 'url', pattern: '(\\d+)' };
    expect(v.is(CustomRulesSchema, Array(50).fill(rule))).toBe(true);
    expect(v.is(CustomRulesSchema, Array(51).fill(rule))).toBe(false);
  });
});

describe('validateRule', () => {
  const REGEX = 'Put {id} where the lead ID is, e.g. lead={id} or /leads/{id}; * stands for any text. Regular expressions are no longer used.';
  it.each<[CustomRule, ReturnType<typeof validateRule>]>([
    [{ kind: 'url', pattern: 'lead/{id}' }, { ok: true }],
    [{ kind: 'url', pattern: 'https://crm.example.com/*/lead/{id}' }, { ok: true }],
    [{ kind: 'url', pattern: '*lead={id}*' }, { ok: true }],
    [{ kind: 'url', pattern: 'lead/{id}/{id}' }, { ok: false, field: 'pattern', message: 'Use {id} only once.' }],
    [{ kind: 'url', pattern: 'lead/{id}?x={name}' }, { ok: false, field: 'pattern', message: 'Only {id} may stand in braces.' }],
    [{ kind: 'url', pattern: 'lead/7{id}' }, { ok: false, field: 'pattern', message: 'A digit right before or after {id} would be read as part of the ID.' }],
    [{ kind: 'url', pattern: 'lead/' }, { ok: false, field: 'pattern', message: REGEX }],
    // Regular expressions are refused; one with a template equivalent says which.
    [{ kind: 'url', pattern: 'lead/(\\d+)' }, { ok: false, field: 'pattern', message: 'Regular expressions are no longer used (they could freeze the page). Write it as lead/{id}' }],
    [{ kind: 'url', pattern: '(?:lead|contact)/(\\d+)' }, { ok: false, field: 'pattern', message: REGEX }],
    [{ kind: 'url', pattern: '  ' }, { ok: false, field: 'pattern', message: 'Enter the text around the lead ID with {id} in its place, e.g. /leads/{id}.' }],
    [{ kind: 'selector', selector: '#lead', source: 'text' }, { ok: true }],
    [{ kind: 'selector', selector: '  ', source: 'text' }, { ok: false, field: 'selector', message: 'Enter a CSS selector.' }],
    [{ kind: 'selector', selector: 'a[href', source: 'text' }, { ok: false, field: 'selector', message: 'This is not a valid CSS selector.' }],
    [{ kind: 'selector', selector: 'a', source: 'attribute' }, { ok: false, field: 'attribute', message: 'Name the attribute that holds the lead ID, e.g. data-id.' }],
    [{ kind: 'selector', selector: 'a', source: 'attribute', attribute: ' ' }, { ok: false, field: 'attribute', message: 'Name the attribute that holds the lead ID, e.g. data-id.' }],
    [{ kind: 'selector', selector: 'a', source: 'attribute', attribute: 'data id' }, { ok: false, field: 'attribute', message: 'An attribute name has no spaces, quotes, "=", ">" or "/".' }],
    [{ kind: 'selector', selector: 'a', source: 'attribute', attribute: 'href', extract: 'id={id}' }, { ok: true }],
    [{ kind: 'selector', selector: 'a', source: 'text', extract: '' }, { ok: true }],
    [{ kind: 'selector', selector: 'a', source: 'text', extract: '(\\w+\\s?)*(\\d+)' }, { ok: false, field: 'extract', message: REGEX }],
  ])('%j -> %j', (rule, expected) => {
    expect(validateRule(rule)).toEqual(expected);
  });

  it('upgradeRule rewrites a regular expression that has a template, and leaves the rest for validateRule to refuse', () => {
    expect(upgradeRule({ kind: 'url', pattern: '^https://crm\\.example\\.com/leads/(\\d+)$' })).toEqual({ kind: 'url', pattern: 'https://crm.example.com/leads/{id}' });
    expect(upgradeRule({ kind: 'selector', selector: 'a', source: 'text', extract: 'Lead #(\\d+)' })).toMatchObject({ extract: 'Lead #{id}' });
    expect(upgradeRule({ kind: 'url', pattern: 'lead/{id}' })).toEqual({ kind: 'url', pattern: 'lead/{id}' });
    const unsafe = { kind: 'url' as const, pattern: '(\\d+)+x' };
    expect(upgradeRule(unsafe)).toEqual(unsafe);
    expect(validateRule(upgradeRule(unsafe)).ok).toBe(false);
  });

  it('uses the selector check it is given, and no check without a DOM or a check', () => {
    const rule: CustomRule = { kind: 'selector', selector: 'div', source: 'text' };
    expect(validateRule(rule, () => false)).toEqual({ ok: false, field: 'selector', message: 'This is not a valid CSS selector.' });
    expect(validateRule({ ...rule, selector: 'a[href' }, () => true)).toEqual({ ok: true });
  });
});

describe('applying rules', () => {
  it.each<[string, string, string | null]>([
    ['crm/lead/{id}', 'https://crm.example.com/crm/lead/4711/edit', '4711'],
    ['CRM/Lead/{id}', 'https://crm.example.com/crm/lead/4711/edit', '4711'],
    ['crm/lead/{id}', 'https://crm.example.com/crm/lead/0/edit', null],
    ['crm/lead/{id}', 'https://crm.example.com/crm/contact/4711', null],
    ['https://crm.example.com/*/{id}/edit', 'https://crm.example.com/a/b/77/edit', '77'],
    ['&id={id}', 'https://crm.example.com/x?pid=5&id=88', '88'],
    ['rec={id}', 'https://crm.example.com/x?rec=12abc', '12'],
    ['rec={id}&', 'https://crm.example.com/x?rec=12abc&', null],
    ['lead/{id}', 'https://crm.example.com/lead/1234567890123456789', null],
    // Saved as a regular expression before templates: run as its template when it has one...
    ['crm/lead/(\\d+)', 'https://crm.example.com/crm/lead/4711/edit', '4711'],
    ['#customer-(\\d+)', 'https://crm.example.com/no-lead.html#customer-5', '5'],
    // ...never run as a regular expression otherwise.
    ['(?:lead|contact)-(\\d+)|id=(\\d+)', 'https://crm.example.com/x?id=88', null],
    ['rec=([^&]+)', 'https://crm.example.com/x?rec=12abc', null],
    ['lead/(\\d+', 'https://crm.example.com/lead/5', null],
    ['lead/(\\d+)+', 'https://crm.example.com/lead/5', null],
    // Only the first 4096 characters of an address are read.
    ['lead={id}', `https://crm.example.com/x?pad=${'a'.repeat(4040)}&lead=42`, '42'],
    ['lead={id}', `https://crm.example.com/x?pad=${'a'.repeat(4100)}&lead=42`, null],
  ])('url rule %s on %s -> %j', (pattern, url, expected) => {
    expect(applyUrlRule({ kind: 'url', pattern }, url)).toBe(expected);
  });

  it.each<[SelectorRule, string, string | null]>([
    [{ kind: 'selector', selector: '#lead-id', source: 'text' }, '<span id="lead-id"> 321 </span>', '321'],
    [{ kind: 'selector', selector: '#lead-id', source: 'text' }, '<span id="lead-id">Lead 321</span>', null],
    [{ kind: 'selector', selector: '#lead-id', source: 'text', extract: 'Lead #{id}' }, '<span id="lead-id">Lead #321 (hot)</span>', '321'],
    [{ kind: 'selector', selector: '#lead-id', source: 'text', extract: 'Lead #?(\\d+)' }, '<span id="lead-id">Lead #321 (hot)</span>', '321'],
    [{ kind: 'selector', selector: 'a.lead', source: 'attribute', attribute: 'href', extract: 'lead={id}' }, '<a class="lead" href="/x?lead=654">Jane</a>', '654'],
    [{ kind: 'selector', selector: '.rec', source: 'attribute', attribute: 'data-rec' }, '<b class="rec" data-rec="x"></b><b class="rec" data-rec="77"></b>', '77'],
    [{ kind: 'selector', selector: 'input.lead', source: 'attribute', attribute: 'value' }, '<input class="lead" value="13">', '13'],
    [{ kind: 'selector', selector: 'a[href', source: 'text' }, '<a>5</a>', null],
    [{ kind: 'selector', selector: 'a', source: 'attribute' }, '<a data-x="5">5</a>', null],
    [{ kind: 'selector', selector: 'a', source: 'text', extract: '(\\d+' }, '<a>5</a>', null],
    [{ kind: 'selector', selector: 'a', source: 'text', extract: '{id}{id}' }, '<a>5</a>', null],
    [{ kind: 'selector', selector: 'a', source: 'text', extract: '((\\d)+)+' }, '<a>5</a>', null],
  ])('selector rule %j on %s -> %j', (rule, source, expected) => {
    const finding = scanSelectorRule(rule, html(source));
    expect(finding.kind === 'one' ? finding.leadId : null).toBe(expected);
  });

  it('sees a list page as many', () => {
    const rule: SelectorRule = { kind: 'selector', selector: '.row .id', source: 'text' };
    expect(scanSelectorRule(rule, html('<p class="row"><i class="id">1</i></p><p class="row"><i class="id">2</i></p>'))).toEqual({
      kind: 'many',
      leadIds: ['1', '2'],
    });
  });
});
