// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { CustomRule } from './custom-rules';
import { detectLead, findAllLeadIds, testRules, type LeadDetection } from './detect';
import { buildLargeCrmTable } from '../../../tests/support/lead-fixtures';

function html(source: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = source;
  return root;
}

const parseHtml = (source: string): ParentNode => new DOMParser().parseFromString(source, 'text/html');

const CRM = 'https://crm.example.com/contacts/view';
const urlRule: CustomRule = { kind: 'url', pattern: '/contacts/{id}' };
const selectorRule: CustomRule = { kind: 'selector', selector: '.convoso-id', source: 'text' };

describe('detectLead', () => {
  it.each<[string, { url: string; body: string; rules?: CustomRule[]; convosoPage?: boolean }, LeadDetection]>([
    ['nothing anywhere', { url: CRM, body: '<p>Hello</p>' }, { leadId: null, reason: 'none' }],
    ['a URL parameter', { url: `${CRM}?lead_id=5`, body: '' }, { leadId: '5', source: 'url' }],
    ['a Convoso page', { url: 'https://admin.convoso.com/leads/edit_lead.php?lead_id=123', body: '' }, { leadId: '123', source: 'convoso' }],
    ['a page the caller calls Convoso', { url: `${CRM}?lead_id=5`, body: '', convosoPage: true }, { leadId: '5', source: 'convoso' }],
    ['a Convoso host the caller says is not', { url: 'https://admin.convoso.com/x?lead_id=5', body: '', convosoPage: false }, { leadId: '5', source: 'url' }],
    ['a Convoso page without URL id, with its form field', { url: 'https://agent.convoso.com/', body: '<input type="hidden" name="lead_id" value="44">' }, { leadId: '44', source: 'form' }],
    ['an attribute', { url: CRM, body: '<div data-lead-id="6"></div>' }, { leadId: '6', source: 'attribute' }],
    ['a form field', { url: CRM, body: '<input name="lead_id" value="7">' }, { leadId: '7', source: 'form' }],
    ['a custom URL rule over the URL parameter', { url: 'https://crm.example.com/contacts/8?lead_id=5', body: '', rules: [urlRule] }, { leadId: '8', source: 'custom-url' }],
    ['the URL over the DOM', { url: `${CRM}?lead_id=5`, body: '<div data-lead-id="6"></div><i class="convoso-id">9</i>', rules: [selectorRule] }, { leadId: '5', source: 'url' }],
    ['the URL even on a list page', { url: `${CRM}?lead_id=5`, body: '<div data-lead-id="1"></div><div data-lead-id="2"></div>' }, { leadId: '5', source: 'url' }],
    ['a custom selector over an attribute', { url: CRM, body: '<div data-lead-id="6"></div><i class="convoso-id">9</i>', rules: [selectorRule] }, { leadId: '9', source: 'custom-selector' }],
    ['an attribute over a form field', { url: CRM, body: '<div data-lead-id="6"></div><input name="lead_id" value="7">' }, { leadId: '6', source: 'attribute' }],
    ['a list page', { url: CRM, body: '<div data-lead-id="1"></div><div data-lead-id="2"></div><input name="lead_id" value="7">' }, { leadId: null, reason: 'many' }],
    ['a list by custom selector', { url: CRM, body: '<i class="convoso-id">1</i><i class="convoso-id">2</i><div data-lead-id="6"></div>', rules: [selectorRule] }, { leadId: null, reason: 'many' }],
    ['two forms for two leads', { url: CRM, body: '<input name="lead_id" value="1"><input name="lead_id" value="2">' }, { leadId: null, reason: 'many' }],
    ['the same lead repeated', { url: CRM, body: '<div data-lead-id="3"><b data-lead-id="3"></b></div>' }, { leadId: '3', source: 'attribute' }],
    ['a selector rule finding nothing falls through', { url: CRM, body: '<div data-lead-id="6"></div>', rules: [selectorRule] }, { leadId: '6', source: 'attribute' }],
    ['invalid ids everywhere', { url: `${CRM}?lead_id=0`, body: '<div data-lead-id="x"></div><input name="lead_id" value="-1">' }, { leadId: null, reason: 'none' }],
  ])('%s', (_, { url, body, rules, convosoPage }, expected) => {
    expect(detectLead({ url, root: html(body), rules, convosoPage })).toEqual(expected);
  });
});

