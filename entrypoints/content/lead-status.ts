import type { BadgeStatus } from '../../components/badge/status';
import type { LeadReply } from '../../utils/messaging/protocol';

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
