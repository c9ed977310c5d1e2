import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Callback, SearchPage } from '../../utils/core/api/model';
import type { FromBadgeFrame, ToBadgeFrame } from '../../utils/lookup/frame-port';
import type { LeadReply } from '../../utils/lookup/lookup-messages';
import { summarizeLead } from '../../utils/lookup/summarize-lead';
import { BadgeApp } from './BadgeApp';
import { createBadgeModel, type BadgeBackground } from './badge-model';
import type { PageLink } from './page-link';

// Local wall-clock "now": summaries and texts read `now` with local getters.
const NOW = new Date(2025, 5, 3, 12, 0, 0);
const XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';

function callback(id: string, local: string | null, stage: Callback['stage'], extra: Partial<Callback> = {}): Callback {
  return {
    id, leadId: '424242', listId: '1', campaignId: '2', userId: '3', stage,
    stageLabel: { pending: 'Pending', past_due: 'Past due', completed: 'Completed', dismissed: 'Dismissed', missed: 'Missed', new: 'New', unknown: '' }[stage],
    recipient: 'system', recipientLabel: 'System', callbackTime: local ? { local } : null, createdAt: null, modifiedAt: null,
    seenAt: null, status: '', statusName: '', userName: 'Dana Agent', campaignName: 'Solar Q2', campaignType: 'Normal',
    directoryName: '', comments: '', context: '', raw: {}, ...extra,
  };
}

const reply = (results: Callback[], total = results.length, extra: { asOf?: number } = {}): LeadReply => {
  const page: SearchPage = { offset: 0, limit: 100, total, results };
  return { ok: true, summary: summarizeLead('424242', page, NOW), asOf: NOW.getTime(), ...extra };
};

/** An error as the background hands it to a frame: its kind and its sentence (router.ts's forFrame). */
const err = (kind: string, message: string) => ({ ok: false, error: { kind, message } }) as LeadReply;

const THREE = reply([
  callback('1', '2025-06-02T10:00:00', 'pending', { comments: 'Call after 5pm' }),
  callback('2', '2025-06-03T15:30:00', 'pending', { comments: XSS }),
  callback('3', '2025-05-31T09:00:00', 'completed'),
]);

