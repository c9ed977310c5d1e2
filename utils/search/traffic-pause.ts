import * as v from 'valibot';
import type { TrafficNotice } from '../core/gateway/gateway-messages';

// When Convoso asks the extension to slow down, the background's gate holds every
// request until the pause ends and retries there: the popup and the tab keep no
// retry loop of their own, they say when the gate tries again and offer Cancel.
// The messages are the gate's (utils/core/gateway/gateway-messages.ts).

/** A broadcast is checked like any message: the shape of the gate's TrafficNotice. */
const TrafficNoticeSchema = v.object({
  type: v.literal('traffic'),
  pausedUntil: v.nullable(v.pipe(v.number(), v.finite())),
}) satisfies v.GenericSchema<unknown, TrafficNotice>;

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
