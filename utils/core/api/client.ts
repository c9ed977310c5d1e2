import { badResponse, errorFromStatus, namesStage, type ApiError } from './errors';
import type { SearchPage } from './model';
import { jsonTooDeep, MAX_BODY_BYTES, readBodyCapped } from './body';
import { normalizeResponse } from './normalize';
import { buildSearchParams, validateQuery, type SearchQuery } from './query';
import type { SearchQueryInput } from './query-input';
import { isRetryable, parseRetryAfter } from './retry';
import { otherPastDueSpelling, type PastDueSpelling } from './vocabulary';

export interface SearchOptions {
  token: string;
  /** e.g. `https://api.convoso.com/v1`; a trailing slash is fine. */
  baseUrl: string;
  /** POST (form body) keeps the token out of URLs and server logs. Default GET, as the spec documents. */
  method?: 'GET' | 'POST';
  signal?: AbortSignal;
  /** Per request, including reading the body. Default 20 000. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** The Convoso account's IANA zone, for ISO times with an offset in the answer; default the browser's. */
  timeZone?: string;
  /** How the account spells the past-due stage, as remembered; default PASTDUE (the spec's). */
  pastDueSpelling?: PastDueSpelling;
  /** Told when the other spelling worked after the remembered one was refused, so the caller can remember it. */
  onPastDueSpelling?: (spelling: PastDueSpelling) => void;
  /**
   * How each request goes out: the background's traffic gate (utils/core/gateway),
   * which waits its turn, pauses while Convoso asks to, and asks again when that
   * helps. Default: at once, once.
   */
  send?: SendAttempt;
}

export type SearchResult = { ok: true; page: SearchPage; query: SearchQuery } | { ok: false; error: ApiError };

/** One HTTP request and its answer; `retryAfterMs` is what a 429 or 503 asked for. */
export type AttemptOutcome = { ok: true; page: SearchPage } | { ok: false; error: ApiError; retryAfterMs?: number };
export type Attempt = () => Promise<AttemptOutcome>;
/** Sends `attempt` to `host` (as often as the sender decides) and gives back the last outcome. */
export type SendAttempt = (host: string, attempt: Attempt) => Promise<AttemptOutcome>;

/** Convoso's API, where the token goes unless the options name another address. */
export const DEFAULT_BASE_URL = 'https://api.convoso.com/v1';

export const DEFAULT_TIMEOUT_MS = 20_000;

const ABORTED: ApiError = { kind: 'aborted', message: 'The search was cancelled.' };
const once: SendAttempt = (_host, attempt) => attempt();

