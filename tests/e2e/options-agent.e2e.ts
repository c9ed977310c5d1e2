import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { DEMO_TOKEN } from '../../mock-api/server';
import { evaluateIn, launchExtension, screen, waitForText, waitUntil, type ExtensionSession } from '../harness';
import { boxOf, clickSave, descriptionOf, field, hasFocus, openOptions } from '../support/options-page';

// Issue 19, "Options that fit who uses them", in Chromium and Firefox: the agent's
// settings first and the administrator's under *Administrator*, checkboxes beside
// their labels, a time zone field that says when it is not set, *Show token* only
// with something to show, *Add site* answering at its field, and the links other
// pages open the options with (#token, #user-id, #time-zone, #api-address).

let ext: ExtensionSession | undefined;
afterEach(async () => {
  await ext?.close();
  ext = undefined;
});

const AGENT_FIELDS = ['API token', 'Convoso user ID', 'Account time zone', 'Show my due callbacks on the toolbar icon', 'Remind me before my callbacks are due'];
const ADMIN_FIELDS = ['API base URL', 'Request method', 'Site address or match pattern'];

describe('options that fit who uses them (issue 19)', () => {
  it('shows the agent’s settings first and the administrator’s under Administrator', async () => {
    ext = await launchExtension({ userId: '70003' });
    const page = await openOptions(ext);
    const headings = await evaluateIn(page, () => [...document.querySelectorAll('h1, h2, h3')].map((h) => `${h.tagName} ${h.textContent?.trim()}`));
    expect(headings).toEqual([
      'H1 Convoso Callbacks settings',
      'H2 Your Convoso connection',
      'H2 Toolbar count and reminders',
      'H2 Administrator',
      'H3 API',
      'H3 CRM sites',
      'H3 Export and import',
    ]);

    const admin = screen(page).getByRole('region', { name: 'Administrator', exact: true });
    const adminTop = (await boxOf(screen(page).getByRole('heading', { name: 'Administrator', exact: true }))).top;
    for (const label of AGENT_FIELDS) {
      expect(await admin.getByLabel(label, { exact: true }).count(), `${label} is under Administrator`).toBe(0);
      expect((await boxOf(field(page, label))).bottom, `${label} is not above Administrator`).toBeLessThan(adminTop);
    }
    for (const label of ADMIN_FIELDS) expect(await admin.getByLabel(label, { exact: true }).count(), `${label} is not under Administrator`).toBe(1);
    expect(await admin.getByRole('heading', { name: 'Export and import', exact: true }).count()).toBe(1);
  });

  it('puts each checkbox and radio button beside its label, not stretched across the card', async () => {
    ext = await launchExtension({ userId: '70003' });
    const page = await openOptions(ext);
    await field(page, 'Show my due callbacks on the toolbar icon').waitFor();
    // Measured in the page: the box itself, and the label's text next to it.
    const boxes = await evaluateIn(page, () =>
      [...document.querySelectorAll<HTMLInputElement>('input[type="checkbox"], input[type="radio"]')].map((input) => {
        const label = input.labels![0]!;
        const text = document.createRange();
        text.selectNodeContents(label);
        if (label.contains(input)) text.setStartAfter(input);
        const [i, t] = [input.getBoundingClientRect(), text.getBoundingClientRect()];
        return {
          name: label.textContent!.replace(/\s+/g, ' ').trim(),
          width: i.width,
          gap: t.left - i.right,
          offCentre: Math.abs(i.top + i.height / 2 - (t.top + t.height / 2)),
          height: i.height,
        };
      }),
    );
    expect(boxes.map((b) => b.name)).toEqual(['On this device', 'Only until the browser closes', 'Show my due callbacks on the toolbar icon', 'Remind me before my callbacks are due']);
    for (const box of boxes) {
      expect(box.width, box.name).toBeGreaterThan(0);
      expect(box.width, box.name).toBeLessThan(40);
      expect(box.gap, box.name).toBeGreaterThanOrEqual(0);
      expect(box.gap, box.name).toBeLessThan(24);
      expect(box.offCentre, box.name).toBeLessThan(box.height);
    }
  });

  it('says when the account time zone is not set, instead of showing the browser’s zone as chosen', async () => {
    ext = await launchExtension();
    const page = await openOptions(ext);
    const zone = field(page, 'Account time zone');
    const browserZone = await evaluateIn(page, () => Intl.DateTimeFormat().resolvedOptions().timeZone);
    const notSet = `Not set: using this browser’s zone, ${browserZone}.`;
    await screen(page).getByText(notSet, { exact: true }).waitFor();
    expect(await zone.inputValue()).toBe('');
    expect(await zone.getAttribute('placeholder')).toBe('Not set');
    expect(await descriptionOf(zone)).toContain(notSet);

    await zone.fill('America/Chicago');
    await clickSave(page);
    await waitForText(page, '#connection-status', 'Saved.');
    await screen(page).getByText(/^Not set:/).waitFor({ state: 'detached' });
    expect(await descriptionOf(zone)).not.toContain(notSet);
    expect((await ext.getStorage('local')).timeZone).toBe('America/Chicago');

    // Opened again: the chosen zone, and no "not set".
    const again = await openOptions(ext);
    await waitUntil(async () => (await field(again, 'Account time zone').inputValue()) === 'America/Chicago', 'the saved zone was not shown');
    expect(await screen(again).getByText(/^Not set:/).count()).toBe(0);

    // Emptied and saved: not set again, and said so.
    await field(again, 'Account time zone').fill('');
    await clickSave(again);
    await waitForText(again, '#connection-status', 'Saved.');
    await screen(again).getByText(notSet, { exact: true }).waitFor();
    expect((await ext.getStorage('local')).timeZone).toBe('');
  });

  it('disables Show token until there is a token to show', async () => {
    ext = await launchExtension();
    const page = await openOptions(ext);
    const token = field(page, 'API token');
    const show = screen(page).getByRole('button', { name: 'Show token', exact: true });
    expect(await show.isDisabled()).toBe(true);

    await token.fill(DEMO_TOKEN);
    await waitUntil(async () => !(await show.isDisabled()), 'Show token stayed disabled with a token typed');
    await show.click();
    const hide = screen(page).getByRole('button', { name: 'Hide token', exact: true });
    await hide.waitFor();
    expect(await hide.getAttribute('aria-pressed')).toBe('true');
    expect(await token.getAttribute('type')).toBe('text');
    expect(await token.inputValue()).toBe(DEMO_TOKEN);

    // Emptied: nothing to show, and the next token is typed hidden again.
    await token.fill('');
    await show.waitFor();
    expect(await show.isDisabled()).toBe(true);
    expect(await token.getAttribute('type')).toBe('password');
  });

  it('reports Add site next to its field: a wrong address at the field, the outcome right under it', async () => {
    ext = await launchExtension();
    const page = await openOptions(ext);
    const site = field(page, 'Site address or match pattern');
    const add = screen(page).getByRole('button', { name: 'Add site', exact: true });
    const list = screen(page).getByRole('list', { name: 'CRM sites', exact: true });

    await site.fill('ftp://files.example.com');
    await add.click();
    const wrong = screen(page).getByText('A CRM site must use http or https.', { exact: true });
    await wrong.waitFor();
    expect(await site.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(site)).toContain('A CRM site must use http or https.');
    expect(await hasFocus(site)).toBe(true);
    expect(await site.inputValue()).toBe('ftp://files.example.com');
    let [input, said, sites] = [await boxOf(site), await boxOf(wrong), await boxOf(list)];
    expect(said.top).toBeGreaterThanOrEqual(input.bottom);
    expect(said.bottom).toBeLessThanOrEqual(sites.top);

    await site.fill('http://127.0.0.1');
    await add.click();
    const added = screen(page).getByText('Added http://127.0.0.1/*.', { exact: true });
    await added.waitFor();
    expect(await wrong.count()).toBe(0);
    expect(await site.getAttribute('aria-invalid')).toBeNull();
    await list.getByText('http://127.0.0.1/*', { exact: true }).waitFor();
    [input, said, sites] = [await boxOf(site), await boxOf(added), await boxOf(list)];
    expect(said.top).toBeGreaterThanOrEqual(input.bottom);
    expect(said.bottom).toBeLessThanOrEqual(sites.top);
  });

  it.each([
    ['#token', 'API token'],
    ['#user-id', 'Convoso user ID'],
    ['#time-zone', 'Account time zone'],
    ['#api-address', 'API base URL'],
  ])('opens at the field its link names (options.html%s)', async (hash, label) => {
    ext = await launchExtension();
    const page = await openOptions(ext, hash);
    await waitUntil(() => hasFocus(field(page, label)), `${label} did not take the focus`);
    await expectOnScreen(page, label);
  });

  it('moves to the field a link names in an options tab already open', async () => {
    ext = await launchExtension();
    const page = await openOptions(ext, '#token');
    await waitUntil(() => hasFocus(field(page, 'API token')), 'API token did not take the focus');
    // Another page opens the options at #api-address, and the browser reuses this tab.
    await evaluateIn(page, () => {
      location.hash = '#api-address';
    });
    await waitUntil(() => hasFocus(field(page, 'API base URL')), 'API base URL did not take the focus');
    await expectOnScreen(page, 'API base URL');
  });
});

/**
 * The field and its label are drawn inside the window, where the person sees what the
 * field is (a browser scrolling to a fragment puts the field at the top edge, and its
 * label above the window). A pixel of rounding is allowed.
 */
async function expectOnScreen(page: Page, label: string) {
  const el = await field(page, label).element(false);
  const { input, named, height } = await el.evaluate((e) => {
    const box = (r: DOMRect) => ({ top: r.top, bottom: r.bottom });
    return { input: box(e.getBoundingClientRect()), named: box((e as HTMLInputElement).labels![0]!.getBoundingClientRect()), height: window.innerHeight };
  });
  await el.dispose();
  for (const [what, box] of [[label, input], [`the label of ${label}`, named]] as const) {
    expect(box.top, `${what} is above the window`).toBeGreaterThanOrEqual(-1);
    expect(box.bottom, `${what} is below the window`).toBeLessThanOrEqual(height + 1);
  }
}