describe('findAllLeadIds', () => {
  it('lists every lead element in document order, rules first per element', () => {
    const root = html(
      '<div id="a" data-lead-id="1"></div><i id="b" class="convoso-id">2</i><div id="c" data-lead-id="1"></div><div id="d" class="convoso-id" data-lead-id="4">3</div><div id="e" data-lead-id="x"></div>',
    );
    expect(findAllLeadIds(root, [selectorRule]).map((e) => [e.element.id, e.leadId])).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['c', '1'],
      ['d', '3'],
    ]);
  });

  it('prefers data-convoso-lead-id when the page uses it', () => {
    const root = html('<div id="a" data-convoso-lead-id="1" data-lead-id="900"></div><div id="b" data-lead-id="901"></div>');
    expect(findAllLeadIds(root).map((e) => [e.element.id, e.leadId])).toEqual([['a', '1']]);
  });

  it('is empty on a page without leads', () => {
    expect(findAllLeadIds(html('<p>nothing</p>'), [selectorRule])).toEqual([]);
  });

  it('stops at the cap', () => {
    const root = html(Array.from({ length: 10 }, (_, i) => `<b data-lead-id="${i + 1}"></b>`).join(''));
    expect(findAllLeadIds(root, [], 3).map((e) => e.leadId)).toEqual(['1', '2', '3']);
  });

  it('keeps document order when the cap is reached while merging a second source', () => {
    const root = html('<b id="a" data-lead-id="1"></b><i id="b" class="convoso-id">2</i><b id="c" data-lead-id="3"></b>');
    expect(findAllLeadIds(root, [selectorRule], 2).map((e) => [e.element.id, e.leadId])).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
  });
});

// Building 5,000 rows in happy-dom is heavy on a busy machine: a generous timeout, no speed
// assertion (detection speed is measured by `npm run bench` in a real browser).
describe('a 5,000-row CRM table', { timeout: 60_000 }, () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('is a list page whose rows inline mode finds, capped at 500', () => {
    const page = buildLargeCrmTable(document, 5000);
    expect(page.querySelectorAll('tr.row')).toHaveLength(5000);
    expect(detectLead({ url: CRM, root: document })).toEqual({ leadId: null, reason: 'many' });
    const all = findAllLeadIds(document);
    expect(all).toHaveLength(500);
    expect(all[0]?.leadId).toBe('100000');
    expect(all[499]?.leadId).toBe('100499');
    expect(all[0]?.element.localName).toBe('tr');
  });

  it('finds the one lead of a detail page below the table', () => {
    buildLargeCrmTable(document, 5000, { mode: 'detail', firstLeadId: 4242 });
    expect(detectLead({ url: CRM, root: document })).toEqual({ leadId: '4242', source: 'form' });
    expect(findAllLeadIds(document)).toEqual([]);
  });
});

describe('testRules', () => {
  const rules: CustomRule[] = [
    urlRule,
    selectorRule,
    { kind: 'selector', selector: 'a[href', source: 'text' },
  ];

  it('reports a pasted URL', () => {
    const report = testRules(rules, '  https://admin.convoso.com/contacts/77?lead_id=5 ', parseHtml);
    expect(report.input).toBe('url');
    expect(report.builtIn).toEqual({ url: '5', convoso: '5', attribute: { kind: 'none' }, form: { kind: 'none' } });
    expect(report.rules.map((r) => [r.leadIds, r.validation.ok])).toEqual([
      [['77'], true],
      [[], true],
      [[], false],
    ]);
    expect(report.result).toEqual({ leadId: '77', source: 'custom-url' });
  });

  it('reports a pasted HTML snippet', () => {
    const report = testRules(
      rules,
      '<ul><li data-lead-id="1"><i class="convoso-id">11</i></li><li data-lead-id="2"><i class="convoso-id">12</i></li></ul><input name="lead_id" value="3">',
      parseHtml,
    );
    expect(report.input).toBe('html');
    expect(report.builtIn).toEqual({
      url: null,
      convoso: null,
      attribute: { kind: 'many', leadIds: ['1', '2'] },
      form: { kind: 'one', leadId: '3' },
    });
    expect(report.rules.map((r) => r.leadIds)).toEqual([[], ['11', '12'], []]);
    expect(report.rules[2]?.validation).toEqual({ ok: false, field: 'selector', message: 'This is not a valid CSS selector.' });
    expect(report.result).toEqual({ leadId: null, reason: 'many' });
  });

  it('reads plain text as a snippet, not a URL', () => {
    const report = testRules([], 'lead_id=5', parseHtml);
    expect(report.input).toBe('html');
    expect(report.result).toEqual({ leadId: null, reason: 'none' });
  });
});
