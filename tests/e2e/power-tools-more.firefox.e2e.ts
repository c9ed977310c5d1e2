import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import { FIXTURE_LEADS, XSS_PAYLOAD } from '../../mock-api/server';
import { byLabel, clickButton, connectThroughOptions, launchExtension, searchTabOpenedBy, textOf, typeInto, waitForText, waitUntil, type ExtensionSession } from '../harness';

// The rest of issue 12's power tools in a real Firefox (MV2 background page): the context
// menu, `cb` in the address bar, reminders (shown, and clicked), and saved searches in
// the popup. A browser menu, the address bar and a notification cannot be clicked over
// WebDriver BiDi: the tests call the very handlers the browser calls, from the test
// build's bridge page (tests/harness/bridge/). Everything after that is read on screen.
// One Firefox for the file, set up through the options page as an agent does; the tests
// run in order.

let ff: ExtensionSession;
let options: Page;
const searchRequests = () => ff.api.searchRequests();

type Hook = 'onMenuClicked' | 'onOmniboxEntered' | 'onReminderClicked';
/** Calls the handler the browser would call with `args`, in the bridge page. */
const callHook = (name: Hook, ...args: unknown[]): Promise<unknown> =>
  ff.inExtension((bridge, hook, hookArgs) => (bridge[hook] as (...a: unknown[]) => unknown)(...hookArgs), name, args);

/** Whether each context-menu item exists (Firefox gives `contextMenus`, not `menus`, for that permission). */
const menuItemsExist = (ids: string[]): Promise<boolean[]> =>
  options.evaluate(async (itemIds) => {
    const menus = (await (globalThis as any).browser.runtime.getBackgroundPage()).browser.contextMenus;
    return Promise.all(itemIds.map((id: string) => menus.update(id, {}).then(() => true, () => false)));
  }, ids);

type Shown = Record<string, { title: string; message: string }>;
/** The notifications the add-on shows now (Firefox's `getAll`), or null while it may show none. */
const shownReminders = (): Promise<Shown | null> =>
  options.evaluate(async () => {
    const notifications = (await (globalThis as any).browser.runtime.getBackgroundPage()).browser.notifications;
    return notifications ? notifications.getAll() : null;
  });

/** The tab view `act` opened on exactly the search `params` (lead_id, and id for a reminder). */
function tabOpenedBy(act: () => Promise<unknown>, params: Record<string, string>): Promise<Page> {
  const wanted = JSON.stringify(Object.entries(params).sort());
  return searchTabOpenedBy(ff, act, (query) => JSON.stringify([...query].sort()) === wanted, `the extension opened no tab view on ${wanted}`);
}

/** The results' count, as the search tab shows it ("3 callbacks"). */
const resultCount = (tab: Page, expected: string) => waitForText(tab, '.results-summary strong', expected);

const RUN_LIST = 'ul[aria-label="Run a saved search"]';
/** The names on the row of saved searches that one click runs. */
const runRow = (popup: Page): Promise<string[]> =>
  popup.$$eval(`${RUN_LIST} button`, (buttons) => buttons.map((b) => (b as HTMLElement).innerText.trim())).catch(() => []);
const waitForRunRow = (popup: Page, names: string[]) =>
  waitUntil(async () => JSON.stringify(await runRow(popup)) === JSON.stringify(names), `the saved searches never read ${names.join(', ')}`);

