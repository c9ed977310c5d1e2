import { browser } from 'wxt/browser';
import type { AnswerOf, MessageDef, RequestOf } from './define-message';

// Shown in the popup too, which has no page to reload: the sentence says what
// helps everywhere, and the notice offers Retry.
const NO_ANSWER = 'The extension did not answer. Try again.';
// A content script left behind by an extension update or reload has lost its
// runtime for good: no retry reaches the new background, only a page reload does.
const ORPHANED = 'The extension was updated or reloaded. Reload this page to use it again.';

function noAnswer<A>(): A {
  let orphaned: boolean;
  try {
    orphaned = !browser.runtime?.id;
  } catch {
    orphaned = true;
  }
  return { ok: false, error: { kind: 'internal', message: orphaned ? ORPHANED : NO_ANSWER } } as A;
}

/**
 * Typed `runtime.sendMessage`: `send<typeof leadSummary>({ type: 'lead-summary', leadId })`.
 * The definition is named by its type only (`import type`), so a content script
 * carries none of the schemas (valibot stays in the background). Failing to reach
 * the background becomes an error reply.
 */
export async function send<M extends MessageDef>(request: RequestOf<M>): Promise<AnswerOf<M>> {
  try {
    const reply = (await browser.runtime.sendMessage(request)) as AnswerOf<M> | undefined;
    if (reply && typeof reply === 'object' && 'ok' in reply) return reply;
    return noAnswer<AnswerOf<M>>();
  } catch {
    return noAnswer<AnswerOf<M>>();
  }
}
