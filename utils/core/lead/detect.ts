import {
  isConvosoPage,
  LEAD_ATTRIBUTES,
  leadFromAttributes,
  leadFromFormFields,
  leadIdFromConvosoUrl,
  leadIdFromUrl,
  type DomFinding,
} from './detectors';
import {
  applyUrlRule,
  scanSelectorRules,
  selectAll,
  selectorRuleReader,
  validateRule,
  applyUrlRules,
  type CustomRule,
  type RuleValidation,
  type SelectorCheck,
} from './custom-rules';
import { parseLeadId } from './lead-id';

export type LeadSource = 'custom-url' | 'url' | 'convoso' | 'attribute' | 'form' | 'custom-selector';

export type LeadDetection = { leadId: string; source: LeadSource } | { leadId: null; reason: 'none' | 'many' };

export interface DetectInput {
  url: string;
  root: ParentNode;
  rules?: readonly CustomRule[];
  /** Whether this is one of Convoso's own pages; worked out from `url` when omitted. */
  convosoPage?: boolean;
}

/**
 * The one lead a page shows, most specific source first:
 *
 * 1. the user's URL rules (written for this CRM, so they beat everything);
 * 2. the URL's `lead_id` parameter (source 'convoso' on Convoso's own pages);
 * 3. the user's selector rules: among DOM sources they come first, because a CRM's
 *    own `data-lead-id` may well be the CRM's id and the user's rule says where
 *    the Convoso id really is;
 * 4. `data-convoso-lead-id` / `data-lead-id` attributes;
 * 5. `lead_id` form fields.
 *
 * A URL that names a lead decides even on a list page. Otherwise the first DOM
 * source that finds anything decides: if it sees several different leads, the
 * page is a list and the answer is `{ leadId: null, reason: 'many' }` (inline
 * mode then badges each row through findAllLeadIds).
 */
export function detectLead(input: DetectInput): LeadDetection {
  const rules = input.rules ?? [];

  const fromRule = applyUrlRules(rules, input.url);
  if (fromRule !== null) return { leadId: fromRule, source: 'custom-url' };

  const fromUrl = leadIdFromUrl(input.url);
  if (fromUrl !== null) {
    return { leadId: fromUrl, source: (input.convosoPage ?? isConvosoPage(input.url)) ? 'convoso' : 'url' };
  }

  const dom: ReadonlyArray<[LeadSource, () => DomFinding]> = [
    ['custom-selector', () => scanSelectorRules(rules, input.root)],
    ['attribute', () => leadFromAttributes(input.root)],
    ['form', () => leadFromFormFields(input.root)],
  ];
  for (const [source, detect] of dom) {
    const finding = detect();
    if (finding.kind === 'one') return { leadId: finding.leadId, source };
    if (finding.kind === 'many') return { leadId: null, reason: 'many' };
  }
  return { leadId: null, reason: 'none' };
}

export interface LeadElement {
  element: Element;
  leadId: string;
}

export const FIND_ALL_CAP = 500;

/**
 * Every lead of a list page, for inline mode: elements matched by the user's
 * selector rules (in rule order), then elements carrying a lead attribute
 * (`data-convoso-lead-id` if the page uses it at all, else `data-lead-id`, as in
 * the single-lead detector). One entry per element, the first source winning;
 * the same lead on several elements gives several entries. Document order,
 * at most `cap` entries. Form fields are left out: a hidden input is no place
 * for a badge.
 */
export function findAllLeadIds(root: ParentNode, rules: readonly CustomRule[] = [], cap = FIND_ALL_CAP): LeadElement[] {
  const found = new Map<Element, string>();
  let sources = 0;
  /** Adds what a source finds; whether it found anything new. */
  const add = (elements: Iterable<Element>, read: (el: Element) => string | null): boolean => {
    const before = found.size;
    for (const element of elements) {
      if (found.size >= cap) break;
      if (found.has(element)) continue;
      const leadId = parseLeadId(read(element));
      if (leadId !== null) found.set(element, leadId);
    }
    const added = found.size > before;
    if (added) sources++;
    return added;
  };

  for (const rule of rules) {
    if (rule.kind !== 'selector') continue;
    const read = selectorRuleReader(rule);
    if (read) add(selectAll(root, rule.selector), read);
  }
  for (const attribute of LEAD_ATTRIBUTES) {
    if (add(root.querySelectorAll(`[${attribute}]`), (el) => el.getAttribute(attribute))) break;
  }

  const entries = Array.from(found, ([element, leadId]) => ({ element, leadId }));
  // querySelectorAll answers in document order already; only a merge of sources needs sorting.
  if (sources < 2) return entries;
  return entries.sort((a, b) =>
    a.element === b.element ? 0 : a.element.compareDocumentPosition(b.element) & 4 /* FOLLOWING */ ? -1 : 1,
  );
}

// ---------------------------------------------------------------------------
// The options page's Test box

export type RuleTestFinding = { kind: 'none' } | { kind: 'one'; leadId: string } | { kind: 'many'; leadIds: string[] };

export interface RuleTestReport {
  /** How the pasted text was read: an http(s) URL, or an HTML snippet. */
  input: 'url' | 'html';
  builtIn: {
    url: string | null;
    convoso: string | null;
    attribute: RuleTestFinding;
    form: RuleTestFinding;
  };
  /** One per rule, in the rules' order. `leadIds`: distinct ids the rule finds (up to 20). */
  rules: Array<{ rule: CustomRule; validation: RuleValidation; leadIds: string[] }>;
  /** What detectLead concludes for this input with these rules. */
  result: LeadDetection;
}

const TEST_IDS_SHOWN = 20;

function summarize(finding: DomFinding): RuleTestFinding {
  return finding.kind === 'one' ? { kind: 'one', leadId: finding.leadId } : finding;
}

/**
 * What each built-in detector and each rule finds in a pasted URL or HTML snippet.
 * `parseHtml` turns a snippet into a tree; in the options page use an inert parser
 * (`new DOMParser().parseFromString(html, 'text/html')`), never a live element,
 * so pasted scripts and images do not run or load.
 */
export function testRules(
  rules: readonly CustomRule[],
  urlOrHtml: string,
  parseHtml: (html: string) => ParentNode,
  isValidSelector?: SelectorCheck,
): RuleTestReport {
  const text = urlOrHtml.trim();
  const isUrl = /^https?:\/\/\S+$/i.test(text);
  const url = isUrl ? text : '';
  const root = parseHtml(isUrl ? '' : text);

  return {
    input: isUrl ? 'url' : 'html',
    builtIn: {
      url: leadIdFromUrl(url),
      convoso: leadIdFromConvosoUrl(url),
      attribute: summarize(leadFromAttributes(root)),
      form: summarize(leadFromFormFields(root)),
    },
    rules: rules.map((rule) => ({
      rule,
      validation: validateRule(rule, isValidSelector),
      leadIds: idsOf(rule, url, root),
    })),
    result: detectLead({ url, root, rules }),
  };
}

function idsOf(rule: CustomRule, url: string, root: ParentNode): string[] {
  if (rule.kind === 'url') {
    const id = applyUrlRule(rule, url);
    return id === null ? [] : [id];
  }
  const read = selectorRuleReader(rule);
  const ids = new Set<string>();
  if (!read) return [];
  for (const element of selectAll(root, rule.selector)) {
    const id = parseLeadId(read(element));
    if (id !== null) ids.add(id);
    if (ids.size >= TEST_IDS_SHOWN) break;
  }
  return [...ids];
}
