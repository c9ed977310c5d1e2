import { parseLeadId } from './lead-id';

// Custom lead rules are written as templates, not regular expressions:
// `https://crm.example.com/leads/{id}`, `lead={id}`, `Lead #*{id}`. `{id}` is the
// lead ID (a whole run of digits), `*` is any text, the rest is literal and
// compared without regard to case; a template matches anywhere in the text.
// A regular expression run by the browser can backtrack for seconds on a long
// URL (`.*.*lead=(\d+)`), on every change of the page; a template is matched
// by the loop below, whose work grows with text length × template length at
// most, whatever the template says.

export const ID = '{id}';

interface Segment {
  /** Literal text before the id (or the whole segment when it has none). */
  pre: string;
  /** Whether `{id}` is in this segment, then `post` follows it. */
  id: boolean;
  post: string;
}

export type Template = readonly Segment[];

const isDigit = (c: number) => c >= 48 && c <= 57;

/** The template's segments (split at `*`), or why it is not one. */
export function parseTemplate(source: string): Template | string {
  const text = source.trim().toLowerCase();
  const at = text.indexOf(ID);
  if (at < 0) return 'no-id';
  if (text.indexOf(ID, at + 1) >= 0) return 'two-ids';
  if (/[{}]/.test(text.replace(ID, ''))) return 'braces';
  if (/\d$/.test(text.slice(0, at)) || /^\d/.test(text.slice(at + ID.length))) return 'digit-beside-id';
  return text.split('*').map((part) => {
    const i = part.indexOf(ID);
    return i < 0 ? { pre: part, id: false, post: '' } : { pre: part.slice(0, i), id: true, post: part.slice(i + ID.length) };
  });
}

/** Counts character comparisons, so a test can show the work is bounded without timing it. */
export interface Steps {
  n: number;
}

function startsAt(text: string, part: string, at: number, steps?: Steps): boolean {
  if (steps) steps.n += part.length || 1;
  return text.startsWith(part, at);
}

/**
 * The lead ID the template finds in `text` (lower-cased by the caller), or null.
 * Each segment is placed at its earliest position after the previous one: with
 * `*` between segments, the earliest fit never leaves less room for the rest.
 */
export function matchTemplate(template: Template, text: string, steps?: Steps): string | null {
  let from = 0;
  let found: string | null = null;
  for (const seg of template) {
    let placed = false;
    for (let p = from; p <= text.length; p++) {
      if (seg.pre !== '') {
        const i = text.indexOf(seg.pre, p);
        if (steps) steps.n += i < 0 ? text.length - p : i - p + seg.pre.length;
        if (i < 0) return null;
        p = i;
      }
      if (!seg.id) {
        from = p + seg.pre.length;
        placed = true;
        break;
      }
      const start = p + seg.pre.length;
      // A whole run of digits: not the tail of a longer number.
      if (start > 0 && isDigit(text.charCodeAt(start - 1))) continue;
      let end = start;
      while (end < text.length && isDigit(text.charCodeAt(end))) end++;
      if (steps) steps.n += end - start + 1;
      if (end === start || !startsAt(text, seg.post, end, steps)) continue;
      found = text.slice(start, end);
      from = end + seg.post.length;
      placed = true;
      break;
    }
    if (!placed) return null;
  }
  return parseLeadId(found);
}

const SAFE_LITERAL = /[^\\.*+?()[\]{}|^$]/;

/**
 * A rule saved as a regular expression (before templates), rewritten as a
 * template when its meaning fits one closely: literals, escaped punctuation,
 * `.*`-like runs (become `*`) and one group of digits (becomes `{id}`). Anything
 * else (alternation, classes, several groups…) gives null: the rule is refused.
 */
export function templateFromRegex(source: string): string | null {
  let s = source.replace(/^\^/, '').replace(/(?<!\\)\$$/, '');
  let out = '';
  let ids = 0;
  while (s.length > 0) {
    const group = /^\((?:\?:|\?<\w+>)?(?:\\d|\[0-9\]|\[1-9\]\\d)(?:\+|\*|\{\d*,?\d*\})\)/.exec(s);
    const wild = /^(?:\.|\[\^[^\]\\]{1,4}\])(?:\*|\+)\??/.exec(s);
    if (group) {
      out += ID;
      ids++;
      s = s.slice(group[0].length);
    } else if (wild) {
      if (!out.endsWith('*')) out += '*';
      s = s.slice(wild[0].length);
    } else if (/^\\[^\w\s]/.test(s) || /^\\[/]/.test(s)) {
      out += s[1];
      s = s.slice(2);
    } else if (SAFE_LITERAL.test(s[0]!) || s[0] === '.') {
      // An unescaped dot in an address almost always meant a dot.
      const quantifier = s[1] === '?' || s[1] === '*' ? 1 : s[1] === '+' ? 0 : -1;
      if (quantifier === 0) return null;
      out += quantifier === 1 ? '*' : s[0];
      s = s.slice(quantifier === 1 ? 2 : 1);
    } else return null;
  }
  if (ids !== 1 || /[*{}]/.test(out.replace(ID, '').replace(/\*/g, '')) || typeof parseTemplate(out) === 'string') return null;
  return out;
}

const compiled = new Map<string, Template | null>();

/**
 * A stored pattern as a template, or null when it is unusable: a template that
 * does not parse, or a regular expression with no template equivalent.
 * Remembered: rules run at every change of the page.
 */
export function compileRulePattern(source: string): Template | null {
  let template = compiled.get(source);
  if (template !== undefined) return template;
  const text = source.includes(ID) ? source : templateFromRegex(source);
  const parsed = text === null ? null : parseTemplate(text);
  template = typeof parsed === 'string' ? null : parsed;
  if (compiled.size >= 500) compiled.clear();
  compiled.set(source, template);
  return template;
}
