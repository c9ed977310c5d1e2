import { send } from '../../utils/core/messaging/send';
import type { LeadReply, leadSummaries, leadSummary, openOptions, openSearchTab } from '../../utils/lookup/lookup-messages';
import type { BadgeBackground } from './badge-model';
import type { ChipBackground } from './ChipApp';

// The frames' questions to the background. The background answers them for the
// tab they are shown in: the tab's budgets and its site's mode apply (router.ts).

const openTab = (leadId: string) => void send<typeof openSearchTab>({ type: 'open-search-tab', leadId });

export const badgeBackground: BadgeBackground = {
  ask: (leadId, options) => send<typeof leadSummary>({ type: 'lead-summary', leadId, ...options }),
  openOptions: () => void send<typeof openOptions>({ type: 'open-options' }),
  openSearchTab: openTab,
};

const NO_ANSWER: LeadReply = { ok: false, error: { kind: 'internal', message: 'No answer for this lead.' } };

/** A chip asks as inline mode does (the tab's inline budget), for its one lead. */
export const chipBackground: ChipBackground = {
  async ask(leadId, options) {
    const reply = await send<typeof leadSummaries>({ type: 'lead-summaries', leadIds: [leadId], ...options });
    return reply.ok ? (reply.summaries[leadId] ?? NO_ANSWER) : reply;
  },
  openSearchTab: openTab,
};
