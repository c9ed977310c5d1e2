import type { ApiError } from '../api/errors';

// What every handler answers: a reply with `ok`, or an error a person can act on.

/** Errors the background itself raises, beside the API client's. */
export type ServiceError =
  | ApiError
  | { kind: 'no-token'; message: string }
  | { kind: 'refused'; message: string }
  /** A tab asked for more than its budget, or the lookup queue is full: try later. */
  | { kind: 'paused'; message: string }
  | { kind: 'internal'; message: string };

export type Reply<T> = ({ ok: true } & T) | { ok: false; error: ServiceError };

/**
 * What a content script gets of an error: the router strips everything but the
 * kind and the sentence (no API excerpt or code reaches a web page's process).
 */
export type PageError = { kind: ServiceError['kind']; message: string };

export const NO_TOKEN: ServiceError = {
  kind: 'no-token',
  message: 'Add your Convoso API token in the extension options to search callbacks.',
};

/** What a caller gets for an exception inside the background: never the exception's own text. */
export const INTERNAL_ERROR: ServiceError = {
  kind: 'internal',
  message: 'Something went wrong inside the extension. Try again.',
};
