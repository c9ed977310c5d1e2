import type { PageError } from '../../utils/core/messaging/replies';
import type { LeadSummary } from '../../utils/lookup/lookup-messages';
import { countText, nextText } from './summary-text';

/** What the badge knows about its lead right now. `asOf`: when Convoso gave the answer. */
export type BadgeStatus =
  | { kind: 'loading' }
  | { kind: 'ready'; summary: LeadSummary; asOf: number }
  | { kind: 'error'; error: PageError; offline?: boolean };

export type BadgeAction = 'set-up' | 'retry' | null;

export interface BadgeView {
  /** The badge's words in one sentence (its accessible name, its announcement). */
  text: string;
  /** The collapsed badge's two lines: the state (counts), then the next callback or nothing. */
  first: string;
  second: string | null;
  /** CSS class suffix for the urgency colour. */
  tone: LeadSummary['urgency'] | 'loading' | 'error';
  action: BadgeAction;
}

// Errors the agent fixes in the options (the API address); the rest may pass. A
// missing or refused token has its own text, below.
const SET_UP_KINDS: ReadonlySet<PageError['kind']> = new Set(['http', 'bad-response']);

const one = (text: string, tone: BadgeView['tone'], action: BadgeAction): BadgeView => ({ text, first: text, second: null, tone, action });

/** The error's words and what the badge offers for it. */
function errorView(error: PageError, offline: boolean | undefined): BadgeView {
  if (error.kind === 'no-token') return one('Callbacks: not set up yet', 'error', 'set-up');
  if (error.kind === 'auth') return one('Convoso refused the API token', 'error', 'set-up');
  // A timeout reached Convoso (or something on the way) and got no answer in time: not offline.
  if (offline || error.kind === 'network') return one("Offline: can't reach Convoso", 'error', 'retry');
  if (error.kind === 'timeout') return one('Convoso is slow to answer', 'error', 'retry');
  // The background already waited out what it could: say why, not "couldn't load".
  if (error.kind === 'rate-limited') return one('Convoso is limiting requests', 'error', 'retry');
  if (error.kind === 'paused') return one('Paused: too many leads in this tab', 'error', 'retry');
  if (SET_UP_KINDS.has(error.kind)) return one("Can't read Convoso's answer", 'error', 'set-up');
  return one("Couldn't load callbacks", 'error', 'retry');
}

export function badgeView(status: BadgeStatus, now: Date): BadgeView {
  if (status.kind === 'loading') return one('Looking up callbacks…', 'loading', null);
  if (status.kind === 'error') return errorView(status.error, status.offline);
  const first = countText(status.summary);
  const second = nextText(status.summary, now);
  return { text: second ? `${first} · ${second}` : first, first, second, tone: status.summary.urgency, action: null };
}
