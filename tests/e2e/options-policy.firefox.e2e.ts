import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchExtension, screen, waitUntil, type ExtensionSession } from '../harness';
import { descriptionOf, field, openOptions } from '../support/options-page';

// Issue 21, "Admin limits by policy": the options show what the administrator's traffic
// policy fixed. The policy reaches a real Firefox the way a deployment's does, as the
// add-on's storage.managed, here from a managed storage manifest in the browser's own
// temporary HOME (launchExtension({ policy })). Chromium reads policy only from
// /etc/chromium/policies, for the whole machine, so this file is Firefox's alone.

const CRM = 'https://crm.example.com/*';
const POLICY = {
  requestsPerMinute: 30,
  minRefreshMinutes: 20,
  allowToolbarCount: false,
  allowReminders: false,
  allowInlineChips: false,
  leadCacheMinutes: 'ten',
};

let ff: ExtensionSession;
let options: Page;

describe('the administrator’s traffic limits in the options of a real Firefox (issue 21)', () => {
  beforeAll(async () => {
    ff = await launchExtension({
      policy: POLICY,
      userId: '70003',
      sites: [{ id: 'crm', pattern: CRM, mode: 'inline', rules: [] }],
    });
    options = await openOptions(ff);
  });
  afterAll(() => ff?.close());

  it('reads the policy as the add-on’s storage.managed', async () => {
    expect(await ff.inExtension((b) => b.browser.storage.managed.get())).toEqual(POLICY);
  });

  it('locks the toolbar count and reminders, saying why at each control', async () => {
    for (const label of ['Show my due callbacks on the toolbar icon', 'Remind me before my callbacks are due']) {
      const box = field(options, label);
      await waitUntil(() => box.isDisabled(), `${label} was never locked`);
      expect(await box.isChecked()).toBe(false);
      expect((await descriptionOf(box))[0]).toBe('Turned off by your administrator.');
    }
    const lead = field(options, 'Remind me this many minutes before');
    expect(await lead.isDisabled()).toBe(true);
    expect(await descriptionOf(lead)).toEqual(['Turned off by your administrator.']);
  });

  it('shows the policy’s shortest refresh as what applies over the agent’s 15 minutes', async () => {
    const minutes = field(options, 'Refresh the count every (minutes)');
    // The count is off by policy, so its interval is locked too; the minimum still shows as what applies.
    expect(await minutes.inputValue()).toBe('20');
    expect(await minutes.getAttribute('min')).toBe('20');
  });

  it('offers a site no inline chips and says a site set to them shows the badge instead', async () => {
    const mode = field(options, `Mode for ${CRM}`);
    expect(await descriptionOf(mode)).toEqual(['Shows the badge instead: inline chips are turned off by your administrator.']);
    const inlineDisabled = await (await mode.element(false)).evaluate((select) => (select as HTMLSelectElement).querySelector<HTMLOptionElement>('option[value="inline"]')!.disabled);
    expect(inlineDisabled).toBe(true);
    // The site's stored mode is left as the administrator or agent set it.
    const local = await ff.getStorage('local');
    expect((local.sites as Array<{ id: string; mode: string }>).find((s) => s.id === 'crm')?.mode).toBe('inline');
  });

  it('lists the limits under Administrator and reports the value it could not use', async () => {
    const limits = screen(options).getByRole('region', { name: 'Limits set by your administrator', exact: true });
    await limits.waitFor();
    const text = (await limits.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('Requests to Convoso per minute 30');
    expect(text).toContain('Shortest refresh of the toolbar count and reminders 20 minutes');
    expect(text).toContain('Turned off inline chips (sites set to them show the badge), the toolbar count, reminders');
    const note = screen(options).getByRole('note');
    expect(await note.innerText()).toContain('Policy leadCacheMinutes ignored: it must be a whole number from 1 to 60.');
  });
});
