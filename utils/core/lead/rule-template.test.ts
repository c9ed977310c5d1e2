import { describe, expect, it } from 'vitest';
import { applyUrlRule, scanSelectorRule, upgradeRule, validateRule, type CustomRule } from './custom-rules';
import { compileRulePattern, matchTemplate, parseTemplate, templateFromRegex, type Steps, type Template } from './rule-template';

// Issue 8, item 4: no rule the options, an import or a policy can hold may block
// a page on a 4,096-character URL or attribute. Work is counted in steps
// (character comparisons), never timed.

const N = 4096;
const fill = (prefix: string, unit: string, suffix = '') => (prefix + unit.repeat(N)).slice(0, N - suffix.length) + suffix;

/** Known catastrophic regular expressions (and long ones), as a policy or an import file could carry them. */
const CATASTROPHIC = [
  '.*.*lead=(\\d+)',
  '\\d*\\d*\\d*(\\d+)x',
  '(\\d+)+x',
  '(a+)+b(\\d+)',
  '(a|aa)+(\\d+)',
  '(a|a?)+(\\d+)',
  '(.*a){12}(\\d+)',
  '^(\\w+\\s?)*(\\d+)$',
  '(x+x+)+y(\\d+)',
  '([a-z0-9]+)*@(\\d+)',
  '(?:.*,){11}(\\d+)P',
  `${'.*'.repeat(40)}lead=(\\d+)`,
  `(${'a?'.repeat(30)})${'a'.repeat(30)}(\\d+)`,
  `${'(a*)*'.repeat(50)}(\\d+)`,
  `${'.*'.repeat(1500)}(\\d+)`,
];

/** Templates chosen to make the matcher work as hard as it can. */
const HARD_TEMPLATES = [
  '*{id}x',
  '{id}x',
  'a*a*a*a*a*a*a*a*a*a*{id}b',
  `${'a*'.repeat(100)}{id}`,
  `${'ab'.repeat(100)}{id}`,
  '*lead=*lead=*lead=*{id}*x',
  `${'*'.repeat(400)}{id}x`,
];

const INPUTS = [
  fill('https://crm.example.com/?q=', 'a'),
  fill('https://crm.example.com/?q=', '1', 'x!'),
  fill('', '1'),
  fill('https://crm.example.com/?', 'lead=1&'),
  fill('', 'a1'),
  fill('', 'ab'),
  fill('https://crm.example.com/?a=', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,'),
  fill('', 'x'),
];

describe('catastrophic rules', () => {
  it.each(CATASTROPHIC)('the regular expression %s is refused or run as a linear template', (source) => {
    const rule = upgradeRule({ kind: 'url', pattern: source });
    const template = compileRulePattern(rule.pattern);
    // In the options and on import it is refused (or offered as its template)...
    if (!template) expect(validateRule(rule).ok).toBe(false);
    else expect(rule.pattern).toContain('{id}');
    // ...and a stored copy never runs as a regular expression.
    for (const url of INPUTS) {
      const steps: Steps = { n: 0 };
      if (template) matchTemplate(template, url.toLowerCase(), steps);
      expect(steps.n).toBeLessThanOrEqual(N * (rule.pattern.length + 4));
      expect(() => applyUrlRule(rule, url)).not.toThrow();
    }
  });

  it.each(HARD_TEMPLATES)('the template %s stays within text × template steps on 4,096 characters', (source) => {
    const template = parseTemplate(source) as Template;
    expect(typeof template).not.toBe('string');
    for (const text of INPUTS) {
      const steps: Steps = { n: 0 };
      matchTemplate(template, text, steps);
      expect(steps.n).toBeLessThanOrEqual(N * (source.length + 4));
    }
  });

  it('the 1,500-repeat import that froze a tab for 25 s is refused', () => {
    const rule: CustomRule = { kind: 'selector', selector: 'a', source: 'attribute', attribute: 'href', extract: `${'.*'.repeat(240)}(\\d+)` };
    const up = upgradeRule(rule);
    // Collapsed to one wildcard: harmless.
    expect(up.kind === 'selector' && up.extract).toBe('*{id}');
    const root = { querySelectorAll: () => [{ getAttribute: () => fill('', '1', 'x') }] } as unknown as ParentNode;
    expect(scanSelectorRule(up as Extract<CustomRule, { kind: 'selector' }>, root)).toEqual({ kind: 'none' });
  });
});

describe('templates', () => {
  it.each<[string, string, string | null]>([
    ['/leads/{id}', 'https://crm.example.com/leads/4711/edit', '4711'],
    ['https://crm.example.com/leads/{id}', 'https://crm.example.com/leads/4711?tab=2', '4711'],
    ['https://crm.example.com/leads/{id}', 'https://other.example.com/leads/4711', null],
    ['/leads/*/calls/{id}', 'https://crm.example.com/leads/a/b/calls/55', '55'],
    ['lead={id}&', 'https://x/?lead=1a&lead=22&', '22'],
    ['{id}x', '123x', '123'],
    ['{id}x', '123y 45x', '45'],
    ['*{id}', 'no digits', null],
    ['#{id}', '#0123', null],
  ])('%s in %s -> %j', (source, text, expected) => {
    expect(matchTemplate(parseTemplate(source) as Template, text.toLowerCase())).toBe(expected);
  });

  it.each<[string, string | null]>([
    ['lead=(\\d+)', 'lead={id}'],
    ['^https://crm\\.example\\.com/leads/([0-9]+)$', 'https://crm.example.com/leads/{id}'],
    ['/leads/(?<id>\\d+)', '/leads/{id}'],
    ['.*lead=(\\d{1,18})', '*lead={id}'],
    ['[?&]lead=(\\d+)', null],
    ['lead=(\\d+)|id=(\\d+)', null],
    ['lead=\\d+', null],
    ['lead=(\\w+)', null],
    ['a*b', null],
  ])('templateFromRegex(%s) -> %j', (source, expected) => {
    expect(templateFromRegex(source)).toBe(expected);
  });
});
