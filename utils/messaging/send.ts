import { browser } from 'wxt/browser';
import type { ReplyMap, Request, RequestType } from './protocol';

/** Typed `runtime.sendMessage`; a failure to reach the background becomes an error reply. */
export async function send<T extends RequestType>(
  request: Extract<Request, { type: T }>,
): Promise<ReplyMap[T]> {
  try {
    const reply = (await browser.runtime.sendMessage(request)) as ReplyMap[T] | undefined;
    if (reply && typeof reply === 'object' && 'ok' in reply) return reply;
    return { ok: false, error: { kind: 'internal', message: 'The extension did not answer. Reload the page and try again.' } } as ReplyMap[T];
  } catch {
    return { ok: false, error: { kind: 'internal', message: 'The extension did not answer. Reload the page and try again.' } } as ReplyMap[T];
  }
}