/** Endpoint URL from the configured base; `undefined` when the base is not an http(s) URL. */
export function searchUrl(baseUrl: string): URL | undefined {
  try {
    const url = new URL(`${baseUrl.trim().replace(/\/+$/, '')}/callbacks/search`);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The request for one spelling of the past-due stage: never cookies, never a redirect followed. */
function buildRequest(url: URL, query: SearchQuery, token: string, method: 'GET' | 'POST', pastDue: PastDueSpelling): { url: string; init: RequestInit } {
  const params = buildSearchParams(query, token, pastDue);
  const target = new URL(url);
  let init: RequestInit;
  if (method === 'POST') {
    init = {
      method,
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8' },
      body: params.toString(),
    };
  } else {
    target.search = params.toString();
    init = { method, headers: { Accept: 'application/json' } };
  }
  // No cookies: the token is the only credential, and a logged-in admin session must not change the answer.
  // No redirects: a 302 would carry `?auth_token=` to another host, a 307 the POST body.
  return { url: target.toString(), init: { ...init, credentials: 'omit', cache: 'no-store', redirect: 'manual' } };
}

/**
 * Searches callbacks. Never throws and never logs: every failure comes back as an
 * ApiError whose text has been through `redact` (see errors.ts). Asks again only
 * through `send` (the traffic gate), and once with the other past-due spelling.
 */
export async function searchCallbacks(input: SearchQueryInput, opts: SearchOptions): Promise<SearchResult> {
  const validated = validateQuery(input);
  if (!validated.ok) return { ok: false, error: validated.error };
  const { query } = validated;

  const url = searchUrl(opts.baseUrl);
  if (!url) {
    return { ok: false, error: { kind: 'network', message: 'The API address in the options is not a valid web address.' } };
  }
  const fetchFn = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const { signal, token } = opts;
  const send = opts.send ?? once;
  const method = opts.method ?? 'GET';

  const run = async (pastDue: PastDueSpelling): Promise<AttemptOutcome> => {
    if (signal?.aborted) return { ok: false, error: ABORTED };
    const { url: target, init } = buildRequest(url, query, token, method, pastDue);
    return send(url.host, () => attemptOnce(fetchFn, target, init, { signal, timeoutMs, token, query, timeZone: opts.timeZone }));
  };

  const spelling = opts.pastDueSpelling ?? 'PASTDUE';
  const first = await run(spelling);
  if (first.ok) return { ok: true, page: first.page, query };
  // The account may spell the stage the other way: one more request, never more.
  if (query.stage === 'PASTDUE' && namesStage(first.error)) {
    const other = otherPastDueSpelling(spelling);
    const second = await run(other);
    if (second.ok) {
      opts.onPastDueSpelling?.(other);
      return { ok: true, page: second.page, query };
    }
    if (second.error.kind === 'aborted') return { ok: false, error: second.error };
  }
  return { ok: false, error: first.error };
}

async function attemptOnce(
  fetchFn: typeof fetch,
  url: string,
  init: RequestInit,
  ctx: { signal?: AbortSignal; timeoutMs: number; token: string; query: SearchQuery; timeZone?: string },
): Promise<AttemptOutcome> {
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort();
  ctx.signal?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, ctx.timeoutMs);
  try {
    let status: number;
    let headers: Headers;
    let text: string;
    try {
      const response = await fetchFn(url, { ...init, signal: controller.signal });
      status = response.status;
      headers = response.headers;
      if (response.type === 'opaqueredirect' || (status >= 300 && status <= 399)) {
        void response.body?.cancel().catch(() => undefined);
        return { ok: false, error: redirected(status) };
      }
      // Still under the timer: a server can send headers and then stall the body.
      const body = await readBodyCapped(response);
      if (!body.ok) return { ok: false, error: tooLarge(status, MAX_BODY_BYTES) };
      text = body.text;
    } catch {
      // The thrown error's own text is not shown: some runtimes put the request URL in it.
      if (ctx.signal?.aborted) return { ok: false, error: ABORTED };
      if (timedOut) {
        const seconds = Math.round(ctx.timeoutMs / 1000);
        return {
          ok: false,
          error: { kind: 'timeout', timeoutMs: ctx.timeoutMs, message: `Convoso did not answer within ${seconds} s. Try again.` },
        };
      }
      return {
        ok: false,
        error: { kind: 'network', message: "Couldn't reach Convoso. Check your internet connection and the API address in the options." },
      };
    }

    if (status < 200 || status > 299) {
      const retryAfterMs = isRetryable(status) ? parseRetryAfter(headers.get('retry-after'), Date.now()) : undefined;
      const error = errorFromStatus(status, text, ctx.token, retryAfterMs);
      return { ok: false, error, ...(retryAfterMs !== undefined && { retryAfterMs }) };
    }
    if (jsonTooDeep(text)) {
      return { ok: false, error: { kind: 'bad-response', status, excerpt: '', message: "Convoso's answer is nested too deeply to read. Check the API address in the options." } };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, error: badResponse(status, text, ctx.token) };
    }
    const normalized = normalizeResponse(json, { offset: ctx.query.offset, limit: ctx.query.limit }, ctx.token, ctx.timeZone);
    return normalized.ok ? { ok: true, page: normalized.page } : { ok: false, error: normalized.error };
  } finally {
    clearTimeout(timer);
    ctx.signal?.removeEventListener('abort', onAbort);
  }
}

/** `redirect: 'manual'` gives an opaque response (status 0) for a redirect in browsers, the 3xx itself elsewhere. */
function redirected(status: number): ApiError {
  return {
    kind: 'http',
    status,
    excerpt: '',
    message:
      'The API address answered with a redirect to another address. The extension does not follow redirects, so your token stays with the address in the options; check that address.',
  };
}

function tooLarge(status: number, maxBytes: number): ApiError {
  const mb = Math.round(maxBytes / (1024 * 1024));
  return {
    kind: 'bad-response',
    status,
    excerpt: '',
    message: `Convoso's answer was too large to read (over ${mb} MB), so the extension stopped reading it. Try a smaller page size or narrower filters.`,
  };
}
