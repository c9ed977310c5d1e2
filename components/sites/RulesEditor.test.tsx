import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { installFakeScripting } from '../../tests/support/fake-scripting';
import { readSites } from '../../utils/sites/store';
import { BUILT_IN_SITES } from '../../utils/sites/built-in';
import { RulesEditor } from './RulesEditor';

beforeEach(() => {
  fakeBrowser.reset();
  installFakeScripting();
});
afterEach(cleanup);

const admin = BUILT_IN_SITES[0]!;

function type(label: string, value: string) {
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
}

describe('RulesEditor', () => {
  it('marks a rule without {id} (a regular expression) inline and saves nothing', async () => {
    render(<RulesEditor site={admin} locked={false} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add address rule' }));
    type('Address pattern', 'lead/(\\d+');
    fireEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    await screen.findByText('Nothing was saved: correct the marked rules.');
    const input = screen.getByLabelText('Address pattern');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const error = document.getElementById(input.getAttribute('aria-describedby')!.split(' ').at(-1)!)!;
    expect(error.textContent).toMatch(/^Put \{id\} where the lead ID is/);
    expect(document.activeElement).toBe(input);
    expect((await readSites()).sites[0]!.rules).toEqual([]);
  });

  it('marks a broken selector and a missing attribute name', async () => {
    render(<RulesEditor site={admin} locked={false} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add page rule' }));
    type('CSS selector', 'div[[');
    fireEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    await screen.findByText('This is not a valid CSS selector.');
    type('CSS selector', '.lead');
    fireEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    await screen.findByText('Name the attribute that holds the lead ID, e.g. data-id.');
  });

  it('saves valid rules for the site', async () => {
    render(<RulesEditor site={admin} locked={false} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add page rule' }));
    type('CSS selector', '.lead-number');
    fireEvent.change(screen.getByLabelText('The ID is in the element’s'), { target: { value: 'text' } });
    type('Extract pattern (optional)', 'Lead #{id}');
    fireEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    await screen.findByText('Rules saved.');
    expect((await readSites()).sites[0]!.rules).toEqual([
      { kind: 'selector', selector: '.lead-number', source: 'text', extract: 'Lead #{id}' },
    ]);
  });

  it('tests unsaved rules on a pasted snippet and address', async () => {
    render(<RulesEditor site={admin} locked={false} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add page rule' }));
    type('CSS selector', '.lead-number');
    fireEvent.change(screen.getByLabelText('The ID is in the element’s'), { target: { value: 'text' } });
    type('Extract pattern (optional)', 'Lead #{id}');
    type('Test the rules on', '<div class="lead-number">Lead #5150</div><img src=x onerror="window.__pwned=1">');
    fireEvent.click(screen.getByRole('button', { name: 'Test' }));
    await screen.findByText('Lead found: 5150, from your page rule.');
    expect(screen.getByText('Rule 1: finds 5150')).toBeTruthy();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();

    type('Test the rules on', 'https://crm.example.com/x?lead_id=77');
    fireEvent.click(screen.getByRole('button', { name: 'Test' }));
    await screen.findByText('Lead found: 77, from the lead_id in the address.');
    expect(screen.getByText('Rule 1: finds nothing')).toBeTruthy();
  });

  it('asks for something to test', async () => {
    render(<RulesEditor site={admin} locked={false} />);
    fireEvent.click(screen.getByRole('button', { name: 'Test' }));
    await screen.findByText('Paste a page address or some of its HTML first.');
  });

  it('shows a managed site’s rules read-only', () => {
    render(<RulesEditor site={{ ...admin, managed: true, rules: [{ kind: 'url', pattern: 'l/{id}' }] }} locked />);
    expect((screen.getByLabelText('Address pattern') as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'Save rules' })).toBeNull();
    expect(screen.getByText('Set by your administrator.')).toBeTruthy();
  });

  it('opens rules saved as regular expressions as templates, and marks those without one (issue 8, item 4)', () => {
    render(
      <RulesEditor
        site={{ ...admin, rules: [{ kind: 'url', pattern: 'lead=(\\d+)' }, { kind: 'url', pattern: '(a|aa)+(\\d+)' }] }}
        locked={false}
      />,
    );
    const [converted, refused] = screen.getAllByLabelText('Address pattern') as HTMLInputElement[];
    expect(converted!.value).toBe('lead={id}');
    expect(converted!.getAttribute('aria-invalid')).not.toBe('true');
    expect(refused!.value).toBe('(a|aa)+(\\d+)');
    expect(refused!.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/Some saved rules are regular expressions/)).toBeTruthy();
  });
});
