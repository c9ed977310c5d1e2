// @vitest-environment happy-dom
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  applyUrlRule,
  CustomRuleSchema,
  CustomRulesSchema,
  hasNestedRepetition,
  scanSelectorRule,
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
  it.each<[CustomRule, ReturnType<typeof validateRule>]>([
    [{ kind: 'url', pattern: 'lead/(\\d+)' }, { ok: true }],
    [{ kind: 'url', pattern: '(?:lead|contact)/(\\d+)' }, { ok: true }],
    [{ kind: 'url', pattern: 'lead/(?<id>\\d+)' }, { ok: true }],
    [{ kind: 'url', pattern: 'lead/\\d+' }, { ok: false, field: 'pattern', message: 'Put parentheses around the lead ID, e.g. lead=(\\d+).' }],
    [{ kind: 'url', pattern: 'lead/(?:\\d+)' }, { ok: false, field: 'pattern', message: 'Put parentheses around the lead ID, e.g. lead=(\\d+).' }],
    [{ kind: 'url', pattern: '  ' }, { ok: false, field: 'pattern', message: 'Enter a regular expression.' }],
    [{ kind: 'selector', selector: '#lead', source: 'text' }, { ok: true }],
    [{ kind: 'selector', selector: '  ', source: 'text' }, { ok: false, field: 'selector', message: 'Enter a CSS selector.' }],
    [{ kind: 'selector', selector: 'a[href', source: 'text' }, { ok: false, field: 'selector', message: 'This is not a valid CSS selector.' }],
    [{ kind: 'selector', selector: 'a', source: 'attribute' }, { ok: false, field: 'attribute', message: 'Name the attribute that holds the lead ID, e.g. data-id.' }],
    [{ kind: 'selector', selector: 'a', source: 'attribute', attribute: ' ' }, { ok: false, field: 'attribute', message: 'Name the attribute that holds the lead ID, e.g. data-id.' }],
    [{ kind: 'selector', selector: 'a', source: 'attribute', attribute: 'data id' }, { ok: false, field: 'attribute', message: 'An attribute name has no spaces, quotes, "=", ">" or "/".' }],
    [{ kind: 'selector', selector: 'a', source: 'attribute', attribute: 'href', extract: 'id=(\\d+)' }, { ok: true }],
    [{ kind: 'selector', selector: 'a', source: 'text', extract: '' }, { ok: true }],
    [{ kind: 'selector', selector: 'a', source: 'text', extract: 'id=\\d+' }, { ok: false, field: 'extract', message: 'Put parentheses around the lead ID, e.g. lead=(\\d+).' }],
  ])('%j -> %j', (rule, expected) => {
    expect(validateRule(rule)).toEqual(expected);
  });

  it.each<[CustomRule, 'pattern' | 'extract']>([
    [{ kind: 'url', pattern: 'lead/(\\d+' }, 'pattern'],
    [{ kind: 'url', pattern: '[' }, 'pattern'],
    [{ kind: 'selector', selector: 'a', source: 'text', extract: '(\\d+))' }, 'extract'],
  ])('names the broken regular expression in %j', (rule, field) => {
    const result = validateRule(rule);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.field).toBe(field);
    expect(!result.ok && result.message).toMatch(/^This is not a valid regular expression \(.+\)\.$/);
  });

  it.each<[string, boolean]>([
    // Exponential backtracking: a repeat inside a repeated group.
    ['(\\d+)+', true],
    ['lead=(\\w+\\s?)*(\\d+)', true],
    ['(?:a*b)*(\\d+)', true],
    ['((\\d)+)', false],
    ['(((\\d)+))*x', true],
    ['(x{2,}){3}(\\d+)', true],
    ['(?<id>\\d+)+', true],
    ['(a+?)+?(\\d)', true],
    // One level of repetition, or none, is fine.
    ['lead/(\\d+)', false],
    ['(?:lead|contact)[-_]?(\\d+)', false],
    ['(\\d+)?x', false],
    ['(ab){1}(\\d+)', false],
    ['(\\d{6})+', true],
    ['(\\d{1})+', false],
    // Quantifier characters inside a class or escaped are not repeats.
    ['([+*]\\d)+', false],
    ['(\\+\\*)+(\\d)', false],
    ['([\\]+])*(\\d)', false],
  ])('hasNestedRepetition(%s) -> %s', (source, expected) => {
    expect(hasNestedRepetition(source)).toBe(expected);
  });

  it('refuses a pattern that could freeze the page, in either regex field', () => {
    const message = 'A repeated group holds another repeat, like (\\d+)+, which can freeze the page. Repeat only once, e.g. (\\d+).';
    expect(validateRule({ kind: 'url', pattern: 'lead/(\\d+)+$' })).toEqual({ ok: false, field: 'pattern', message });
    expect(validateRule({ kind: 'selector', selector: 'a', source: 'text', extract: '(\\w+\\s?)*(\\d+)' })).toEqual({
      ok: false,
      field: 'extract',
      message,
    });
  });

  it('uses the selector check it is given, and no check without a DOM or a check', () => {
    const rule: CustomRule = { kind: 'selector', selector: 'div', source: 'text' };
    expect(validateRule(rule, () => false)).toEqual({ ok: false, field: 'selector', message: 'This is not a valid CSS selector.' });
    expect(validateRule({ ...rule, selector: 'a[href' }, () => true)).toEqual({ ok: true });
  });
});

