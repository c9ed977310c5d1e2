// The clean model the UI trusts, produced by normalize.ts from whatever shape
// the API answered with.

export const CALLBACK_STAGES = ['pending', 'past_due', 'completed', 'dismissed', 'missed', 'new', 'unknown'] as const;
/** Normalised stage, from Convoso's `stage` and `class` values. */
export type CallbackStage = (typeof CALLBACK_STAGES)[number];

/**
 * Stages that need no more calls. Every other stage is open, 'unknown' included:
 * a stage word we do not know is more likely new work than closed work, and
 * hiding a due callback costs more than showing one too many.
 */
export const CLOSED_STAGES: ReadonlySet<CallbackStage> = new Set(['completed', 'dismissed', 'missed']);

export const CALLBACK_RECIPIENTS = ['system', 'personal', 'unknown'] as const;
/** Normalised recipient, from `USERONLY` / `system` / `personal` and friends. */
export type CallbackRecipient = (typeof CALLBACK_RECIPIENTS)[number];

import type { WallTime } from '../time/wall-clock';

export type { WallTime };

export interface Callback {
  id: string;
  leadId: string;
  listId: string;
  campaignId: string;
  userId: string;
  /** Normalised stage; `stageLabel` keeps the API's own word for display. */
  stage: CallbackStage;
  stageLabel: string;
  recipient: CallbackRecipient;
  recipientLabel: string;
  callbackTime: WallTime | null;
  createdAt: WallTime | null;
  modifiedAt: WallTime | null;
  seenAt: WallTime | null;
  status: string;
  statusName: string;
  userName: string;
  campaignName: string;
  campaignType: string;
  directoryName: string;
  comments: string;
  context: string;
  /** Every field exactly as the API sent it, for the details view. */
  raw: Record<string, unknown>;
}

export interface SearchPage {
  offset: number;
  limit: number;
  total: number;
  results: Callback[];
  /**
   * The answer had no usable `total` and this page was full: `total` is only
   * what is known to exist ("at least N"), and the next page may hold more.
   */
  totalAtLeast?: true;
}
