import { browser } from 'wxt/browser';
import type { ReplyMap, Request, RequestType } from './protocol';

// Shown in the popup too, which has no page to reload: the sentence says what
// helps everywhere, and the notice offers Retry.
const NO_ANSWER = 'The extension did not answer. Try again.';
// A content script left behind by an extension update or reload has lost its
// runtime for good: no retry reaches the new background, only a page reload does.
const ORPHANED = 'The extension was updated or reloaded. Reload this page to use it again.';

function noAnswer<T extends RequestType>(): ReplyMap[T] {
  let orphaned: boolean;
  try {
    orphaned = !browser.runtime?.id;
  } catch {
    orphaned = true;
  }
  return { ok: false, error: { kind: 'internal', message: orphaned ? ORPHANED : NO_ANSWER } } as ReplyMap[T];
}

/** Typed `runtime.sendMessage`; a failure to reach the background becomes an error reply. */
export async function send<T extends RequestType>(
  request: Extract<Request, { type: T }>,
): Promise<ReplyMap[T]> {
  try {
    const reply = (await browser.runtime.sendMessage(request)) as ReplyMap[T] | undefined;
    if (reply && typeof reply === 'object' && 'ok' in reply) return reply;
    return noAnswer<T>();
  } catch {
    return noAnswer<T>();
  }
}
