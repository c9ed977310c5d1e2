import { parseLeadId } from './lead-id';

// Built-in lead detectors, one small pure function per place a CRM page may keep
// a Convoso lead id. Each has, in `DETECTOR_EXAMPLES` below, what it must find and
// what it must not; detectors.test.ts runs every example, so the examples are the
// specification. DOM detectors take a ParentNode (Document, Element or fragment)
// and only use querySelector / getAttribute / value: no layout, no innerText, and
// they stop as soon as the answer is known, so a 5,000-row list costs a few
// selector matches, not a walk in JavaScript.

/** What a detector over the document found. `many` lists the first two distinct ids seen. */
export type DomFinding =
  | { kind: 'none' }
  | { kind: 'one'; leadId: string; element: Element }
  | { kind: 'many'; leadIds: [string, string] };

export const NONE: DomFinding = Object.freeze({ kind: 'none' });

// ---------------------------------------------------------------------------
// URL

// Compared lower-cased, which covers lead_id, leadId, leadid, LEAD_ID, LeadID.
const URL_PARAM_NAMES: ReadonlySet<string> = new Set(['lead_id', 'leadid']);

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The query string, then the hash's query part (`#/lead?lead_id=5`, or `#lead_id=5`). */
function paramSets(url: URL): URLSearchParams[] {
  const sets = [url.searchParams];
  const hash = url.hash.slice(1);
  if (hash) {
    const q = hash.indexOf('?');
    sets.push(new URLSearchParams(q >= 0 ? hash.slice(q + 1) : hash));
  }
  return sets;
}

/**
 * Whether the query or hash of `url` could hold a lead parameter at all: the
 * name spelled out (any case), or anything the parser would decode or strip
 * first (percent-escapes, tabs and line breaks). Most pages' addresses do not,
 * and need no URL parsed: this runs at the start of every CRM page.
 */
