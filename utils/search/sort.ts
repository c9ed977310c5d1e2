import type { Callback, CallbackStage } from '../core/api/model';

// The orders a list can take. The API has no sort parameter: what an order
// covers (every match, or the page) is sort-plan.ts's question.

export const SORT_KEYS = ['received', 'time-asc', 'time-desc', 'stage', 'agent'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const SORT_LABELS: Readonly<Record<SortKey, string>> = {
  received: 'As received',
  'time-asc': 'Time, earliest first',
  'time-desc': 'Time, latest first',
  stage: 'Stage, most urgent first',
  agent: 'Agent, A–Z',
};

/** Most urgent first: what an agent must act on now leads. */
const STAGE_ORDER: readonly CallbackStage[] = ['past_due', 'pending', 'new', 'missed', 'completed', 'dismissed', 'unknown'];

type SortValue = (c: Callback) => string | number | null;

const byTime: SortValue = (c) => c.callbackTime?.local ?? null;
const byStage: SortValue = (c) => STAGE_ORDER.indexOf(c.stage);
const byAgent: SortValue = (c) => (c.userName || c.userId).trim().toLocaleLowerCase() || null;

function compare(a: string | number | null, b: string | number | null, direction: 1 | -1): number {
  // Missing values go last in either direction: they are the least useful rows.
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return (a - b) * direction;
  return String(a).localeCompare(String(b)) * direction;
}

/** A sorted copy; ties keep the API's order (Array.prototype.sort is stable). */
export function sortCallbacks(list: readonly Callback[], key: SortKey): Callback[] {
  const copy = [...list];
  switch (key) {
    case 'received':
      return copy;
    case 'time-asc':
      return copy.sort((a, b) => compare(byTime(a), byTime(b), 1));
    case 'time-desc':
      return copy.sort((a, b) => compare(byTime(a), byTime(b), -1));
    case 'stage':
      return copy.sort((a, b) => compare(byStage(a), byStage(b), 1) || compare(byTime(a), byTime(b), 1));
    case 'agent':
      return copy.sort((a, b) => compare(byAgent(a), byAgent(b), 1) || compare(byTime(a), byTime(b), 1));
  }
}
