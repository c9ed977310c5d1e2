import * as v from 'valibot';
import { NONE, scanElements, type DomFinding } from './detectors';
import { ID, compileRulePattern, matchTemplate, parseTemplate, templateFromRegex } from './rule-template';

// Rules the user writes on the options page for CRMs the built-in detectors miss.
// The schema bounds the shape (it guards storage and messages); validateRule says
// whether a rule can work and which field to fix; the apply* functions never throw,
// whatever is stored, because a broken rule must not break the page it runs on.

const MAX_TEXT = 500;
/** Text read from an element is cut here before a rule template reads it (bounded work per element). */
const MAX_SCANNED_TEXT = 2000;
/** URL rules read at most this much of the address. */
const MAX_SCANNED_URL = 4096;
/** Elements a selector rule looks at when deciding "one lead or many". */
const MAX_SCANNED_ELEMENTS = 1000;

const source = v.pipe(v.string(), v.minLength(1, 'Required.'), v.maxLength(MAX_TEXT));

export const UrlRuleSchema = v.strictObject({
  kind: v.literal('url'),
  /** A template (rule-template.ts): `{id}` where the lead ID is, `*` for any text, e.g. /leads/{id}. */
  pattern: source,
});

export const SelectorRuleSchema = v.strictObject({
  kind: v.literal('selector'),
  selector: source,
  source: v.picklist(['text', 'attribute']),
  /** Required when `source` is 'attribute'. */
  attribute: v.optional(v.pipe(v.string(), v.maxLength(200))),
  /** A template like the URL rule's, applied to the text or attribute value. */
  extract: v.optional(v.pipe(v.string(), v.maxLength(MAX_TEXT))),
});

export const CustomRuleSchema = v.variant('kind', [UrlRuleSchema, SelectorRuleSchema]);
export const CustomRulesSchema = v.pipe(v.array(CustomRuleSchema), v.maxLength(50));

export type UrlRule = v.InferOutput<typeof UrlRuleSchema>;
export type SelectorRule = v.InferOutput<typeof SelectorRuleSchema>;
export type CustomRule = v.InferOutput<typeof CustomRuleSchema>;

export type RuleValidation =
  | { ok: true }
  | { ok: false; field: 'pattern' | 'selector' | 'attribute' | 'extract'; message: string };

/** Whether a CSS selector parses. Node has no DOM: pass one in there (or in tests). */
export type SelectorCheck = (selector: string) => boolean;