/** The content script's side of the channel, played by the test. */
function fakeLink() {
  const listeners = new Set<(m: ToBadgeFrame) => void>();
  const posted: FromBadgeFrame[] = [];
  const link: PageLink = {
    post: (m) => void posted.push(m),
    listen: (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  };
  const say = (m: ToBadgeFrame) => act(() => listeners.forEach((cb) => cb(m)));
  return { link, posted, say };
}

let link: ReturnType<typeof fakeLink>;
let background: BadgeBackground & { ask: ReturnType<typeof vi.fn> };
let answer: LeadReply;

async function open(first: LeadReply = THREE) {
  answer = first;
  const model = createBadgeModel({ leadId: '424242', shown: true }, link.link, background);
  render(<BadgeApp model={model} now={() => NOW} />);
  await screen.findByRole('button', { name: /^Convoso callbacks for lead 424242: / });
  return model;
}
const badge = () => screen.getByRole('button', { name: /^Convoso callbacks for lead \d+: / });
const expand = async () => {
  fireEvent.click(badge());
  expect(link.posted.at(-1)).toEqual({ type: 'open' });
  await link.say({ type: 'layout', open: true, side: 'up' });
  return screen.getByRole('dialog');
};

beforeEach(() => {
  link = fakeLink();
  background = { ask: vi.fn(async () => answer), openOptions: vi.fn(), openSearchTab: vi.fn() };
});
afterEach(cleanup);

describe('the collapsed badge', () => {
  it.each<[string, LeadReply, string, string | null, string | null]>([
    ['count, overdue and next', THREE, '3 callbacks · 1 past due', 'Next: today 3:30 PM', null],
    ['no callbacks', reply([]), 'No callbacks', null, null],
    ['no token', err('no-token', 'Add your token.'), 'Callbacks: not set up yet', null, 'Set up'],
    ['token refused', err('auth', 'Refused.'), 'Convoso refused the API token', null, 'Set up'],
    ['network', err('network', 'Failed.'), "Offline: can't reach Convoso", null, 'Retry'],
    // Issue 8, item 10: a timeout is not "Offline".
    ['timeout', err('timeout', 'Slow.'), 'Convoso is slow to answer', null, 'Retry'],
    ['paused by the tab budget', err('paused', 'Too many.'), 'Paused: too many leads in this tab', null, 'Retry'],
    ['server', err('server', 'Down.'), "Couldn't load callbacks", null, 'Retry'],
  ])('%s: two lines and the action it needs', async (_label, first, line1, line2, action) => {
    await open(first);
    expect(badge().querySelector('.first')!.textContent).toBe(line1);
    expect(badge().querySelector('.second')?.textContent?.trim() ?? null).toBe(line2);
    expect(badge().getAttribute('aria-label')).toBe(`Convoso callbacks for lead 424242: ${line2 ? `${line1} · ${line2}` : line1}`);
    // Its text holds its name's words (WCAG 2.5.3, label in name), the lines apart.
    expect(badge().textContent).toBe(line2 ? `${line1} ${line2}` : line1);
    for (const name of ['Set up', 'Retry']) expect(screen.queryByRole('button', { name }) !== null).toBe(name === action);
  });

  it('says it is Convoso’s: the extension’s icon, and its name in the tooltip', async () => {
    await open();
    expect(badge().querySelector('img.logo')!.getAttribute('src')).toBe('/icon/32.png');
    expect(badge().title).toMatch(/^Convoso Callbacks: /);
  });

  it('colours by urgency', async () => {
    await open();
    expect(document.querySelector('.line')!.className).toContain('u-past_due');
    cleanup();
    await open(reply([]));
    expect(document.querySelector('.line')!.className).toContain('u-empty');
  });

  it('Set up opens the options, Retry asks again', async () => {
    await open(err('no-token', 'x'));
    fireEvent.click(screen.getByRole('button', { name: 'Set up' }));
    expect(background.openOptions).toHaveBeenCalledTimes(1);
    cleanup();
    await open(err('network', 'x'));
    const asked = background.ask.mock.calls.length;
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(background.ask).toHaveBeenCalledTimes(asked + 1);
  });

  it('says how old an old answer is', async () => {
    await open(reply([callback('2', '2025-06-03T15:30:00', 'pending')], 1, { asOf: NOW.getTime() - 8 * 60_000 }));
    expect(badge().querySelector('.second')!.textContent!.trim()).toBe('Next: today 3:30 PM · checked 8 minutes ago');
    expect(badge().getAttribute('aria-label')).toMatch(/, checked 8 minutes ago$/);
  });

  it('announces each new answer politely from one status region', async () => {
    await open();
    const live = screen.getByRole('status');
    expect(live.getAttribute('aria-live')).toBe('polite');
    expect(live.textContent).toBe('Lead 424242: 3 callbacks · 1 past due · Next: today 3:30 PM');
    answer = err('no-token', 'x');
    await link.say({ type: 'lead', leadId: '777' });
    await screen.findByRole('button', { name: /lead 777: Callbacks: not set up yet/ });
    expect(screen.getByRole('status')).toBe(live);
    expect(live.textContent).toBe('Lead 777: Callbacks: not set up yet');
  });

  it('follows the page to another lead, and asks again when the connection changed', async () => {
    await open();
    await link.say({ type: 'lead', leadId: '777' });
    expect(background.ask).toHaveBeenLastCalledWith('777', {});
    await link.say({ type: 'refetch' });
    expect(background.ask).toHaveBeenCalledTimes(3);
  });
});

describe('a badge made before the page’s mode was known', () => {
  it('asks at once but draws nothing, and announces nothing, until the page shows it', async () => {
    answer = THREE;
    const model = createBadgeModel({ leadId: '424242', shown: false }, link.link, background);
    render(<BadgeApp model={model} now={() => NOW} />);
    await new Promise((r) => setTimeout(r, 20));
    expect(background.ask).toHaveBeenCalledWith('424242', {});
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('');
    await link.say({ type: 'show' });
    expect(badge().getAttribute('aria-label')).toMatch(/: 3 callbacks · 1 past due/);
  });
});

describe('the panel', () => {
  it('opens once the content script made room; lists stage, time, agent, campaign, comments; takes focus', async () => {
    await open();
    expect(screen.queryByRole('dialog')).toBeNull();
    const dialog = await expand();
    expect(dialog.getAttribute('aria-label')).toBe('Callbacks for lead 424242');
    const items = within(dialog).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^Pendingpast dueJun 2, 2025, 10:00 AM1 d overdueAgent: Dana Agent · Campaign: Solar Q2Call after 5pm$/),
      expect.stringMatching(/^PendingJun 3, 2025, 3:30 PMin 3 hAgent: Dana Agent · Campaign: Solar Q2/),
      expect.stringMatching(/^CompletedMay 31, 2025, 9:00 AM3 d ago/),
    ]);
    expect(badge().getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(dialog);
  });

  it('shows a comment with markup as text, never as elements', async () => {
    await open();
    const dialog = await expand();
    expect(dialog.textContent).toContain(XSS);
    expect(dialog.querySelector('script, img:not(.logo)')).toBeNull();
  });

  it('says so when the lead has none, the error’s sentence on failure, and how many are not shown', async () => {
    await open(reply([]));
    expect((await expand()).textContent).toContain('No callbacks for this lead.');
    cleanup();
    await open(err('api', 'Convoso said: no such list.'));
    expect((await expand()).textContent).toContain('Convoso said: no such list.');
    cleanup();
    const many = Array.from({ length: 12 }, (_, i) => callback(String(i + 10), `2025-06-1${i % 9}T10:00:00`, 'pending'));
    await open(reply(many, 25));
    expect((await expand()).textContent).toContain('Showing 10 of 25.');
  });

  it('Esc and Close ask to collapse it and give focus back to the badge', async () => {
    await open();
    const dialog = await expand();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(link.posted.at(-1)).toEqual({ type: 'close' });
    expect(document.activeElement).toBe(badge());
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(link.posted.filter((m) => m.type === 'close')).toHaveLength(2);
    await link.say({ type: 'layout', open: false, side: 'up' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('View all, Hide on this page and Refresh', async () => {
    await open(reply([callback('2', '2025-06-03T15:30:00', 'pending')], 1, { asOf: NOW.getTime() - 20 * 60_000 }));
    const dialog = await expand();
    expect(dialog.textContent).toContain('Checked 20 minutes ago.');
    fireEvent.click(screen.getByRole('button', { name: 'View all' }));
    expect(background.openSearchTab).toHaveBeenCalledWith('424242');
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(background.ask).toHaveBeenLastCalledWith('424242', { refresh: true });
    fireEvent.click(screen.getByRole('button', { name: 'Hide on this page' }));
    expect(link.posted.at(-1)).toEqual({ type: 'hide' });
  });

  it('isolates API names in <bdi>: a right-to-left override in an agent name stays inside it', async () => {
    const rlo = '\u202EEvil Agent';
    await open(reply([callback('1', '2025-06-02T10:00:00', 'pending', { userName: rlo, campaignName: 'Solar Q2', comments: '\u202Ereversed?' })]));
    await expand();
    const meta = document.querySelector('.meta')!;
    expect([...meta.querySelectorAll('bdi')].map((b) => b.textContent)).toEqual([rlo, 'Solar Q2']);
    expect([...meta.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent)).toEqual(['Agent: ', ' · ', 'Campaign: ']);
    expect(document.querySelector('.cm')!.getAttribute('dir')).toBe('auto');
  });
});

describe('moving', () => {
  it.each([
    [{ key: 'ArrowUp', altKey: true }, { dx: 0, dy: -10 }],
    [{ key: 'ArrowLeft', altKey: true }, { dx: -10, dy: 0 }],
    [{ key: 'ArrowDown', altKey: true, shiftKey: true }, { dx: 0, dy: 50 }],
  ])('%j asks to move it by %j', async (key, by) => {
    await open();
    fireEvent.keyDown(badge(), key);
    expect(link.posted.at(-1)).toEqual({ type: 'nudge', ...by });
  });

  it('ignores arrows without Alt (the page may scroll)', async () => {
    await open();
    fireEvent.keyDown(badge(), { key: 'ArrowUp' });
    expect(link.posted).toEqual([]);
  });

  it('a drag says how far the pointer went, then drops; it is not a click', async () => {
    await open();
    const line = document.querySelector('.line')!;
    fireEvent.pointerDown(line, { button: 0, screenX: 500, screenY: 500, pointerId: 1 });
    fireEvent.pointerMove(line, { screenX: 498, screenY: 499, pointerId: 1 });
    expect(link.posted).toEqual([]);
    fireEvent.pointerMove(line, { screenX: 450, screenY: 420, pointerId: 1 });
    fireEvent.pointerUp(line, { screenX: 450, screenY: 420, pointerId: 1 });
    fireEvent.click(badge());
    expect(link.posted).toEqual([{ type: 'drag', dx: -50, dy: -80 }, { type: 'drop' }]);
  });
});
