import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_TOKEN, FIXTURE_LEADS } from '../../mock-api/server';
import { AGENTS } from '../../mock-api/catalog';
import { searchCallbacks } from '../../mock-api/search';
import { launchExtension, screen, waitUntil, type ExtensionSession } from '../harness';
import { localToday, openFilters, openSettledPopup, pager, search, settled, shownTimes } from '../support/popup-page';

// Issue 19 in the popup, as an agent works: the right answer at a glance. Every test runs
// in Chromium and in Firefox, against the local API, reading the screen and checking the
// requests the API received.

let ext: ExtensionSession | undefined;
afterEach(async () => {
  await ext?.close();
  ext = undefined;
});

const queries = () => ext!.api.searchRequests().map((r) => r.query);
const agent = AGENTS[0]!;
const lead = FIXTURE_LEADS.withCallbacks;
const total = (params: Record<string, string>) => {
  const answer = searchCallbacks(ext!.api.dataset, { limit: '1', ...params });
  if (!answer.success) throw new Error('the local API refused the count');
  return Number(answer.data.total);
};

describe('a lead typed into a reopened popup finds that lead', () => {
  it('the last search’s User ID and Stage show as chips; the lead is searched alone, the popup says so, and the filters come back on request', async () => {
    ext = await launchExtension();
    let popup = await openSettledPopup(ext);
    await openFilters(popup);
    await screen(popup).getByLabel('User ID').fill(agent.id);
    await screen(popup).getByLabel('Stage').selectOption('PASTDUE');
    await search(popup);
    // The default view on screen has a count too: wait for this search's own list.
    await waitUntil(async () => queries().length === 1, 'the search was not sent');
    await settled(popup);
    await screen(popup).getByText(/^[\d,]+ callbacks?$/).waitFor();
    await popup.close();

    // The last search shows at once from storage, then is asked again: requests count from that answer.
    popup = await openSettledPopup(ext);
    // What is in force shows where the agent types.
    const chips = screen(popup).getByRole('list', { name: 'Filtered by' });
    await chips.getByText(`User ID ${agent.id}`, { exact: true }).waitFor();
    await chips.getByText('Stage Past due', { exact: true }).waitFor();
    await screen(popup).getByLabel('Lead ID').fill(lead);
    await screen(popup).getByLabel('Lead ID').press('Enter');
    await screen(popup).getByText('3 callbacks', { exact: true }).waitFor();
    expect(queries()).toEqual([{ auth_token: DEMO_TOKEN, lead_id: lead, offset: '0', limit: '20' }]);
    await screen(popup).getByText(new RegExp(`left out User ID ${agent.id}, Stage Past due from your last search`)).waitFor();
    expect(await screen(popup).getByRole('list', { name: 'Filtered by' }).count()).toBe(0);

    await screen(popup).getByRole('button', { name: 'Add them back' }).click();
    await screen(popup).getByText('1 callback', { exact: true }).waitFor();
    expect(queries()[1]).toEqual({ auth_token: DEMO_TOKEN, lead_id: lead, user_id: agent.id, stage: 'PASTDUE', offset: '0', limit: '20' });
  });

  it('an empty combined search offers the lead alone in one click; a chip’s × removes its filter', async () => {
    ext = await launchExtension();
    const popup = await openSettledPopup(ext);
    await screen(popup).getByLabel('Lead ID').fill(lead);
    await openFilters(popup);
    await screen(popup).getByLabel('Stage').selectOption('MISSED');
    await search(popup);
    await screen(popup).getByRole('region', { name: 'Results' }).getByText(`No callbacks matched Lead ID ${lead} and Stage Missed.`, { exact: true }).waitFor();
    expect(await screen(popup).getByRole('navigation').count()).toBe(0);
    await screen(popup).getByRole('button', { name: `Search lead ${lead} alone` }).click();
    await screen(popup).getByText('3 callbacks', { exact: true }).waitFor();
    expect(queries().map((q) => q.stage ?? '')).toEqual(['MISSED', '']);

    await screen(popup).getByLabel('Stage').selectOption('PENDING');
    await search(popup);
    await screen(popup).getByText('1 callback', { exact: true }).waitFor();
    await screen(popup).getByRole('button', { name: 'Remove Stage Pending' }).click();
    await screen(popup).getByText('3 callbacks', { exact: true }).waitFor();
    expect(queries().at(-1)).toEqual({ auth_token: DEMO_TOKEN, lead_id: lead, offset: '0', limit: '20' });
  });
});

