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

// ---------------------------------------------------------------------------
// Mapping what Convoso (or anything between us and Convoso) answers to ApiError.
// Every sentence that leaves this module passes through `redact`, because a
// server or proxy may echo the request URL, and with GET that URL holds the token.

/**
 * Every spelling of the token a server, proxy or error page is likely to echo:
 * raw, URL-encoded (both encodings), and JSON-escaped (PHP's json_encode also
 * writes "/" as "\\/"; a token may hold any character but whitespace).
 */
function tokenForms(token: string): string[] {
  const json = JSON.stringify(token).slice(1, -1);
  const forms = new Set([token, encodeURIComponent(token), new URLSearchParams({ t: token }).toString().slice(2), json, json.replace(/\//g, '\\/')]);
  // Longest first, so a raw token never leaves half of an encoded one behind.
  return [...forms].filter(Boolean).sort((a, b) => b.length - a.length);
}

/**
 * Replaces the token, in each of its likely spellings, with `[redacted]`.
 * Case-insensitive: percent-escapes come back as %2f as often as %2F, and
 * hiding a look-alike too costs nothing.
 */
export function redact(text: string, token: string): string {
  if (!token) return text;
  const alternatives = tokenForms(token).map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return text.replace(new RegExp(alternatives.join('|'), 'gi'), '[redacted]');
}

export const EXCERPT_MAX = 160;
/**
 * How much of a body an excerpt reads. The start of an error page says what it
 * is; reading a whole 16 MB answer (a captive portal, a hostile server) would
 * hold up every other message the background handles.
 */
export const EXCERPT_SCAN = 4096;

/** Whether `lower` has `<name` at `at`, followed by the end of the tag name. */
function tagAt(lower: string, at: number, name: string): boolean {
  return lower.startsWith(`<${name}`, at) && !/[a-z0-9-]/.test(lower.charAt(at + name.length + 1));
}

/**
 * The text of an HTML-ish string: tags, comments, scripts and styles removed,
 * one space in place of each. One pass: every search moves forward, so the work
 * grows with the length, whatever the input (a run of `<` with no `>` included).
 */
export function stripMarkup(text: string): string {
  const lower = text.toLowerCase();
  let out = '';
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) return out + text.slice(i);
    out += text.slice(i, lt);
    let end = -1;
    if (lower.startsWith('<!--', lt)) {
      const close = text.indexOf('-->', lt + 4);
      if (close >= 0) end = close + 3;
    } else {
      const block = tagAt(lower, lt, 'script') ? 'script' : tagAt(lower, lt, 'style') ? 'style' : null;
      const closing = block ? lower.indexOf(`</${block}`, lt + 1) : -1;
      const gt = text.indexOf('>', closing >= 0 ? closing : lt + 1);
      // No `>` after here: no tag can end any more, the rest is text.
      if (gt < 0) return out + text.slice(lt);
      end = gt + 1;
    }
    if (end < 0) {
      const gt = text.indexOf('>', lt + 1);
      if (gt < 0) return out + text.slice(lt);
      end = gt + 1;
    }
    out += ' ';
    i = end;
  }
  return out;
}

/**
 * A short, single-line, tag-free, token-free piece of a body, for "what did
 * the server say". Reads at most EXCERPT_SCAN characters (plus enough to find a
 * token that starts before the cut), in time that grows with that length only.
 */
export function excerpt(text: string, token: string, max = EXCERPT_MAX): string {
  const margin = token ? Math.max(...tokenForms(token).map((form) => form.length)) : 0;
  const head = redact(text.slice(0, EXCERPT_SCAN + margin), token).slice(0, EXCERPT_SCAN);
  const plain = stripMarkup(head)
    .replace(/&nbsp;/gi, ' ')
    .replace(/&amp;/gi, '&')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&apos;/gi, "'")
    .replace(/&#(\d{1,7});/g, (_, n: string) => codePoint(Number(n)))
    .replace(/&#x([0-9a-f]{1,6});/gi, (_, n: string) => codePoint(parseInt(n, 16)))
    .replace(/\s+/g, ' ')
    .trim();
  // Redact again: entity decoding may have reassembled the token.
  const clean = redact(plain, token);
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).trimEnd()}…`;
}

function codePoint(n: number): string {
  return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : ' ';
}

interface CodeEntry {
  field?: QueryField;
  message: string;
}

/**
 * Convoso business codes seen for this endpoint and its parameters (docs/API.md, "Errors").
 * 403 is handled apart: it is an auth failure, not a parameter problem.
 */
export const CONVOSO_CODES: Readonly<Record<number, CodeEntry>> = {
  // "Missing callbacks": an SDK documents it for this endpoint; it means none matched.
  6000: { message: 'Convoso found no callbacks.' },
  6001: { message: 'Convoso found no matching record.' },
  6006: { field: 'user_id', message: "Convoso doesn't know that user. Check the User ID." },
  6026: { field: 'campaign_id', message: "Convoso doesn't know that campaign. Check the Campaign ID." },
  6031: { field: 'start_date', message: 'Convoso refused the date format. Use YYYY-MM-DD, like 2025-06-03.' },
  6042: { field: 'list_id', message: "Convoso doesn't know that list. Check the List ID." },
  7231: { field: 'offset', message: 'Convoso refused the offset. Use a whole number from 0 to 50000.' },
  7258: { field: 'limit', message: 'Convoso refused the page size. Use a whole number from 1 to 5000.' },
};

const AUTH_MESSAGE = 'Convoso refused the API token. Check the token in the options, and that it may search callbacks.';
/** 5001 "Auth token is invalid" and the wordings public clients show for a bad or underpowered token. */
const AUTH_CODES: ReadonlySet<number> = new Set([401, 403, 5001]);
const AUTH_TEXT =
  /invalid auth|authentication token|auth token (is )?(invalid|not valid|expired)|invalid token|token (is )?(not allowed|invalid|expired)|insufficient permission|permission denied|not authori[sz]ed|unauthori[sz]ed|forbidden/i;
const API_TEXT_MAX = 300;

function codeOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\s*\d{1,9}\s*$/.test(value)) return Number(value);
  return undefined;
}

function textOf(body: Record<string, unknown>): string {
  for (const key of ['text', 'error', 'message', 'msg']) {
    const value = body[key];
    if (typeof value === 'string' && value.trim()) return value;
    if (value && typeof value === 'object' && typeof (value as { message?: unknown }).message === 'string') {
      return (value as { message: string }).message;
    }
  }
  return '';
}

/** A `success:false` body (`{code, text}` or `{error}`), mapped to the error the UI shows. */
export function errorFromBody(body: unknown, token: string, status?: number): ApiError {
  const record = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const code = codeOf(record.code) ?? codeOf(record.error_code);
  const apiText = excerpt(textOf(record), token, API_TEXT_MAX);
  if ((code !== undefined && AUTH_CODES.has(code)) || AUTH_TEXT.test(apiText)) {
    return { kind: 'auth', ...(status !== undefined && { status }), ...(code !== undefined && { code }), message: AUTH_MESSAGE };
  }
  const known = code !== undefined ? CONVOSO_CODES[code] : undefined;
  if (known && code !== undefined && known.field) {
    return { kind: 'param', code, field: known.field, apiText, message: known.message };
  }
  if (known) return { kind: 'api', code, apiText, message: known.message };
  const said = apiText ? `Convoso said: ${apiText}` : 'Convoso gave no reason.';
  return {
    kind: 'api',
    ...(code !== undefined && { code }),
    apiText,
    message: `Convoso refused the search${code !== undefined ? ` (code ${code})` : ''}. ${said}`,
  };
}

/** Convoso's "nothing matched" codes: 6001 "No record found", 6000 "Missing callbacks". */
export const NO_MATCH_CODES: ReadonlySet<number> = new Set([6000, 6001]);

/** A "nothing matched" answer; a caller may prefer to show it as an empty list. */
export function isNoMatch(error: ApiError): boolean {
  return (error.kind === 'api' || error.kind === 'param') && error.code !== undefined && NO_MATCH_CODES.has(error.code);
}

/**
 * A refusal that names the stage filter ("Invalid stage", "stage must be one of
 * PAST_DUE, ..."): the account may spell the past-due stage the other way.
 */
export function namesStage(error: ApiError): boolean {
  const said = 'apiText' in error ? error.apiText : 'excerpt' in error ? error.excerpt : '';
  return error.kind !== 'auth' && /\bstage\b|past[ _-]?due/i.test(said);
}

/**
 * A non-2xx answer. A JSON `success:false` body is read for its code when the
 * status itself says nothing more specific (400, 404, ...).
 * `retryAfterMs` is parsed by the caller (retry.ts) so this stays clock-free.
 */
export function errorFromStatus(
  status: number,
  bodyText: string,
  token: string,
  retryAfterMs?: number,
): ApiError {
  const bit = excerpt(bodyText, token);
  if (status === 401 || status === 403) return { kind: 'auth', status, message: AUTH_MESSAGE };
  if (status === 429) {
    const wait = retryAfterMs !== undefined ? ` Wait about ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s and try again.` : ' Wait a moment and try again.';
    return {
      kind: 'rate-limited',
      status,
      ...(retryAfterMs !== undefined && { retryAfterMs }),
      message: `Convoso is receiving too many requests.${wait}`,
    };
  }
  if (status >= 500) {
    return {
      kind: 'server',
      status,
      excerpt: bit,
      message: `Convoso's server had a problem (HTTP ${status}). Try again in a moment.`,
    };
  }
  const json = parseJson(bodyText);
  if (json && typeof json === 'object' && (json as { success?: unknown }).success === false) {
    return errorFromBody(json, token, status);
  }
  return {
    kind: 'http',
    status,
    excerpt: bit,
    message:
      status === 404
        ? 'The API address was not found (HTTP 404). Check the API address in the options.'
        : `Convoso answered HTTP ${status}. Check the API address in the options.`,
  };
}

/** A 2xx body that is not JSON (a login page, a proxy's HTML, a truncated answer). */
export function badResponse(status: number, bodyText: string, token: string): ApiError {
  return {
    kind: 'bad-response',
    status,
    excerpt: excerpt(bodyText, token),
    message: "Convoso's answer could not be read. Check the API address in the options.",
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
