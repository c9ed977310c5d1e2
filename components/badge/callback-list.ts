import type { Zones } from '@/utils/lead/time-zone';
import type { BadgeCallback } from '@/utils/lead/summary';
import { whenOf } from '@/utils/search/when';
import { h } from './dom';

export function callbackItem(callback: BadgeCallback, now: Date, zones?: Zones): HTMLLIElement {
  // "3 d overdue" for work still to do; a finished callback was simply "3 d ago".
  const when = whenOf(callback, now, undefined, zones);
  const label = callback.stageLabel || 'Unknown';
  const meta = [callback.userName && `Agent: ${callback.userName}`, callback.campaignName && `Campaign: ${callback.campaignName}`]
    .filter(Boolean)
    .join(' · ');
  return h(
    'li',
    { class: callback.overdue ? 'over' : null },
    h(
      'div',
      { class: 'when' },
      h('span', { class: `chip s-${callback.stage}` }, callback.overdue && callback.stage !== 'past_due' ? `${label} · past due` : label),
      h('span', null, when.absolute || 'No time set'),
      when.relative && h('span', { class: 'rel' }, when.relative),
    ),
    meta && h('div', { class: 'meta' }, meta),
    callback.comments && h('div', { class: 'cm' }, callback.comments),
  );
}

/** `zones`: the summary's (summaryZones), so times read in the account's zone. */
export function callbackList(callbacks: readonly BadgeCallback[], now: Date, zones?: Zones): HTMLUListElement {
  return h('ul', { 'aria-label': 'Callbacks' }, callbacks.map((c) => callbackItem(c, now, zones)));
}
