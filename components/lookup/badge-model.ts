import type { LeadReply } from '../../utils/lookup/lookup-messages';
import type { PanelSide } from '../../utils/lookup/frame-port';
import { createLeadAnswer, type AskOptions, type LeadAnswer } from './lead-answer';
import type { PageLink } from './page-link';

/** What the badge asks of the background: the answers, and the two tabs it may open. */
export interface BadgeBackground {
  ask(leadId: string, options: AskOptions): Promise<LeadReply>;
  openOptions(): void;
  openSearchTab(leadId: string): void;
}

export interface BadgeLayout {
  open: boolean;
  side: PanelSide;
}

/** The badge frame's state outside any component: its lead's answer, and the layout the content script set. */
export interface BadgeModel {
  readonly answer: LeadAnswer;
  readonly layout: BadgeLayout;
  /** Whether the frame is on screen (a frame made before the page's mode was known waits to be shown, and draws nothing). */
  readonly shown: boolean;
  readonly link: PageLink;
  readonly background: BadgeBackground;
  /** Calls `listener` at every change; returns how to stop. */
  subscribe(listener: () => void): () => void;
}

/**
 * Starts the badge: its lead (from the frame's address) is asked for at once,
 * before anything is drawn, and what the content script says is heard from the
 * first message on, whenever the components get to listen.
 */
export function createBadgeModel(
  { leadId, shown: shownAtFirst }: { leadId: string | null; shown: boolean },
  link: PageLink,
  background: BadgeBackground,
): BadgeModel {
  const answer = createLeadAnswer({ ask: (id, options) => background.ask(id, options) });
  let layout: BadgeLayout = { open: false, side: 'up' };
  let shown = shownAtFirst;
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of listeners) listener();
  };
  answer.subscribe(changed);
  link.listen((message) => {
    if (message.type === 'lead') answer.show(message.leadId);
    else if (message.type === 'refetch') answer.again();
    else if (message.type === 'show') {
      shown = true;
      changed();
    } else {
      layout = { open: message.open, side: message.side };
      changed();
    }
  });
  if (leadId) answer.show(leadId);
  return {
    answer,
    get layout() {
      return layout;
    },
    get shown() {
      return shown;
    },
    link,
    background,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
