import * as v from 'valibot';

// Each feature declares its own messages (utils/<feature>/<feature>-messages.ts):
// a type, who may send it, the valibot schema the background checks it against,
// and the type of its reply. The background entrypoint hands every feature's
// handlers to one router (router.ts); pages send with `send` (send.ts).

/**
 * Who may send a message besides the extension's own pages (which may send any):
 * 'page': a content script on a web page; 'frame': one of the extension's pages
 * framed inside a web page (the badge and the chips, router.ts's `frames`), which
 * speaks for that page's tab; 'extension': nobody else.
 */
export type Audience = 'page' | 'frame' | 'extension';

export interface MessageDef<Type extends string = string, Request = unknown, Answer = unknown> {
  readonly type: Type;
  readonly from: Audience;
  readonly schema: v.GenericSchema<unknown, Request>;
  /** Never set: it carries the reply's type for `send` and the router. */
  readonly answer?: Answer;
}

export type RequestOf<M> = M extends MessageDef<string, infer R, unknown> ? R : never;
export type AnswerOf<M> = M extends MessageDef<string, unknown, infer A> ? A : never;

/**
 * `defineMessage<Reply>()('lead-summary', 'page', { leadId: LeadIdSchema })`: a
 * strict object schema (unknown keys are refused) with `type` set to the message's.
 */
export function defineMessage<Answer extends { ok: boolean }>() {
  return <const Type extends string, const Entries extends v.ObjectEntries>(type: Type, from: Audience, entries: Entries) => {
    const schema = v.strictObject({ ...entries, type: v.literal(type) });
    return { type, from, schema } as unknown as MessageDef<Type, v.InferOutput<typeof schema>, Answer>;
  };
}
