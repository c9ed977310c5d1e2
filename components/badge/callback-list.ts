import { formatWallTime, relativeTime } from '@/utils/lead/format-time';
import { OPEN_STAGES, type BadgeCallback } from '@/utils/lead/summary';
import { h } from './dom';

export function callbackItem(callback: BadgeCallback, now: Date): HTMLLIElement {
  const when = callback.callbackTime;
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
      h('span', null, when ? formatWallTime(when) : 'No time set'),
      when && h('span', { class: 'rel' }, relative(callback, when, now)),
    ),
    meta && h('div', { class: 'meta' }, meta),
    callback.comments && h('div', { class: 'cm' }, callback.comments),
  );
}

export function callbackList(callbacks: readonly BadgeCallback[], now: Date): HTMLUListElement {
  return h('ul', { 'aria-label': 'Callbacks' }, callbacks.map((c) => callbackItem(c, now)));
}

/** "3 d overdue" is for work still to do; a finished callback was simply "3 d ago". */
function relative(callback: BadgeCallback, when: NonNullable<BadgeCallback['callbackTime']>, now: Date): string {
  const text = relativeTime(when, now);
  return OPEN_STAGES.has(callback.stage) ? text : text.replace(/ overdue$/, ' ago');
}
