import * as v from 'valibot';
import type { Browser } from 'wxt/browser';
import type { AnswerOf, MessageDef, RequestOf } from './define-message';
import { INTERNAL_ERROR, type PageError, type ServiceError } from './replies';
import { asItsPage, framedIn, senderRole, type Own, type SenderRole } from './sender';

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
 * What a web page's process may read of an error: one fixed sentence per kind,
 * never the handler's. An API client's sentence can quote Convoso ("Convoso said:
 * …" with a lead's owner in it) or a proxy; the page has no use for either.
 */
export const PAGE_SENTENCES: Readonly<Record<ServiceError['kind'], string>> = {
  'invalid-query': 'The extension could not ask Convoso for this.',
  auth: 'Convoso refused the API token.',
  param: 'Convoso could not answer this question.',
  'rate-limited': 'Convoso is limiting requests.',
  server: 'Convoso had a problem.',
  network: "Can't reach Convoso.",
  timeout: 'Convoso is slow to answer.',
  aborted: 'The lookup was cancelled.',
  'bad-response': "Can't read Convoso's answer.",
  http: "Can't read Convoso's answer.",
  api: 'Convoso could not answer this question.',
  'no-token': 'The extension is not set up yet.',
  refused: 'The extension refused this request.',
  paused: 'Too many requests from this tab.',
  internal: 'Something went wrong inside the extension. Try again.',
};

/** Every error in a reply (the reply's own, or one per item of a batch) rewritten by `cut`. */
function mapErrors(reply: unknown, cut: (error: PageError) => PageError): unknown {
  if (!reply || typeof reply !== 'object') return reply;
  if (Array.isArray(reply)) return reply.map((item) => mapErrors(item, cut));
  return Object.fromEntries(
    Object.entries(reply).map(([key, value]) => [key, key === 'error' && isError(value) ? cut(value) : mapErrors(value, cut)]),
  );
}

/** What a content script receives: each error as its kind and that kind's fixed sentence. */
export function forPage(reply: unknown): unknown {
  return mapErrors(reply, ({ kind }) => ({ kind, message: PAGE_SENTENCES[kind] ?? PAGE_SENTENCES.internal }));
}

/**
 * What a framed page (badge, chip) receives: each error as its kind and its
 * sentence, for the agent to read. No excerpt or code: the frame shows a sentence.
 */
export function forFrame(reply: unknown): unknown {
  return mapErrors(reply, ({ kind, message }) => ({ kind, message }));
}

const MAY_SEND: Readonly<Record<Exclude<SenderRole, 'unknown'>, (from: MessageDef['from']) => boolean>> = {
  'extension-page': () => true,
  'page-frame': (from) => from === 'frame',
  'content-script': (from) => from === 'page',
};

/** This extension as the router checks senders against (sender.ts), and, for Firefox, what content scripts said of their tabs (tab-pages.ts). */
export interface RouterOptions extends Own {
  heard?: (sender: Sender) => void;
}

/**
 * The background's single entry point: find the message's definition, check who
 * sent it and validate it, then dispatch. Refusals are replies, never thrown, so
 * a caller always learns why.
 */
export function createRouter(routes: readonly Route[], own: RouterOptions) {
  const byType = new Map(routes.map((r) => [r.message.type, r]));
  return async function dispatch(message: unknown, sender: Sender): Promise<unknown> {
    const role = senderRole(sender, own);
    if (role === 'unknown') return refuse('This request did not come from the extension.');
    if (role === 'content-script') own.heard?.(sender);
    const type = message && typeof message === 'object' ? (message as { type?: unknown }).type : undefined;
    const found = typeof type === 'string' ? byType.get(type) : undefined;
    const parsed = found ? v.safeParse(found.message.schema, message) : null;
    if (!found || !parsed?.success) return refuse('The extension received a request it does not understand.');
    if (!MAY_SEND[role](found.message.from)) return refuse('A web page may only ask for the callbacks of the lead it shows.');
    try {
      const reply = await found.handle(parsed.output, role === 'page-frame' ? asItsPage(sender, framedIn(sender, own)) : sender);
      if (role === 'content-script') return forPage(reply);
      return role === 'page-frame' ? forFrame(reply) : reply;
    } catch {
      // Never echo the exception: it could quote a URL that carries the token.
      return { ok: false, error: INTERNAL_ERROR };
    }
  };
}
