import * as v from 'valibot';
import { NONE, scanElements, type DomFinding } from './detectors';
import { parseLeadId } from './lead-id';

// Rules the user writes on the options page for CRMs the built-in detectors miss.
// The schema bounds the shape (it guards storage and messages); validateRule says
// whether a rule can work and which field to fix; the apply* functions never throw,
// whatever is stored, because a broken rule must not break the page it runs on.

const MAX_TEXT = 500;
/** Text read from an element is cut here before a user regex sees it (bounded work per element). */
const MAX_SCANNED_TEXT = 2000;
/** URL rules read at most this much of the address. */
const MAX_SCANNED_URL = 4096;
/** Elements a selector rule looks at when deciding "one lead or many". */
const MAX_SCANNED_ELEMENTS = 1000;

const source = v.pipe(v.string(), v.minLength(1, 'Required.'), v.maxLength(MAX_TEXT));

export const UrlRuleSchema = v.strictObject({
  kind: v.literal('url'),
  /** A RegExp source (no flags) with a capture group around the lead id, run against the whole URL. */
  pattern: source,
});

export const SelectorRuleSchema = v.strictObject({
  kind: v.literal('selector'),
  selector: source,
  source: v.picklist(['text', 'attribute']),
  /** Required when `source` is 'attribute'. */
  attribute: v.optional(v.pipe(v.string(), v.maxLength(200))),
  /** A RegExp source with a capture group, applied to the text or attribute value. */
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

function compile(source: string): RegExp | string {
  try {
    return new RegExp(source);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Capture groups of a pattern: `x|` always matches "", and exec returns one slot per group. */
function groupCount(source: string): number {
  const match = new RegExp(`${source}|`).exec('');
  return match ? match.length - 1 : 0;
}

/** The quantifier at `i` (with its lazy `?`), and whether it lets what it follows match more than once. */
function quantifierAt(source: string, i: number): { length: number; repeats: boolean } {
  let length = 0;
  let repeats = false;
  const ch = source[i];
  if (ch === '*' || ch === '+') [length, repeats] = [1, true];
  else if (ch === '?') length = 1;
  else if (ch === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
    if (m) {
      length = m[0].length;
      const most = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
      repeats = most > 1;
    }
  }
  if (length > 0 && source[i + length] === '?') length++;
  return { length, repeats };
}

/**
 * Whether a repeated group itself holds a repetition: `(\d+)+`, `(?:a*b)*`,
 * `(x{2,}){3}`. Such a pattern can backtrack for minutes over a text that nearly
 * matches, and rules run on every CRM page the agent opens and on each of its
 * changes: one bad rule would freeze the agent's tab. A lead id never needs it.
 * (Reads the source as written; character classes and escapes are skipped.)
 */
export function hasNestedRepetition(source: string): boolean {
  // One slot per open group: does it contain a repetition?
  const groups: boolean[] = [false];
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (ch === '\\') {
      i += 2;
    } else if (ch === '[') {
      i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i++;
    } else if (ch === '(') {
      groups.push(false);
      i++;
      // (?:  (?=  (?!  (?<=  (?<!  (?<name>: the ? is syntax, not a quantifier.
      if (source[i] === '?') {
        i++;
        if (source[i] === '<' && source[i + 1] !== '=' && source[i + 1] !== '!') {
          const close = source.indexOf('>', i);
          i = close < 0 ? source.length : close + 1;
        } else i += source[i] === '<' ? 2 : 1;
      }
    } else if (ch === ')') {
      const inner = groups.length > 1 ? (groups.pop() as boolean) : false;
      const q = quantifierAt(source, i + 1);
      if (q.repeats && inner) return true;
      if (q.repeats || inner) groups[groups.length - 1] = true;
      i += 1 + q.length;
    } else {
      const q = quantifierAt(source, i);
      if (q.repeats) groups[groups.length - 1] = true;
      i += Math.max(1, q.length);
    }
  }
  return false;
}

function checkPattern(source: string, field: 'pattern' | 'extract'): RuleValidation {
  if (source.trim() === '') return { ok: false, field, message: 'Enter a regular expression.' };
  const compiled = compile(source);
  if (typeof compiled === 'string') {
    return { ok: false, field, message: `This is not a valid regular expression (${compiled}).` };
  }
  if (hasNestedRepetition(source)) {
    return {
      ok: false,
      field,
      message: 'A repeated group holds another repeat, like (\\d+)+, which can freeze the page. Repeat only once, e.g. (\\d+).',
    };
  }
  if (groupCount(source) === 0) {
    return { ok: false, field, message: 'Put parentheses around the lead ID, e.g. lead=(\\d+).' };
  }
  return { ok: true };
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

/** The first capture group that took part in the match, as a lead id. */
function captured(regex: RegExp, text: string): string | null {
  const match = regex.exec(text);
  if (!match) return null;
  const group = match.slice(1).find((g) => g !== undefined);
  return parseLeadId(group);
}

/**
 * Patterns already checked and compiled: rules run at every detection (each
 * change of the page), the same few patterns each time. Sharing one RegExp is
 * safe: without the `g` or `y` flag, exec keeps no state between calls.
 */
const regexCache = new Map<string, RegExp | null>();
/** Past this many distinct patterns (the options page's Test box, typed key by key), start over. */
const MAX_COMPILED = 500;

/** A stored rule's pattern, compiled; null when it is broken or could freeze the page (rules saved before that check). */
function tryRegExp(source: string): RegExp | null {
  let regex = regexCache.get(source);
  if (regex !== undefined) return regex;
  regex = null;
  if (!hasNestedRepetition(source)) {
    try {
      regex = new RegExp(source);
    } catch {
      // Broken: refused, and remembered as refused.
    }
  }
  if (regexCache.size >= MAX_COMPILED) regexCache.clear();
  regexCache.set(source, regex);
  return regex;
}

export function applyUrlRule(rule: UrlRule, url: string): string | null {
  const regex = tryRegExp(rule.pattern);
  // Addresses of megabytes exist (data in the fragment); a user pattern never needs more than this.
  return regex ? captured(regex, url.slice(0, MAX_SCANNED_URL)) : null;
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
  const extract = rule.extract ? tryRegExp(rule.extract) : undefined;
  if (extract === null) return null;
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
    return text === null ? null : captured(extract, text.slice(0, MAX_SCANNED_TEXT));
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
