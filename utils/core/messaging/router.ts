import * as v from 'valibot';
import type { Browser } from 'wxt/browser';
import type { AnswerOf, MessageDef, RequestOf } from './define-message';
import { INTERNAL_ERROR, type PageError } from './replies';
import { senderRole } from './sender';

type Sender = Browser.runtime.MessageSender;

export interface Route<M extends MessageDef = MessageDef> {
  message: M;
  handle: (request: RequestOf<M>, sender: Sender) => Promise<AnswerOf<M>>;
}

/** Binds a handler to its message, checking their types against each other. */
export function route<M extends MessageDef>(message: M, handle: (request: RequestOf<M>, sender: Sender) => Promise<AnswerOf<M>>): Route {
  return { message, handle } as unknown as Route;
}

const refuse = (message: string) => ({ ok: false, error: { kind: 'refused', message } });

const isError = (value: unknown): value is PageError =>
  !!value && typeof value === 'object' && typeof (value as PageError).kind === 'string' && typeof (value as PageError).message === 'string';

/**
 * What a content script receives: every error in the reply (the reply's own, or
 * one per item of a batch) cut down to its kind and sentence. An API excerpt is
 * redacted, but a web page has no use for it either.
 */
export function forPage(reply: unknown): unknown {
  if (!reply || typeof reply !== 'object') return reply;
  if (Array.isArray(reply)) return reply.map(forPage);
  return Object.fromEntries(
    Object.entries(reply).map(([key, value]) => [key, key === 'error' && isError(value) ? { kind: value.kind, message: value.message } : forPage(value)]),
  );
}

/**
 * The background's single entry point: find the message's definition, check who
 * sent it and validate it, then dispatch. Refusals are replies, never thrown, so
 * a caller always learns why.
 */
export function createRouter(routes: readonly Route[], own: { id: string; origin: string }) {
  const byType = new Map(routes.map((r) => [r.message.type, r]));
  return async function dispatch(message: unknown, sender: Sender): Promise<unknown> {
    const role = senderRole(sender, own.id, own.origin);
    if (role === 'unknown') return refuse('This request did not come from the extension.');
    const type = message && typeof message === 'object' ? (message as { type?: unknown }).type : undefined;
    const found = typeof type === 'string' ? byType.get(type) : undefined;
    const parsed = found ? v.safeParse(found.message.schema, message) : null;
    if (!found || !parsed?.success) return refuse('The extension received a request it does not understand.');
    if (role === 'content-script' && found.message.from !== 'page') {
      return refuse('A web page may only ask for the callbacks of the lead it shows.');
    }
    try {
      const reply = await found.handle(parsed.output, sender);
      return role === 'content-script' ? forPage(reply) : reply;
    } catch {
      // Never echo the exception: it could quote a URL that carries the token.
      return { ok: false, error: INTERNAL_ERROR };
    }
  };
}
