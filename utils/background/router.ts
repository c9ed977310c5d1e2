import * as v from 'valibot';
import type { Browser } from 'wxt/browser';
import { CONTENT_SCRIPT_REQUESTS, RequestSchema, type ReplyMap, type Request, type RequestType } from '../messaging/protocol';
import { senderRole } from './sender';

export type Handlers = {
  [T in RequestType]: (request: Extract<Request, { type: T }>, sender: Browser.runtime.MessageSender) => Promise<ReplyMap[T]>;
};

export type AnyReply = ReplyMap[RequestType];

const refuse = (message: string): AnyReply => ({ ok: false, error: { kind: 'refused', message } });

/**
 * The background's single entry point: validate the message, check who sent it,
 * then dispatch. Refusals are replies, never thrown, so a caller always learns why.
 */
export function createRouter(handlers: Handlers, own: { id: string; origin: string }) {
  return async function route(message: unknown, sender: Browser.runtime.MessageSender): Promise<AnyReply> {
    const role = senderRole(sender, own.id, own.origin);
    if (role === 'unknown') return refuse('This request did not come from the extension.');
    const parsed = v.safeParse(RequestSchema, message);
    if (!parsed.success) return refuse('The extension received a request it does not understand.');
    const request = parsed.output;
    if (role === 'content-script' && !CONTENT_SCRIPT_REQUESTS.has(request.type)) {
      return refuse('A web page may only ask for the callbacks of the lead it shows.');
    }
    try {
      const handler = handlers[request.type] as (r: Request, s: Browser.runtime.MessageSender) => Promise<AnyReply>;
      return await handler(request, sender);
    } catch {
      // Never echo the exception: it could quote a URL that carries the token.
      return { ok: false, error: { kind: 'internal', message: 'Something went wrong inside the extension. Try again.' } };
    }
  };
}
