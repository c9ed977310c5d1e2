import type { BadgeStatus } from '../../../components/lookup/status';
import type { LeadReply } from '../lookup-messages';

const MARK = 'convoso-callbacks';

/**
 * Timing marks for `npm run bench` (test builds). The page shares the performance
 * timeline, so a production build leaves no marks for it to read.
 */
export const mark = (name: string, detail: Record<string, unknown>) => {
  if (import.meta.env.MODE !== 'production') performance.mark(`${MARK}:${name}`, { detail });
};

/** What a reply shows; null for a superseded lookup (the newer answer is on its way). */
export function statusOf(reply: LeadReply): BadgeStatus | null {
  if (reply.ok) return { kind: 'ready', summary: reply.summary };
  if (reply.error.kind === 'aborted') return null;
  return { kind: 'error', error: reply.error, offline: typeof navigator !== 'undefined' && navigator.onLine === false };
}

/**
 * Whether an answer already in can be drawn as it is. "The extension did not
 * answer" is asked again a moment later, and a superseded lookup shows nothing:
 * for those the badge says "Looking up…" first, as for an answer still on its way.
 */
export function drawsAtOnce(reply: LeadReply | undefined): reply is LeadReply {
  if (!reply) return false;
  return reply.ok || (reply.error.kind !== 'internal' && reply.error.kind !== 'aborted');
}
