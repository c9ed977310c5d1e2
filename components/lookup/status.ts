import type { PageError } from '../../utils/core/messaging/replies';
import type { LeadSummary } from '../../utils/lookup/lookup-messages';
import { badgeText } from './summary-text';

/** What the badge knows about its lead right now. */
export type BadgeStatus =
  | { kind: 'loading' }
  | { kind: 'ready'; summary: LeadSummary }
  | { kind: 'error'; error: PageError; offline?: boolean };

export type BadgeAction = 'set-up' | 'retry' | null;

export interface BadgeView {
  /** The badge's one line. */
  text: string;
  /** CSS class suffix for the urgency colour. */
  tone: LeadSummary['urgency'] | 'loading' | 'error';
  action: BadgeAction;
}

// Errors the agent fixes in the options (the API address); the rest may pass. A
// missing or refused token has its own text, below.
const SET_UP_KINDS: ReadonlySet<PageError['kind']> = new Set(['http', 'bad-response']);


export function badgeView(status: BadgeStatus, now: Date): BadgeView {
  if (status.kind === 'loading') return { text: 'Looking up callbacks…', tone: 'loading', action: null };
  if (status.kind === 'ready') return { text: badgeText(status.summary, now), tone: status.summary.urgency, action: null };
  const { error } = status;
  if (error.kind === 'no-token') return { text: 'Callbacks: not set up yet', tone: 'error', action: 'set-up' };
  if (error.kind === 'auth') return { text: 'Convoso refused the API token', tone: 'error', action: 'set-up' };
  // A timeout reached Convoso (or something on the way) and got no answer in time: not offline.
  if (status.offline || error.kind === 'network') return { text: "Offline: can't reach Convoso", tone: 'error', action: 'retry' };
  if (error.kind === 'timeout') return { text: 'Convoso is slow to answer', tone: 'error', action: 'retry' };
  // The background already waited out what it could (LEAD_MAX_WAIT_MS): say why, not "couldn't load".
  if (error.kind === 'rate-limited') return { text: 'Convoso is limiting requests', tone: 'error', action: 'retry' };
  if (error.kind === 'paused') return { text: 'Paused: too many leads in this tab', tone: 'error', action: 'retry' };
  if (SET_UP_KINDS.has(error.kind)) return { text: "Can't read Convoso's answer", tone: 'error', action: 'set-up' };
  return { text: "Couldn't load callbacks", tone: 'error', action: 'retry' };
}
