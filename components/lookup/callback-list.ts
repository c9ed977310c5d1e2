import type { Zones } from '../../utils/core/time/time-zone';
import type { BadgeCallback } from '../../utils/lookup/lookup-messages';
import { whenOf } from '../../utils/core/format/when';
import { h, type Child } from './dom';

export function callbackItem(callback: BadgeCallback, now: Date, zones?: Zones): HTMLLIElement {
  // "3 d overdue" for work still to do; a finished callback was simply "3 d ago".
  const when = whenOf(callback, now, undefined, zones);
  const label = callback.stageLabel || 'Unknown';
  // API text sits in <bdi>, and the comment decides its own direction: a
  // right-to-left override in a name must not reverse the rest of the line.
  const meta: Child[] = [];
  if (callback.userName) meta.push('Agent: ', h('bdi', null, callback.userName));
  if (callback.campaignName) meta.push(meta.length ? ' · ' : null, 'Campaign: ', h('bdi', null, callback.campaignName));
  return h(
    'li',
    { class: callback.overdue ? 'over' : null },
    h(
      'div',
      { class: 'when' },
      h('span', { class: `chip s-${callback.stage}` }, h('bdi', null, label), callback.overdue && callback.stage !== 'past_due' ? ' · past due' : null),
      h('span', null, when.absolute || 'No time set'),
      when.relative && h('span', { class: 'rel' }, when.relative),
    ),
    meta.length > 0 && h('div', { class: 'meta' }, meta),
    callback.comments && h('div', { class: 'cm', dir: 'auto' }, callback.comments),
  );
}

/** `zones`: the summary's (summaryZones), so times read in the account's zone. */
export function callbackList(callbacks: readonly BadgeCallback[], now: Date, zones?: Zones): HTMLUListElement {
  return h('ul', { 'aria-label': 'Callbacks' }, callbacks.map((c) => callbackItem(c, now, zones)));
}
