import { browser } from 'wxt/browser';
import type { SearchPage } from '../core/api/model';

// The toolbar icon's count of the agent's due callbacks: Pending or Past due,
// dated today or earlier on the account's clock (utils/core/api/due-queries.ts,
// the one definition). When a refresh fails the last count stays, greyed, and
// its title says since when; it is never replaced by a "?" that stays.

export const PAST_DUE_COLOR = '#b3261e';
export const DUE_COLOR = '#374151';
/** The last count, kept while a refresh fails. */
export const STALE_COLOR = '#8a8f98';

/** "0" shows nothing (an empty badge is the calm state); above 999, "999+". */
export function dueBadgeText(count: number, atLeast = false): string {
  if (count <= 0) return '';
  if (count > 999) return '999+';
  return atLeast ? `${count}+` : String(count);
}

export interface DueTotal {
  pending: number;
  pastDue: number;
  atLeast: boolean;
}

/** The count from the two due searches' pages (only their totals matter). */
export function dueTotal(pending: SearchPage, pastDue: SearchPage): DueTotal {
  return { pending: pending.total, pastDue: pastDue.total, atLeast: Boolean(pending.totalAtLeast || pastDue.totalAtLeast) };
}

export interface BadgeApi {
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
  setTitle(details: { title: string }): Promise<void>;
}

/** Chrome's MV3 `action`, Firefox MV2's `browserAction`: the same calls. */
export function toolbarAction(): BadgeApi {
  const b = browser as unknown as { action?: BadgeApi; browserAction?: BadgeApi };
  return (b.action ?? b.browserAction)!;
}

const NAME = 'Convoso Callbacks';
const clock = (at: number) => new Date(at).toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' });

/** What the toolbar icon shows: its text, colour and title. */
export interface CountView {
  text: string;
  color: string;
  title: string;
}

export function countView(total: DueTotal): CountView {
  const n = total.pending + total.pastDue;
  return {
    text: dueBadgeText(n, total.atLeast),
    color: total.pastDue > 0 ? PAST_DUE_COLOR : DUE_COLOR,
    title: `${NAME}: ${n}${total.atLeast ? '+' : ''} due callbacks` + (total.pastDue > 0 ? `, ${total.pastDue} past due` : ''),
  };
}

/** The last count (`last`, shown at `at`) greyed while Convoso cannot be asked; '?' until a first count exists. */
export function staleView(last: CountView | null, at: number | null, reason: string): CountView {
  const since = at === null ? '' : ` since ${clock(at)}`;
  return {
    text: last?.text ?? '?',
    color: STALE_COLOR,
    title: `${NAME}: due count not updated${since}, trying again (${reason})`,
  };
}

export const pausedView = (reason: string): CountView => ({ text: '', color: DUE_COLOR, title: `${NAME}: due count paused (${reason})` });
export const OFF_VIEW: CountView = { text: '', color: DUE_COLOR, title: NAME };

/** The toolbar's own settings that could not be read, said in its title (the options show them too). */
export function withProblems(view: CountView, problems: readonly string[]): CountView {
  return problems.length ? { ...view, title: `${view.title}. ${problems.join(' ')} Check the toolbar count and reminders in the options.` } : view;
}

export async function showCount(view: CountView): Promise<void> {
  const action = toolbarAction();
  await Promise.all([action.setBadgeText({ text: view.text }), action.setBadgeBackgroundColor({ color: view.color }), action.setTitle({ title: view.title })]);
}
