import type { QueryField } from './vocabulary';

/**
 * Everything that can go wrong with a search, as data. Every variant carries
 * `message`: a sentence a call-center agent can act on, never containing the token.
 */
export type ApiError =
  /** The query failed validation; nothing was sent. */
  | { kind: 'invalid-query'; field: QueryField; message: string }
  /** 401/403 or Convoso code 403 / "Invalid authentication token". */
  | { kind: 'auth'; status?: number; code?: number; message: string }
  /** A parameter the API refused (6006, 6026, 6031, 6042, 7231, 7258, ...). */
  | { kind: 'param'; code: number; field?: QueryField; apiText: string; message: string }
  | { kind: 'rate-limited'; status: number; retryAfterMs?: number; message: string }
  | { kind: 'server'; status: number; excerpt: string; message: string }
  | { kind: 'network'; message: string }
  | { kind: 'timeout'; timeoutMs: number; message: string }
  | { kind: 'aborted'; message: string }
  /** A body that is not the expected JSON. */
  | { kind: 'bad-response'; status: number; excerpt: string; message: string }
  /** Any other HTTP status without a usable body (404, 400 with HTML, ...). */
  | { kind: 'http'; status: number; excerpt: string; message: string }
  /** Any other `success:false`. */
  | { kind: 'api'; code?: number; apiText: string; message: string };

export type ApiErrorKind = ApiError['kind'];

/** Kinds worth a Retry button: the same request may well succeed later. */
export const RETRYABLE_KINDS: ReadonlySet<ApiErrorKind> = new Set(['rate-limited', 'server', 'network', 'timeout']);