describe('sorting means what it says', () => {
  it('"Time, latest first" on a multi-page result fetches every match in large pages and shows the latest of them all first', async () => {
    ext = await launchExtension();
    const popup = await openSettledPopup(ext);
    await openFilters(popup);
    await screen(popup).getByLabel('Stage').selectOption('PENDING');
    await search(popup);
    const matches = total({ stage: 'PENDING' });
    expect(matches).toBeGreaterThan(1000);
    expect(matches).toBeLessThanOrEqual(5000);
    await screen(popup).getByText(`${matches.toLocaleString('en-US')} callbacks`, { exact: true }).waitFor();
    const firstPage = await shownTimes(popup);

    await screen(popup).getByLabel('Sort').selectOption('time-desc');
    const pages = Math.ceil(matches / 1000);
    await waitUntil(async () => queries().length === 1 + pages && (await screen(popup).getByRole('button', { name: 'Cancel sort' }).count()) === 0, 'the sort never fetched every match');
    expect(ext.api.searchRequests().slice(1).map((r) => [r.query.stage, r.query.offset, r.query.limit])).toEqual(
      Array.from({ length: pages }, (_, i) => ['PENDING', String(i * 1000), '1000']),
    );
    const latest = ext.api.dataset.callbacks.filter((c) => c.stageKey === 'PENDING').at(-1)!.sortKey.replace(' ', 'T');
    await waitUntil(async () => (await shownTimes(popup))[0] === latest, `the latest callback (${latest}) never came first`);
    const shown = await shownTimes(popup);
    expect(shown[0]! > firstPage.at(-1)!).toBe(true);
    expect([...shown].sort().reverse()).toEqual(shown);

    // Its pages come from what was fetched: no request.
    await pager(popup).getByRole('button', { name: 'Next page' }).click();
    await pager(popup).getByText(`Page 2 of ${Math.ceil(matches / 20).toLocaleString('en-US')}`, { exact: true }).waitFor();
    expect((await shownTimes(popup))[0]! <= shown.at(-1)!).toBe(true);
    expect(queries()).toHaveLength(1 + pages);
  });

  it('above 5,000 matches it says plainly the order covers the page, and offers a date range', async () => {
    ext = await launchExtension();
    const popup = await openSettledPopup(ext);
    await openFilters(popup);
    await screen(popup).getByLabel('Recipient').selectOption('Personal');
    await search(popup);
    const matches = total({ recipient: 'Personal' });
    expect(matches).toBeGreaterThan(5000);
    await screen(popup).getByText(`${matches.toLocaleString('en-US')} callbacks`, { exact: true }).waitFor();
    await screen(popup).getByRole('button', { name: /^Filters/ }).click();
    await screen(popup).getByLabel('Sort').selectOption('time-desc');
    await screen(popup).getByText(/^“Time, latest first” orders this page only: [\d,]+ callbacks match, more than the 5,000 that can be sorted together/).waitFor();
    expect(queries()).toHaveLength(1);
    await screen(popup).getByRole('button', { name: 'Choose dates' }).click();
    await waitUntil(() => popup.evaluate(() => document.activeElement?.id === 'search-start_date'), 'Choose dates did not bring the start date');
  });
});

describe('a blank search does not open on the oldest callbacks', () => {
  it('with a user ID saved: the agent’s callbacks that need action, earliest first, exactly what the toolbar count counts', async () => {
    ext = await launchExtension({ userId: agent.id });
    // Turned on where the agent turns it on.
    const options = await ext.openPage('options.html');
    await screen(options).getByLabel('Show my due callbacks on the toolbar icon').check();
    const toolbar = () => ext!.inExtension((b) => ((b.browser as any).action ?? (b.browser as any).browserAction).getBadgeText({}) as Promise<string>);
    const count = await waitUntil(async () => Number((await toolbar()) || 0), 'the toolbar count never showed');
    const today = localToday();
    expect(count).toBe(total({ user_id: agent.id, end_date: today, stage: 'PENDING' }) + total({ user_id: agent.id, end_date: today, stage: 'PASTDUE' }));
    ext.api.clearRequests();

    const popup = await openSettledPopup(ext);
    await screen(popup).getByText('Your callbacks that need action: past due and due today', { exact: true }).waitFor();
    await screen(popup).getByText(`${count} callbacks`, { exact: true }).waitFor();
    const times = await shownTimes(popup);
    expect([...times].sort()).toEqual(times);
    expect(await screen(popup).getByLabel('Sort').inputValue()).toBe('time-asc');

    // "Due", named for the count, lists exactly it again, whatever the form held.
    await screen(popup).getByLabel('Lead ID').fill(lead);
    await screen(popup).getByRole('group', { name: 'Quick filters' }).getByRole('button', { name: 'Due', exact: true }).click();
    await waitUntil(async () => queries().length === 2, 'Due did not search');
    // The two searches are asked at once: they reach the API in either order.
    const byStage = (q: { stage?: string }[]) => [...q].sort((x, y) => (x.stage ?? '').localeCompare(y.stage ?? ''));
    expect(byStage(queries().map(({ user_id, end_date, stage }) => ({ user_id, end_date, stage })))).toEqual([
      { user_id: agent.id, end_date: today, stage: 'PASTDUE' },
      { user_id: agent.id, end_date: today, stage: 'PENDING' },
    ]);
    await settled(popup);
    await screen(popup).getByText(`${count} callbacks`, { exact: true }).waitFor();
  });

  it('without one: the account’s callbacks from today on, and it says so', async () => {
    ext = await launchExtension();
    const page = await ext.openPage('popup.html');
    await screen(page).getByText('The account’s callbacks from today on', { exact: true }).waitFor();
    await settled(page);
    expect(queries()).toEqual([{ auth_token: DEMO_TOKEN, start_date: localToday(), offset: '0', limit: '20' }]);
    expect((await shownTimes(page)).every((t) => t.slice(0, 10) >= localToday())).toBe(true);
  });
});