export function mayNameALead(url: string): boolean {
  const from = url.search(/[?#]/);
  return from >= 0 && /lead|%|[\t\n\r]/i.test(url.slice(from));
}

/**
 * The lead id in a `lead_id` / `leadId` / `leadid` parameter of the query or of the
 * hash's query part. Two parameters naming different leads say nothing: null.
 */
export function leadIdFromUrl(url: string): string | null {
  if (!mayNameALead(url)) return null;
  const parsed = parseUrl(url);
  if (!parsed) return null;
  let found: string | null = null;
  for (const params of paramSets(parsed)) {
    for (const [name, value] of params) {
      if (!URL_PARAM_NAMES.has(name.toLowerCase())) continue;
      const id = parseLeadId(value);
      if (id === null) continue;
      if (found !== null && found !== id) return null;
      found = id;
    }
  }
  return found;
}

// Convoso's admin and agent UIs, and their "-dt" (and any other dash-suffixed)
// twins. The API host and the marketing site are not lead pages; plain http is
// never Convoso (it would be a look-alike or a downgrade).
const CONVOSO_HOST = /^(?:admin|agent)(?:-[a-z0-9]+)?\.convoso\.com$/;

export function isConvosoPage(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && parsed.protocol === 'https:' && CONVOSO_HOST.test(parsed.hostname);
}

/**
 * A lead on one of Convoso's own pages: `edit_lead.php?lead_id=123` and friends
 * carry it in the same parameters as any CRM, so this is the URL detector limited
 * to Convoso hosts (detect.ts reports it as source 'convoso'). When the URL of a
 * Convoso page names no lead, the form detector usually finds its `lead_id` field.
 */
export function leadIdFromConvosoUrl(url: string): string | null {
  return isConvosoPage(url) ? leadIdFromUrl(url) : null;
}

// ---------------------------------------------------------------------------
// Data attributes

/**
 * `data-convoso-lead-id` first: it can only mean a Convoso lead, while a CRM's own
 * `data-lead-id` may be the CRM's id. Once the first attribute names a lead, the
 * second is not consulted, so the two ids of one row can never look like two leads.
 */
export const LEAD_ATTRIBUTES = ['data-convoso-lead-id', 'data-lead-id'] as const;

/** A CSS string body for `raw`, so any attribute value can be excluded by a selector. */
function cssString(raw: string): string {
  return raw
    .replace(/[\\"]/g, '\\$&')
    .replace(/[\u0000-\u001f\u007f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `);
}

// Each probe excludes one more value; after this many junk values, iterate instead.
const MAX_PROBES = 8;

/**
 * The lead(s) named by `attribute` on elements under `root`. Uses
 * `[attr]:not([attr="first"])` to jump straight to a *different* value, so a list
 * page answers "many" after two matches and a detail page after two selector runs.
 */
export function scanAttribute(root: ParentNode, attribute: string): DomFinding {
  let selector = `[${attribute}]`;
  let first: { leadId: string; element: Element } | null = null;
  for (let probe = 0; probe < MAX_PROBES; probe++) {
    let element: Element | null;
    try {
      element = root.querySelector(selector);
    } catch {
      // A selector engine that cannot parse an escaped junk value (happy-dom can't).
      break;
    }
    if (!element) return first ? { kind: 'one', ...first } : NONE;
    const raw = element.getAttribute(attribute) ?? '';
    const id = parseLeadId(raw);
    if (id !== null) {
      if (first === null) first = { leadId: id, element };
      else if (id !== first.leadId) return { kind: 'many', leadIds: [first.leadId, id] };
    }
    selector += `:not([${attribute}="${cssString(raw)}"])`;
  }
  return scanElements(root.querySelectorAll(`[${attribute}]`), (el) => el.getAttribute(attribute));
}

/** One finding from a list of elements: stops at the second distinct id. */
export function scanElements(elements: Iterable<Element>, read: (el: Element) => string | null): DomFinding {
  let first: { leadId: string; element: Element } | null = null;
  for (const element of elements) {
    const id = parseLeadId(read(element));
    if (id === null) continue;
    if (first === null) first = { leadId: id, element };
    else if (id !== first.leadId) return { kind: 'many', leadIds: [first.leadId, id] };
  }
  return first ? { kind: 'one', ...first } : NONE;
}

export function leadFromAttributes(root: ParentNode): DomFinding {
  for (const attribute of LEAD_ATTRIBUTES) {
    const finding = scanAttribute(root, attribute);
    if (finding.kind !== 'none') return finding;
  }
  return NONE;
}

// ---------------------------------------------------------------------------
// Form fields

const FORM_FIELDS = 'input[name="lead_id"], select[name="lead_id"], textarea[name="lead_id"]';

/** The live value (what the user sees), not the `value` attribute; unticked boxes say nothing. */
function fieldValue(el: Element): string | null {
  const field = el as HTMLInputElement;
  const type = (el.getAttribute('type') ?? '').toLowerCase();
  if (el.localName === 'input' && (type === 'checkbox' || type === 'radio') && !field.checked) return null;
  return typeof field.value === 'string' ? field.value : null;
}

/** `lead_id` inputs, selects and textareas, hidden ones included (CRMs keep ids there). */
export function leadFromFormFields(root: ParentNode): DomFinding {
  return scanElements(root.querySelectorAll(FORM_FIELDS), fieldValue);
}

// ---------------------------------------------------------------------------
// Examples: the specification of each detector, run by detectors.test.ts.
// URL detectors take URLs; DOM detectors take HTML snippets (the body of a page).

export interface DetectorExamples {
  /** Input and the id it must yield. */
  finds: ReadonlyArray<readonly [string, string]>;
  /** Inputs that must yield nothing. */
  ignores: readonly string[];
  /** DOM detectors only: inputs naming several leads. */
  many?: readonly string[];
}

export const DETECTOR_EXAMPLES = {
  leadIdFromUrl: {
    finds: [
      ['https://crm.example.com/lead?lead_id=123', '123'],
      ['https://crm.example.com/lead?leadId=42&tab=notes', '42'],
      ['https://crm.example.com/lead?leadid=7', '7'],
      ['https://crm.example.com/lead?LEAD_ID=8', '8'],
      ['https://crm.example.com/lead?lead_id=%2012%20', '12'],
      ['https://crm.example.com/app#/lead?lead_id=5', '5'],
      ['https://crm.example.com/app#lead_id=6', '6'],
      ['https://crm.example.com/lead?lead_id=9&leadId=9', '9'],
      ['https://crm.example.com/lead?lead_id=abc&leadId=10', '10'],
      ['https://admin.convoso.com/leads/edit_lead.php?lead_id=123', '123'],
      ['http://localhost:8080/x?lead_id=999999999999999999', '999999999999999999'],
    ],
    ignores: [
      'https://crm.example.com/lead',
      'https://crm.example.com/lead?lead_id=',
      'https://crm.example.com/lead?lead_id=0',
      'https://crm.example.com/lead?lead_id=-5',
      'https://crm.example.com/lead?lead_id=1.5',
      'https://crm.example.com/lead?lead_id=12abc',
      'https://crm.example.com/lead?lead_id=0012',
      'https://crm.example.com/lead?lead_id=1234567890123456789',
      'https://crm.example.com/lead?parent_lead_id=5',
      'https://crm.example.com/lead?lead_ids=5',
      'https://crm.example.com/lead?id=5',
      'https://crm.example.com/lead/5',
      'https://crm.example.com/lead?lead_id=1&leadId=2',
      'https://crm.example.com/app#/lead/5',
      'not a url?lead_id=5',
      '',
    ],
  },
  leadIdFromConvosoUrl: {
    finds: [
      ['https://admin.convoso.com/leads/edit_lead.php?lead_id=123', '123'],
      ['https://admin-dt.convoso.com/leads/edit_lead.php?lead_id=124', '124'],
      ['https://agent.convoso.com/agent/?lead_id=125', '125'],
      ['https://agent-dt.convoso.com/#/lead?lead_id=126', '126'],
      ['https://ADMIN.convoso.com/leads/edit_lead.php?lead_id=127', '127'],
    ],
    ignores: [
      'http://admin.convoso.com/leads/edit_lead.php?lead_id=123',
      'https://api.convoso.com/v1/callbacks/search?lead_id=123',
      'https://www.convoso.com/?lead_id=123',
      'https://convoso.com/?lead_id=123',
      'https://admin.convoso.com.evil.example/leads/edit_lead.php?lead_id=123',
      'https://evilconvoso.com/leads/edit_lead.php?lead_id=123',
      'https://admin.convoso.com/leads/edit_lead.php',
      'https://admin.convoso.com/leads/edit_lead.php?lead_id=0',
      'https://crm.example.com/lead?lead_id=123',
    ],
  },
  leadFromAttributes: {
    finds: [
      ['<div data-lead-id="55">Jane Doe</div>', '55'],
      ['<div data-convoso-lead-id=" 56 ">Jane</div>', '56'],
      ['<section data-lead-id="57"><span data-lead-id="57">x</span></section>', '57'],
      ['<div data-lead-id="abc"></div><div data-lead-id="58"></div>', '58'],
      ['<div data-lead-id=""></div><div data-lead-id="0"></div><div data-lead-id="59"></div>', '59'],
      ['<div data-convoso-lead-id="60"></div><div data-lead-id="9001"></div>', '60'],
      ['<div data-lead-id=" 61"></div><div data-lead-id="61 "></div><div data-lead-id="61"></div>', '61'],
      ['<p data-lead-id=\'say "hi" \\\'></p><p data-lead-id="62"></p>', '62'],
      ['<div data-convoso-lead-id=""></div><div data-lead-id="63"></div>', '63'],
    ],
    ignores: [
      '<div>lead 55</div>',
      '<div data-lead-id="0"></div>',
      '<div data-lead-id="12abc"></div>',
      '<div data-lead-id="1.5"></div>',
      '<div data-lead-id="-3"></div>',
      '<div data-leadid="5"></div>',
      '<div data-lead="5"></div>',
      '<div data-lead-ids="5"></div>',
    ],
    many: [
      '<table><tr data-lead-id="1"></tr><tr data-lead-id="2"></tr></table>',
      '<div data-lead-id="x"></div><div data-lead-id="1"></div><div data-lead-id="1"></div><div data-lead-id="3"></div>',
      '<li data-convoso-lead-id="4"></li><li data-convoso-lead-id="5"></li>',
    ],
  },
  leadFromFormFields: {
    finds: [
      ['<form><input name="lead_id" value="77"></form>', '77'],
      ['<input type="hidden" name="lead_id" value=" 78 ">', '78'],
      ['<select name="lead_id"><option value="1">a</option><option value="79" selected>b</option></select>', '79'],
      ['<textarea name="lead_id">80</textarea>', '80'],
      ['<input name="lead_id" value=""><input name="lead_id" value="81">', '81'],
      ['<input name="lead_id" value="82"><input name="lead_id" value="82">', '82'],
      ['<input type="radio" name="lead_id" value="1"><input type="radio" name="lead_id" value="83" checked>', '83'],
    ],
    ignores: [
      '<input name="lead" value="77">',
      '<input name="leadId" value="77">',
      '<input id="lead_id" value="77">',
      '<input name="lead_id" value="0">',
      '<input name="lead_id" value="77abc">',
      '<input name="lead_id">',
      '<input type="checkbox" name="lead_id" value="77">',
      '<div name="lead_id">77</div>',
    ],
    many: ['<input name="lead_id" value="1"><input name="lead_id" value="2">'],
  },
} satisfies Record<string, DetectorExamples>;
