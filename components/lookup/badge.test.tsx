import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/preact';
import type { Callback, SearchPage } from '../../utils/core/api/model';
import { summarizeLead } from '../../utils/lookup/summarize-lead';
import { renderBadge, type BadgeProps } from './badge';
import { input } from './dom';
import { renderChip } from './inline-chip';
import type { BadgeStatus } from './status';

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

function ready(results: Callback[], total = results.length): BadgeStatus {
  const page: SearchPage = { offset: 0, limit: 100, total, results };
  return { kind: 'ready', summary: summarizeLead('424242', page, NOW) };
}

const THREE = ready([
  callback('1', '2025-06-02T10:00:00', 'pending', { comments: 'Call after 5pm' }),
  callback('2', '2025-06-03T15:30:00', 'pending', { comments: XSS }),
  callback('3', '2025-05-31T09:00:00', 'completed'),
]);

let mount: HTMLElement;
let props: BadgeProps;
const handlers = () => ({
  onToggle: vi.fn(),
  onCollapse: vi.fn(),
  onSetUp: vi.fn(),
  onRetry: vi.fn(),
  onViewAll: vi.fn(),
  onHide: vi.fn(),
  onMove: vi.fn(),
});

function draw(patch: Partial<BadgeProps> = {}) {
  props = { ...props, ...patch };
  renderBadge(mount, props);
}

const badge = () => screen.getByRole('button', { name: /^Convoso callbacks for lead 424242: / });

// happy-dom's events are all synthetic (isTrusted false): count them as a person's here.
const realCheck = input.isTrusted;
beforeEach(() => {
  input.isTrusted = () => true;
  mount = document.createElement('div');
  document.body.append(mount);
  props = { leadId: '424242', status: { kind: 'loading' }, now: NOW, expanded: false, position: { right: 16, bottom: 16 }, ...handlers() };
});
afterEach(() => {
  mount.remove();
  input.isTrusted = realCheck;
});

