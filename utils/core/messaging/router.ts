import * as v from 'valibot';
import type { Browser } from 'wxt/browser';
import {
  CONTENT_SCRIPT_REQUESTS,
  RequestSchema,
  type ReplyMap,
  type Request,
  type RequestType,
  type PageError,
  type ServiceError,
} from './protocol';
import { INTERNAL_ERROR } from './service-errors';
import { senderRole } from './sender';

export type Handlers = {
  [T in RequestType]: (request: Extract<Request, { type: T }>, sender: Browser.runtime.MessageSender) => Promise<ReplyMap[T]>;
};

export type AnyReply = ReplyMap[RequestType];

const refuse = (message: string): AnyReply => ({ ok: false, error: { kind: 'refused', message } });

/** Only `kind` and `message` of an error: a badge needs no more, and server text stays in the extension. */
function pageSafeError(error: ServiceError): PageError {
  return { kind: error.kind, message: error.message };
}

type PageReply = { ok: false; error: PageError } | { ok: true; summaries: Record<string, unknown> } | Extract<AnyReply, { ok: true }>;

/**
 * What a content script receives: errors cut down to what the badge shows
 * (an API excerpt is redacted, but a web page has no use for it either).
 */
function forPage(reply: AnyReply): PageReply {
  if (!reply.ok) return { ok: false, error: pageSafeError(reply.error) };
  if ('summaries' in reply) {
    const summaries = Object.fromEntries(
      Object.entries(reply.summaries).map(([id, r]) => [id, r.ok ? r : { ok: false as const, error: pageSafeError(r.error) }]),
    );
    return { ...reply, summaries };
  }
  return reply;
}

/**
 * The background's single entry point: validate the message, check who sent it,
 * then dispatch. Refusals are replies, never thrown, so a caller always learns why.
 */
export function createRouter(handlers: Handlers, own: { id: string; origin: string }) {
  return async function route(message: unknown, sender: Browser.runtime.MessageSender): Promise<AnyReply | PageReply> {
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
      const reply = await handler(request, sender);
      return role === 'content-script' ? forPage(reply) : reply;
    } catch {
      // Never echo the exception: it could quote a URL that carries the token.
      return { ok: false, error: INTERNAL_ERROR };
    }
  };
}
