import type { LeadSummary } from '../../utils/lookup/lookup-messages';
import { h, replaceKeepingFocus } from './dom';
import { badgeView, type BadgeStatus } from './status';

export interface InlineChipProps {
  leadId: string;
  status: BadgeStatus;
  now: Date;
  onOpen(): void;
}

/** Inline mode: a small count beside one lead of a list page; a press opens the lead's callbacks in a tab. */
export function renderChip(mount: HTMLElement, { leadId, status, now, onOpen }: InlineChipProps): void {
  const view = badgeView(status, now);
  const chip = h(
    'button',
    {
      type: 'button',
      class: `cc chipbtn u-${view.tone}`,
      'data-key': 'chip',
      'aria-label': `Convoso callbacks for lead ${leadId}: ${view.text}`,
      title: view.text,
      onClick: (e: MouseEvent) => {
        // The chip sits inside the page's row or link: the press is ours only.
        e.preventDefault();
        e.stopPropagation();
        onOpen();
      },
    },
    h('span', { class: 'dot', 'aria-hidden': 'true' }),
    h('span', null, chipText(status)),
  );
  replaceKeepingFocus(mount, chip);
}

function chipText(status: BadgeStatus): string {
  if (status.kind === 'loading') return '…';
  if (status.kind === 'error') return '!';
  return shortCount(status.summary);
}

function shortCount(summary: LeadSummary): string {
  if (summary.total === 0) return '0';
  return summary.overdue > 0 ? `${summary.total} · ${summary.overdue} due` : String(summary.total);
}