export function domSelectorCheck(selector: string): boolean {
  try {
    document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

// Attribute names as the HTML parser accepts them.
const ATTRIBUTE_NAME = /^[^\s"'>/=\u0000-\u001f\u007f]+$/;

const TEMPLATE_PROBLEMS: Record<string, string> = {
  'two-ids': 'Use {id} only once.',
  braces: 'Only {id} may stand in braces.',
  'digit-beside-id': 'A digit right before or after {id} would be read as part of the ID.',
};

/**
 * Whether a template can work. A regular expression (rules saved before
 * templates, or typed from habit) is refused, with its template when there is one.
 */
function checkPattern(source: string, field: 'pattern' | 'extract'): RuleValidation {
  if (source.trim() === '') {
    return { ok: false, field, message: 'Enter the text around the lead ID with {id} in its place, e.g. /leads/{id}.' };
  }
  const parsed = parseTemplate(source);
  if (typeof parsed !== 'string') return { ok: true };
  if (parsed !== 'no-id') return { ok: false, field, message: TEMPLATE_PROBLEMS[parsed] ?? 'Not a pattern.' };
  const converted = templateFromRegex(source);
  return {
    ok: false,
    field,
    message: converted
      ? `Regular expressions are no longer used (they could freeze the page). Write it as ${converted}`
      : 'Put {id} where the lead ID is, e.g. lead={id} or /leads/{id}; * stands for any text. Regular expressions are no longer used.',
  };
}

/**
 * A rule with any regular expression rewritten as its template where it has
 * one (an import, a policy, rules saved before templates). A regular expression
 * without a template is left as it is, for validateRule to refuse with a reason.
 */
export function upgradeRule<R extends CustomRule>(rule: R): R {
  const up = (source: string) => (source.includes(ID) ? source : (templateFromRegex(source) ?? source));
  if (rule.kind === 'url') return { ...rule, pattern: up(rule.pattern) };
  return rule.extract ? { ...rule, extract: up(rule.extract) } : rule;
}

/**
 * Whether `rule` can work, naming the field to fix. Selectors are checked with
 * `isValidSelector`, or with the DOM when there is one; without either they pass
 * (the rule then simply finds nothing where the browser refuses it).
 */
export function validateRule(rule: CustomRule, isValidSelector?: SelectorCheck): RuleValidation {
  if (rule.kind === 'url') return checkPattern(rule.pattern, 'pattern');

  if (rule.selector.trim() === '') return { ok: false, field: 'selector', message: 'Enter a CSS selector.' };
  const check = isValidSelector ?? (typeof document === 'undefined' ? undefined : domSelectorCheck);
  if (check && !check(rule.selector)) {
    return { ok: false, field: 'selector', message: 'This is not a valid CSS selector.' };
  }
  if (rule.source === 'attribute') {
    const attribute = rule.attribute?.trim() ?? '';
    if (attribute === '') {
      return { ok: false, field: 'attribute', message: 'Name the attribute that holds the lead ID, e.g. data-id.' };
    }
    if (!ATTRIBUTE_NAME.test(attribute)) {
      return { ok: false, field: 'attribute', message: 'An attribute name has no spaces, quotes, "=", ">" or "/".' };
    }
  }
  if (rule.extract !== undefined && rule.extract !== '') return checkPattern(rule.extract, 'extract');
  return { ok: true };
}

/** What a stored pattern finds in `text`: a template, or a regular expression with one; anything else finds nothing. */
function extractWith(source: string, text: string): string | null {
  const template = compileRulePattern(source);
  return template ? matchTemplate(template, text.toLowerCase()) : null;
}

export function applyUrlRule(rule: UrlRule, url: string): string | null {
  // Addresses of megabytes exist (data in the fragment); a user pattern never needs more than this.
  return extractWith(rule.pattern, url.slice(0, MAX_SCANNED_URL));
}

/** The first URL rule, in order, that finds a lead in `url`. */
export function applyUrlRules(rules: readonly CustomRule[], url: string): string | null {
  for (const rule of rules) {
    if (rule.kind !== 'url') continue;
    const id = applyUrlRule(rule, url);
    if (id !== null) return id;
  }
  return null;
}

/** How a selector rule reads an element, or null if the rule is unusable. */
export function selectorRuleReader(rule: SelectorRule): ((el: Element) => string | null) | null {
  const extract = rule.extract || undefined;
  if (extract !== undefined && !compileRulePattern(extract)) return null;
  const attribute = rule.attribute?.trim() ?? '';
  if (rule.source === 'attribute' && attribute === '') return null;
  const raw =
    rule.source === 'text'
      ? (el: Element) => (el.textContent ?? '').slice(0, MAX_SCANNED_TEXT)
      : (el: Element) =>
          // `value` means what the field shows now, not the attribute it was loaded with.
          attribute === 'value' && typeof (el as HTMLInputElement).value === 'string'
            ? (el as HTMLInputElement).value
            : el.getAttribute(attribute);
  if (!extract) return raw;
  return (el) => {
    const text = raw(el);
    return text === null ? null : extractWith(extract, text.slice(0, MAX_SCANNED_TEXT));
  };
}

/** Elements matching a rule's selector; none if the selector is broken. */
export function selectAll(root: ParentNode, selector: string): Element[] {
  try {
    return Array.from(root.querySelectorAll(selector));
  } catch {
    return [];
  }
}

export function scanSelectorRule(rule: SelectorRule, root: ParentNode): DomFinding {
  const read = selectorRuleReader(rule);
  if (!read) return NONE;
  return scanElements(selectAll(root, rule.selector).slice(0, MAX_SCANNED_ELEMENTS), read);
}

/** The first selector rule, in order, that finds anything (one lead, or many on a list page). */
export function scanSelectorRules(rules: readonly CustomRule[], root: ParentNode): DomFinding {
  for (const rule of rules) {
    if (rule.kind !== 'selector') continue;
    const finding = scanSelectorRule(rule, root);
    if (finding.kind !== 'none') return finding;
  }
  return NONE;
}