describe('lookup from anywhere, reminders and saved searches in a real Firefox', () => {
  beforeAll(async () => {
    ff = await launchExtension({ fresh: true });
    options = await connectThroughOptions(ff);
  });
  afterAll(() => ff?.close());

  it('the context menu on a selection and on a link opens the lead’s callbacks', async () => {
    expect(await options.evaluate(() => (globalThis as any).browser.runtime.getManifest().permissions)).toContain('contextMenus');
    // Firefox lists no menu items, but updating one that does not exist fails: the
    // background page made both items at its start (MV2 has no onInstalled run for them).
    expect(await menuItemsExist(['lead-from-selection', 'lead-from-link', 'no-such-item'])).toEqual([true, true, false]);

    const selectionTab = await tabOpenedBy(async () => {
      const lead = await callHook('onMenuClicked', { menuItemId: 'lead-from-selection', selectionText: `Lead #${FIXTURE_LEADS.withCallbacks}` });
      expect(lead).toBe(FIXTURE_LEADS.withCallbacks);
    }, { lead_id: FIXTURE_LEADS.withCallbacks });
    await resultCount(selectionTab, '3 callbacks');
    expect(await (await byLabel(selectionTab, 'Lead ID')).evaluate((el) => el.value)).toBe(FIXTURE_LEADS.withCallbacks);
    await selectionTab.close();

    const link = ff.crmUrl(`/crm/lead.html?lead_id=${FIXTURE_LEADS.leadB}`);
    const linkTab = await tabOpenedBy(async () => {
      expect(await callHook('onMenuClicked', { menuItemId: 'lead-from-link', linkUrl: link })).toBe(FIXTURE_LEADS.leadB);
    }, { lead_id: FIXTURE_LEADS.leadB });
    await resultCount(linkTab, '5 callbacks');
    expect(searchRequests().at(-1)!.query).toMatchObject({ lead_id: FIXTURE_LEADS.leadB, offset: '0' });
    await linkTab.close();
  });

  it('`cb 515151` in the address bar opens the lead’s callbacks', async () => {
    expect(await options.evaluate(() => (globalThis as any).browser.runtime.getManifest().omnibox)).toEqual({ keyword: 'cb' });
    const tab = await tabOpenedBy(() => callHook('onOmniboxEntered', ` ${FIXTURE_LEADS.leadA} `, 'newForegroundTab'), { lead_id: FIXTURE_LEADS.leadA });
    await resultCount(tab, '2 callbacks');
    await tab.close();
  });

  it('reminders: turned on in the options, Firefox shows the agent’s callback due within the reminder time, and a click opens it', async () => {
    // The XSS lead's one callback is about an hour after the API started, still open.
    const due = ff.api.dataset.callbacks.find((c) => c.record.lead_id === FIXTURE_LEADS.xss)!.record;
    expect(due).toMatchObject({ stage: 'Pending', class: '', comments: XSS_PAYLOAD });
    await options.bringToFront();
    await typeInto(options, 'Convoso user ID', due.user);
    await clickButton(options, 'Save');
    await waitForText(options, '#connection-status', 'Saved.');
    await typeInto(options, 'Remind me this many minutes before', '120');
    await options.keyboard.press('Tab');
    await waitUntil(async () => (await textOf(options, 'body')).includes('Reminder time saved.'), 'the reminder time was not saved');
    const box = await byLabel(options, 'Remind me before my callbacks are due');
    await waitUntil(() => box.evaluate((el) => !el.disabled), 'reminders stayed disabled after saving a user ID');
    // No `notifications` API before the user allows it.
    expect(await shownReminders()).toBeNull();
    await box.click();
    // Firefox grants `notifications` (its prompt is off in the test profile); the reminders check at once.
    await waitUntil(async () => (await textOf(options, 'body')).includes('Reminders turned on; saved.'), 'reminders were not turned on');
    const id = `callback-reminder:${due.lead_id}:${due.id}`;
    const shown = await waitUntil(async () => (await shownReminders())?.[id], `no notification ${id}`);
    expect(shown.title).toMatch(/^Callback in \d+ min$/);
    // Plain text: the comment's markup is shown as written.
    const [first, comment] = shown.message.split('\n');
    expect(first).toMatch(new RegExp(`^Lead ${due.lead_id} at \\w{3} \\d{1,2}, \\d{4}, \\d{1,2}:\\d{2}\\s[AP]M$`));
    expect(comment).toBe(XSS_PAYLOAD);
    expect(searchRequests().at(-1)!.query).toMatchObject({ user_id: due.user, limit: '500' });

    // A click on it (no test can click a notification: the handler Firefox calls). Shown
    // just before and gone just after, read in one go: Firefox's own notification closes
    // by itself after ~20 s, and its absence then would prove nothing.
    let listed: { before: boolean; after: boolean } | undefined;
    const tab = await tabOpenedBy(async () => {
      listed = await ff.inExtension(async (bridge, notificationId) => {
        const bg = await (bridge.browser.runtime as any).getBackgroundPage();
        const before = notificationId in (await bg.browser.notifications.getAll());
        const handled = await bridge.onReminderClicked(notificationId);
        const after = notificationId in (await bg.browser.notifications.getAll());
        return handled === true ? { before, after } : undefined;
      }, id);
    }, { lead_id: due.lead_id, id: due.id });
    expect(listed).toEqual({ before: true, after: false });
    await resultCount(tab, '1 callback');
    await tab.close();

    // Off again: no more reminder searches behind the next tests.
    await options.bringToFront();
    await box.click();
    await waitUntil(async () => (await textOf(options, 'body')).includes('Reminders turned off; saved.'), 'reminders were not turned off');
    await waitUntil(async () => (await options.evaluate(() => (globalThis as any).browser.alarms.getAll())).length === 0, 'the reminder alarms stayed');
  });

  it('clicking a reminder opens the tab view on that callback', async () => {
    const record = ff.api.dataset.callbacks.find((c) => c.record.lead_id === FIXTURE_LEADS.withCallbacks)!.record;
    const tab = await tabOpenedBy(async () => {
      expect(await callHook('onReminderClicked', `callback-reminder:${record.lead_id}:${record.id}`)).toBe(true);
    }, { lead_id: record.lead_id, id: record.id });
    await resultCount(tab, '1 callback');
    expect(searchRequests().at(-1)!.query).toMatchObject({ lead_id: record.lead_id, id: record.id });
    await tab.close();
  });

  it('saves the current filters, runs one in a click, renames, reorders and deletes', async () => {
    let popup = await ff.openPage('popup.html');
    // The popup opens on the last search (the tests above searched a lead): start from none.
    await clickButton(popup, 'Clear');
    await waitUntil(async () => (await (await byLabel(popup, 'Lead ID')).evaluate((el) => el.value)) === '', 'Clear left the lead ID');
    await clickButton(popup, 'Saved searches');
    await clickButton(popup, 'Filters');
    await (await byLabel(popup, 'Stage')).select('PASTDUE');
    await typeInto(popup, 'Name for the current filters', 'Overdue');
    await clickButton(popup, 'Save search');
    await waitForRunRow(popup, ['Overdue']);
    await (await byLabel(popup, 'Stage')).select('');
    await typeInto(popup, 'Lead ID', FIXTURE_LEADS.leadB);
    await typeInto(popup, 'Name for the current filters', 'Lead B');
    await clickButton(popup, 'Save search');
    await waitForRunRow(popup, ['Overdue', 'Lead B']);

    await clickButton(popup, 'Move Lead B up');
    await waitForRunRow(popup, ['Lead B', 'Overdue']);
    await clickButton(popup, 'Rename Overdue');
    await typeInto(popup, 'New name for Overdue', 'Past due');
    await clickButton(popup, 'Save name');
    await waitForRunRow(popup, ['Lead B', 'Past due']);
    await popup.close();

    // Kept across popups; one click searches with the saved filters. (The quick filter
    // "Overdue" searches the same stage: the click goes to the saved search's own button.)
    popup = await ff.openPage('popup.html');
    await waitUntil(() => popup.evaluate(() => !(document.querySelector('[role="status"]')?.textContent ?? '').includes('Searching…') && !!document.querySelector('.results, .idle-hint')), 'the popup never showed its list');
    await clickButton(popup, 'Saved searches');
    await waitForRunRow(popup, ['Lead B', 'Past due']);
    ff.api.clearRequests();
    const pastDue = await popup.$$(`${RUN_LIST} button`).then((buttons) => buttons[1] as ElementHandle<HTMLElement>);
    expect(await pastDue.evaluate((b) => b.innerText.trim())).toBe('Past due');
    await pastDue.click();
    await waitUntil(async () => searchRequests().length === 1, 'the saved search never searched');
    expect(searchRequests()[0]!.query).toMatchObject({ stage: 'PASTDUE', offset: '0' });
    expect(searchRequests()[0]!.query.lead_id).toBeUndefined();
    expect(await (await byLabel(popup, 'Stage')).evaluate((el) => el.value)).toBe('PASTDUE');

    await clickButton(popup, 'Saved searches');
    await clickButton(popup, 'Delete Lead B');
    await waitForRunRow(popup, ['Past due']);
    await popup.close();
  });
});
