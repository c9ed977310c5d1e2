// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  DETECTOR_EXAMPLES,
  isConvosoPage,
  leadFromAttributes,
  leadFromFormFields,
  leadIdFromConvosoUrl,
  leadIdFromUrl,
  mayNameALead,
  scanAttribute,
  type DomFinding,
} from './detectors';
import { parseLeadId } from './lead-id';

function html(source: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = source;
  return root;
}

/** The finding without the element, for exact comparison. */
function plain(finding: DomFinding): unknown {
  return finding.kind === 'one' ? { kind: 'one', leadId: finding.leadId } : finding;
}

describe('parseLeadId', () => {
  it.each([
    ['1', '1'],
    [' 42 ', '42'],
    ['\n7\t', '7'],
    ['999999999999999999', '999999999999999999'],
    ['1234567890123456789', null],
    ['0', null],
    ['-1', null],
    ['+1', null],
    ['1.0', null],
    ['1e3', null],
    ['12abc', null],
    ['007', null],
    ['', null],
    ['   ', null],
    ['1 2', null],
    ['١٢', null],
  ])('%j -> %j', (raw, expected) => {
    expect(parseLeadId(raw)).toBe(expected);
  });

  it('refuses non-strings', () => {
    expect(parseLeadId(null)).toBeNull();
    expect(parseLeadId(undefined)).toBeNull();
  });
});

describe('URL detectors', () => {
  const urlDetectors = { leadIdFromUrl, leadIdFromConvosoUrl };
  for (const [name, detect] of Object.entries(urlDetectors)) {
    const examples = DETECTOR_EXAMPLES[name as keyof typeof urlDetectors];
    it.each(examples.finds)(`${name} finds %s -> %s`, (url, expected) => {
      expect(detect(url)).toBe(expected);
    });
    it.each(examples.ignores)(`${name} ignores %s`, (url) => {
      expect(detect(url)).toBeNull();
    });
  }

  it.each([
    ['https://crm.example.com/contacts', false],
    ['https://crm.example.com/leads/5', false],
    ['https://crm.example.com/contacts?page=2#top', false],
    ['https://crm.example.com/x?lead_id=5', true],
    ['https://crm.example.com/x?LeadID=5', true],
    ['https://crm.example.com/x#/lead?leadid=5', true],
    ['https://crm.example.com/x?lea%64_id=5', true],
    ['https://crm.example.com/x?le\tad_id=5', true],
  ])('mayNameALead(%j) -> %j (never false where a parse would find a lead)', (url, may) => {
    expect(mayNameALead(url)).toBe(may);
    if (!may) expect(leadIdFromUrl(url)).toBeNull();
  });

  it.each([
    ['https://crm.example.com/x?lea%64_id=5', '5'],
    ['https://crm.example.com/x?%6C%65%61%64%69%64=6', '6'],
    ['https://crm.example.com/x?le\tad_id=7', '7'],
    ['https://crm.example.com/x#le\nadid=8', '8'],
  ])('leadIdFromUrl still finds a parameter named in escapes or with stripped characters: %j -> %j', (url, expected) => {
    expect(leadIdFromUrl(url)).toBe(expected);
  });

  it.each([
    ['https://admin.convoso.com/', true],
    ['https://admin-dt.convoso.com/leads/', true],
    ['https://agent.convoso.com/', true],
    ['https://agent-dt.convoso.com/', true],
    ['https://admin.convoso.com:8443/', true],
    ['http://agent.convoso.com/', false],
    ['https://api.convoso.com/', false],
    ['https://admin.convoso.com.example/', false],
    ['https://xadmin.convoso.com/', false],
    ['garbage', false],
  ])('isConvosoPage(%s) is %s', (url, expected) => {
    expect(isConvosoPage(url)).toBe(expected);
  });
});

describe('DOM detectors', () => {
  const domDetectors = { leadFromAttributes, leadFromFormFields };
  for (const [name, detect] of Object.entries(domDetectors)) {
    const examples = DETECTOR_EXAMPLES[name as keyof typeof domDetectors];
    it.each(examples.finds)(`${name} finds %s -> %s`, (source, expected) => {
      const finding = detect(html(source));
      expect(plain(finding)).toEqual({ kind: 'one', leadId: expected });
    });
    it.each(examples.ignores)(`${name} ignores %s`, (source) => {
      expect(detect(html(source))).toEqual({ kind: 'none' });
    });
    it.each(examples.many ?? [])(`${name} sees many in %s`, (source) => {
      expect(detect(html(source)).kind).toBe('many');
    });
  }

  it('reports the element that carries the id', () => {
    const root = html('<p data-lead-id="x"></p><tr><td><span id="target" data-lead-id="5"></span></td></tr>');
    const finding = leadFromAttributes(root);
    expect(finding.kind === 'one' && finding.element.id).toBe('target');
  });

  it('names the first two distinct ids of a list', () => {
    expect(leadFromAttributes(html('<b data-lead-id="3"></b><b data-lead-id="3"></b><b data-lead-id="4"></b><b data-lead-id="5"></b>'))).toEqual({
      kind: 'many',
      leadIds: ['3', '4'],
    });
  });

  it('falls back to a full scan after many junk values and still sees a second lead', () => {
    const junk = Array.from({ length: 12 }, (_, i) => `<i data-lead-id="junk-${i}"></i>`).join('');
    expect(scanAttribute(html(`<i data-lead-id="1"></i>${junk}<i data-lead-id="2"></i>`), 'data-lead-id')).toEqual({
      kind: 'many',
      leadIds: ['1', '2'],
    });
    const one = scanAttribute(html(`${junk}<i data-lead-id="9"></i>`), 'data-lead-id');
    expect(plain(one)).toEqual({ kind: 'one', leadId: '9' });
  });

  it('excludes values with quotes, backslashes and control characters safely', () => {
    const root = html('<i data-lead-id="1"></i>');
    const odd = document.createElement('i');
    odd.setAttribute('data-lead-id', 'a"b\\c\nd\u0001');
    root.prepend(odd);
    expect(plain(scanAttribute(root, 'data-lead-id'))).toEqual({ kind: 'one', leadId: '1' });
  });

  it('reads the live value of a form field, not its attribute', () => {
    const root = html('<input name="lead_id" value="1">');
    (root.querySelector('input') as HTMLInputElement).value = '2';
    expect(plain(leadFromFormFields(root))).toEqual({ kind: 'one', leadId: '2' });
  });

  it('works on a whole Document', () => {
    const doc = document.implementation.createHTMLDocument('t');
    doc.body.innerHTML = '<div data-lead-id="12"></div>';
    expect(plain(leadFromAttributes(doc))).toEqual({ kind: 'one', leadId: '12' });
  });
});