describe('applying rules', () => {
  it.each<[string, string, string | null]>([
    ['crm/lead/(\\d+)', 'https://crm.example.com/crm/lead/4711/edit', '4711'],
    ['crm/lead/(\\d+)', 'https://crm.example.com/crm/lead/0/edit', null],
    ['crm/lead/(\\d+)', 'https://crm.example.com/crm/contact/4711', null],
    ['(?:lead|contact)-(\\d+)|id=(\\d+)', 'https://crm.example.com/x?id=88', '88'],
    ['rec=([^&]+)', 'https://crm.example.com/x?rec=12abc', null],
    ['rec=([^&]+)', 'https://crm.example.com/x?rec=%2012', null],
    ['lead/(\\d+', 'https://crm.example.com/lead/5', null],
    // Stored before the check existed (or hand-edited): never run, even where it would match.
    ['lead/(\\d+)+', 'https://crm.example.com/lead/5', null],
    // Only the first 4096 characters of an address are read.
    ['lead=(\\d+)', `https://crm.example.com/x?pad=${'a'.repeat(4040)}&lead=42`, '42'],
    ['lead=(\\d+)', `https://crm.example.com/x?pad=${'a'.repeat(4100)}&lead=42`, null],
  ])('url rule %s on %s -> %j', (pattern, url, expected) => {
    expect(applyUrlRule({ kind: 'url', pattern }, url)).toBe(expected);
  });

  it.each<[SelectorRule, string, string | null]>([
    [{ kind: 'selector', selector: '#lead-id', source: 'text' }, '<span id="lead-id"> 321 </span>', '321'],
    [{ kind: 'selector', selector: '#lead-id', source: 'text' }, '<span id="lead-id">Lead 321</span>', null],
    [{ kind: 'selector', selector: '#lead-id', source: 'text', extract: 'Lead #?(\\d+)' }, '<span id="lead-id">Lead #321 (hot)</span>', '321'],
    [{ kind: 'selector', selector: 'a.lead', source: 'attribute', attribute: 'href', extract: 'lead=(\\d+)' }, '<a class="lead" href="/x?lead=654">Jane</a>', '654'],
    [{ kind: 'selector', selector: '.rec', source: 'attribute', attribute: 'data-rec' }, '<b class="rec" data-rec="x"></b><b class="rec" data-rec="77"></b>', '77'],
    [{ kind: 'selector', selector: 'input.lead', source: 'attribute', attribute: 'value' }, '<input class="lead" value="13">', '13'],
    [{ kind: 'selector', selector: 'a[href', source: 'text' }, '<a>5</a>', null],
    [{ kind: 'selector', selector: 'a', source: 'attribute' }, '<a data-x="5">5</a>', null],
    [{ kind: 'selector', selector: 'a', source: 'text', extract: '(\\d+' }, '<a>5</a>', null],
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
