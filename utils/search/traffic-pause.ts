import * as v from 'valibot';
import { defineMessage } from '../core/messaging/define-message';
import type { Reply } from '../core/messaging/replies';

// When Convoso asks the extension to slow down, the background's gate holds every
// request until the pause ends and retries there: the popup and the tab keep no
// retry loop of their own, they say when the gate tries again and offer Cancel.
//
// CONTRACTS §2 defines these in utils/core/gateway/gateway-messages.ts (the
// traffic work). Until that file is on main this mirrors the contract's shape;
// then this module imports it instead.

/** Asked once when the page opens: is the gate paused, and until when (ms since epoch)? */
export const trafficStatus = defineMessage<Reply<{ pausedUntil: number | null }>>()('traffic-status', 'extension', {});

/** Sent to the extension's pages when the shared backoff starts or ends. */
export const TrafficNoticeSchema = v.object({
  type: v.literal('traffic'),
  pausedUntil: v.nullable(v.pipe(v.number(), v.finite())),
});
export type TrafficNotice = v.InferOutput<typeof TrafficNoticeSchema>;

/** The pause a broadcast announces, or undefined for any other message. */
export function pauseOf(message: unknown): number | null | undefined {
  const parsed = v.safeParse(TrafficNoticeSchema, message);
  return parsed.success ? parsed.output.pausedUntil : undefined;
}

/** "Convoso asked to slow down, trying again at 10:42", on this computer's clock. */
export function pauseText(until: number, locale?: string): string {
  const at = new Date(until).toLocaleTimeString(locale, { hour: 'numeric', minute: '2-digit' });
  return `Convoso asked to slow down, trying again at ${at}`;
}