describe('badge line', () => {
  it.each<[string, BadgeStatus, RegExp, string | null]>([
    ['loading', { kind: 'loading' }, /^Looking up callbacks…$/, null],
    ['count, overdue and next', THREE, /^3 callbacks · 1 past due · Next: today 3:30 PM$/, null],
    ['no callbacks', ready([]), /^No callbacks$/, null],
    ['no token', { kind: 'error', error: { kind: 'no-token', message: 'Add your token.' } }, /not set up/, 'Set up'],
    ['token rejected', { kind: 'error', error: { kind: 'auth', message: 'Refused.' } }, /refused the API token/, 'Set up'],
    ['network', { kind: 'error', error: { kind: 'network', message: 'Failed.' } }, /^Offline/, 'Retry'],
    // Issue 8, item 10: a timeout is not "Offline".
    ['timeout', { kind: 'error', error: { kind: 'timeout', message: 'Slow.' } }, /^Convoso is slow to answer$/, 'Retry'],
    ['paused by the tab budget', { kind: 'error', error: { kind: 'paused', message: 'Too many.' } }, /^Paused: too many leads in this tab$/, 'Retry'],
    ['browser offline', { kind: 'error', error: { kind: 'internal', message: 'No answer.' }, offline: true }, /^Offline/, 'Retry'],
    ['server', { kind: 'error', error: { kind: 'server', message: 'Down.' } }, /^Couldn't load/, 'Retry'],
  ])('%s', (_label, status, text, action) => {
    draw({ status });
    expect(badge().textContent).toMatch(text);
    expect(badge().getAttribute('aria-label')).toMatch(text.source.startsWith('^') ? new RegExp(`: ${text.source.slice(1)}`) : text);
    for (const name of ['Set up', 'Retry']) {
      expect(screen.queryByRole('button', { name }) !== null).toBe(name === action);
    }
  });

  it('colours by urgency', () => {
    draw({ status: THREE });
    expect(mount.querySelector('.badge')!.className).toContain('u-past_due');
    draw({ status: ready([callback('9', '2025-06-03T12:30:00', 'pending')]) });
    expect(mount.querySelector('.badge')!.className).toContain('u-due_soon');
    draw({ status: ready([]) });
    expect(mount.querySelector('.badge')!.className).toContain('u-empty');
  });

  it('wires Set up and Retry', () => {
    draw({ status: { kind: 'error', error: { kind: 'no-token', message: 'x' } } });
    fireEvent.click(screen.getByRole('button', { name: 'Set up' }));
    expect(props.onSetUp).toHaveBeenCalledTimes(1);
    draw({ status: { kind: 'error', error: { kind: 'network', message: 'x' } } });
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(props.onRetry).toHaveBeenCalledTimes(1);
  });

  it('says it opens a dialog', () => {
    draw({ status: THREE });
    expect(badge().getAttribute('aria-haspopup')).toBe('dialog');
    expect(badge().getAttribute('aria-expanded')).toBe('false');
  });

  it('announces each new answer politely from a status region that outlives re-renders', () => {
    draw({ status: { kind: 'loading' } });
    const live = screen.getByRole('status');
    expect(live.getAttribute('aria-live')).toBe('polite');
    // "Looking up…" on every lead would be noise: nothing to say yet.
    expect(live.textContent).toBe('');

    draw({ status: THREE });
    expect(screen.getByRole('status')).toBe(live);
    expect(live.textContent).toBe('Lead 424242: 3 callbacks · 1 past due · Next: today 3:30 PM');

    // The next lead: loading keeps the old words, the answer replaces them.
    draw({ leadId: '777', status: { kind: 'loading' } });
    expect(live.textContent).toMatch(/^Lead 424242: /);
    draw({ status: { kind: 'error', error: { kind: 'no-token', message: 'x' } } });
    expect(screen.getByRole('status')).toBe(live);
    expect(live.textContent).toBe('Lead 777: Callbacks: not set up yet');
    expect(mount.querySelectorAll('[aria-live]')).toHaveLength(1);
  });

  it('positions itself from the bottom-right corner', () => {
    draw({ position: { right: 40, bottom: 120 } });
    const root = mount.querySelector<HTMLElement>('.badge')!;
    expect([root.style.right, root.style.bottom]).toEqual(['40px', '120px']);
  });
});

describe('panel', () => {
  it('toggles on click; lists time, relative time, stage, agent, campaign, comments', () => {
    draw({ status: THREE });
    fireEvent.click(badge());
    expect(props.onToggle).toHaveBeenCalledTimes(1);
    draw({ expanded: true });

    const dialog = screen.getByRole('dialog', { name: 'Callbacks for lead 424242' });
    const items = within(dialog).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^Pending · past dueJun 2, 2025, 10:00 AM1 d overdueAgent: Dana Agent · Campaign: Solar Q2Call after 5pm$/),
      expect.stringMatching(/^PendingJun 3, 2025, 3:30 PMin 3 hAgent: Dana Agent · Campaign: Solar Q2/),
      expect.stringMatching(/^CompletedMay 31, 2025, 9:00 AM3 d ago/),
    ]);
    expect(badge().getAttribute('aria-expanded')).toBe('true');
    // Opening moves focus into the dialog.
    expect(document.activeElement).toBe(dialog);
  });

  it('shows a comment with markup as text, never as elements', () => {
    draw({ status: THREE, expanded: true });
    const dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain(XSS);
    expect(dialog.querySelector('img, script')).toBeNull();
  });

  it('says so when the lead has none, and shows the error message on failure', () => {
    draw({ status: ready([]), expanded: true });
    expect(screen.getByRole('dialog').textContent).toContain('No callbacks for this lead.');
    draw({ status: { kind: 'error', error: { kind: 'auth', message: 'Convoso refused the API token. Check it in Settings.' } } });
    expect(screen.getByRole('dialog').textContent).toContain('Check it in Settings.');
  });

  it('says how many are not shown', () => {
    const many = Array.from({ length: 12 }, (_, i) => callback(String(i + 10), `2025-06-1${i % 9}T10:00:00`, 'pending'));
    draw({ status: ready(many, 25), expanded: true });
    expect(screen.getByRole('dialog').textContent).toContain('Showing 10 of 25.');
  });

  it('Esc and Close collapse it and give focus back to the badge', () => {
    draw({ status: THREE, expanded: true });
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(props.onCollapse).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe(badge());
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(props.onCollapse).toHaveBeenCalledTimes(2);
  });

  it('View all and Hide on this page', () => {
    draw({ status: THREE, expanded: true });
    fireEvent.click(screen.getByRole('button', { name: 'View all' }));
    fireEvent.click(screen.getByRole('button', { name: 'Hide on this page' }));
    expect(props.onViewAll).toHaveBeenCalledTimes(1);
    expect(props.onHide).toHaveBeenCalledTimes(1);
  });
});

describe('bidirectional text (issue 8, item 6)', () => {
  it('isolates API names in <bdi>: a right-to-left override in an agent name stays inside it', () => {
    const rlo = '\u202EEvil Agent';
    draw({ status: ready([callback('1', '2025-06-02T10:00:00', 'pending', { userName: rlo, campaignName: 'Solar Q2', comments: '\u202Ereversed?' })]), expanded: true });
    const meta = mount.querySelector('.meta')!;
    const isolated = [...meta.querySelectorAll('bdi')].map((b) => b.textContent);
    expect(isolated).toEqual([rlo, 'Solar Q2']);
    // The labels are outside the isolates, so the override cannot reach them.
    expect([...meta.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent)).toEqual(['Agent: ', ' · ', 'Campaign: ']);
    expect(mount.querySelector('.cm')!.getAttribute('dir')).toBe('auto');
    expect(mount.querySelector('.chip bdi')!.textContent).toBe('Pending');
  });
});

describe('page scripts (issue 8, item 2)', () => {
  it('synthetic clicks and key presses open nothing: not the panel, not View all, not Set up, not a chip', () => {
    input.isTrusted = realCheck;
    draw({ status: THREE });
    badge().click();
    fireEvent.keyDown(badge(), { key: 'ArrowUp', altKey: true });
    expect(props.onToggle).not.toHaveBeenCalled();
    expect(props.onMove).not.toHaveBeenCalled();
    draw({ status: THREE, expanded: true });
    screen.getByRole('button', { name: 'View all' }).click();
    screen.getByRole('button', { name: 'Hide on this page' }).dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(props.onViewAll).not.toHaveBeenCalled();
    expect(props.onHide).not.toHaveBeenCalled();
    draw({ status: { kind: 'error', error: { kind: 'no-token', message: 'x' } }, expanded: false });
    screen.getByRole('button', { name: 'Set up' }).click();
    expect(props.onSetUp).not.toHaveBeenCalled();
    const onOpen = vi.fn();
    const chipMount = document.createElement('div');
    document.body.append(chipMount);
    renderChip(chipMount, { leadId: '7', status: THREE, now: NOW, onOpen });
    chipMount.querySelector('button')!.click();
    expect(onOpen).not.toHaveBeenCalled();
    chipMount.remove();
  });
});

describe('moving', () => {
  it.each([
    [{ key: 'ArrowUp', altKey: true }, { right: 16, bottom: 26 }],
    [{ key: 'ArrowLeft', altKey: true }, { right: 26, bottom: 16 }],
    [{ key: 'ArrowDown', altKey: true, shiftKey: true }, { right: 16, bottom: -34 }],
  ])('%j moves it to %j', (key, expected) => {
    draw({ status: THREE });
    fireEvent.keyDown(badge(), key);
    expect(props.onMove).toHaveBeenCalledWith(expected);
  });

  it('ignores arrows without Alt (the page may scroll)', () => {
    draw({ status: THREE });
    fireEvent.keyDown(badge(), { key: 'ArrowUp' });
    expect(props.onMove).not.toHaveBeenCalled();
  });

  it('keeps keyboard focus on the badge across re-renders', () => {
    draw({ status: { kind: 'loading' } });
    badge().focus();
    draw({ status: THREE });
    expect(document.activeElement).toBe(badge());
  });

  it('a drag moves it and is not a click', async () => {
    vi.useFakeTimers();
    try {
      draw({ status: THREE });
      const row = mount.querySelector('.row')!;
      fireEvent.pointerDown(row, { button: 0, clientX: 500, clientY: 500, pointerId: 1 });
      fireEvent.pointerMove(row, { clientX: 450, clientY: 420, pointerId: 1 });
      expect(mount.querySelector<HTMLElement>('.badge')!.style.right).toBe('66px');
      fireEvent.pointerUp(row, { clientX: 450, clientY: 420, pointerId: 1 });
      fireEvent.click(badge());
      expect(props.onToggle).not.toHaveBeenCalled();
      vi.runAllTimers();
      expect(props.onMove).toHaveBeenCalledWith({ right: 66, bottom: 96 });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('inline chip', () => {
  it.each<[BadgeStatus, string, RegExp]>([
    [{ kind: 'loading' }, '…', /Looking up/],
    [THREE, '3 · 1 due', /3 callbacks · 1 past due/],
    [ready([]), '0', /No callbacks/],
    [{ kind: 'error', error: { kind: 'no-token', message: 'x' } }, '!', /not set up/],
  ])('%#: shows %s', (status, text, label) => {
    const onOpen = vi.fn();
    renderChip(mount, { leadId: '424242', status, now: NOW, onOpen });
    const chip = screen.getByRole('button', { name: /^Convoso callbacks for lead 424242: / });
    expect(chip.textContent).toBe(text);
    expect(chip.getAttribute('aria-label')).toMatch(label);
    const outer = vi.fn();
    mount.addEventListener('click', outer);
    fireEvent.click(chip);
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(outer).not.toHaveBeenCalled();
  });
});
