import { badResponse, errorFromStatus, namesStage, type ApiError } from './errors';
import type { SearchPage } from './model';
import { jsonTooDeep, MAX_BODY_BYTES, readBodyCapped } from './body';
import { normalizeResponse } from './normalize';
import { buildSearchParams, validateQuery, type SearchQuery } from './query';
import type { SearchQueryInput } from './query-input';
import { backoffDelay, isRetryable, parseRetryAfter } from './retry';
import { otherPastDueSpelling, type PastDueSpelling } from './vocabulary';

export interface SearchOptions {
  token: string;
  /** e.g. `https://api.convoso.com/v1`; a trailing slash is fine. */
  baseUrl: string;
  /** POST (form body) keeps the token out of URLs and server logs. Default GET, as the spec documents. */
  method?: 'GET' | 'POST';
  signal?: AbortSignal;
  /** Per attempt, including reading the body. Default 20 000. */
  timeoutMs?: number;
  /** Extra attempts after the first, for 429/502/503/504 and dropped connections. Default 2. */
  maxRetries?: number;
  /**
   * The most this search waits between attempts, in all. A wait that would go
   * past it is not started: the error comes back at once (a 429 with its
   * `retryAfterMs`), so the caller can show the wait and let the user cancel.
   * Default DEFAULT_MAX_WAIT_MS.
   */
  maxWaitMs?: number;
  fetch?: typeof fetch;
  /** Answers larger than this (after decompression) are refused unread. Default MAX_BODY_BYTES. */
  maxBodyBytes?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
  /** The Convoso account's IANA zone, for ISO times with an offset in the answer; default the browser's. */
  timeZone?: string;
  /** How the account spells the past-due stage, as remembered; default PASTDUE (the spec's). */
  pastDueSpelling?: PastDueSpelling;
  /** Told when the other spelling worked after the remembered one was refused, so the caller can remember it. */
  onPastDueSpelling?: (spelling: PastDueSpelling) => void;
}

export type SearchResult = { ok: true; page: SearchPage; query: SearchQuery } | { ok: false; error: ApiError };

/**
 * HTTP 500 on a search is asked once more: both public SDKs do, and a search is
 * safe to repeat. Kept here rather than in retry.ts, whose 429/502/503/504 rules
 * stay as they are: a second 500 is reported.
 */
const SERVER_ERROR_RETRIES = 1;

/** Convoso's API, where the token goes unless the options name another address. */
export const DEFAULT_BASE_URL = 'https://api.convoso.com/v1';

export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_RETRIES = 2;
/** Whatever the server asks, one search never waits more than this in all (callers showing a spinner pass less). */
export const DEFAULT_MAX_WAIT_MS = 60_000;
/** Hard ceiling whatever the caller asks: a popup must not spin forever. */
const MAX_RETRIES_CEILING = 5;

const ABORTED: ApiError = { kind: 'aborted', message: 'The search was cancelled.' };

/** Endpoint URL from the configured base; `undefined` when the base is not an http(s) URL. */
export function searchUrl(baseUrl: string): URL | undefined {
  try {
    const url = new URL(`${baseUrl.trim().replace(/\/+$/, '')}/callbacks/search`);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Searches callbacks. Never throws and never logs: every failure comes back as an
 * ApiError whose text has been through `redact` (see errors.ts).
 */
export async function searchCallbacks(input: SearchQueryInput, opts: SearchOptions): Promise<SearchResult> {
  const validated = validateQuery(input);
  if (!validated.ok) return { ok: false, error: validated.error };
  const { query } = validated;

  const url = searchUrl(opts.baseUrl);
  if (!url) {
    return { ok: false, error: { kind: 'network', message: 'The API address in Settings is not a valid web address.' } };
  }
  const fetchFn = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const sleep = opts.sleep ?? defaultSleep;
  const random = opts.random ?? Math.random;
  const now = opts.now ?? Date.now;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRetries = Math.min(MAX_RETRIES_CEILING, Math.max(0, Math.trunc(opts.maxRetries ?? DEFAULT_MAX_RETRIES)));
  const { signal, token } = opts;

  const method = opts.method ?? 'GET';
  const request = (pastDue: PastDueSpelling): { url: string; init: RequestInit } => {
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
  };

  const maxWaitMs = Math.max(0, opts.maxWaitMs ?? DEFAULT_MAX_WAIT_MS);
  const maxBodyBytes = opts.maxBodyBytes ?? MAX_BODY_BYTES;
  // Shared by both spellings' runs: one search never waits longer than maxWaitMs in all.
  let waited = 0;
  const run = async (pastDue: PastDueSpelling): Promise<{ ok: true; page: SearchPage } | { ok: false; error: ApiError }> => {
    const { url: target, init } = request(pastDue);
    let serverErrors = 0;
    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) return { ok: false, error: ABORTED };
      const outcome = await attemptOnce(fetchFn, target, init, { signal, timeoutMs, token, query, now, timeZone: opts.timeZone, maxBodyBytes });
      if (outcome.ok) return outcome;
      const { error, retryAfterMs } = outcome;
      const again500 = error.kind === 'server' && error.status === 500 && serverErrors++ < SERVER_ERROR_RETRIES;
      if (error.kind === 'aborted' || attempt >= maxRetries || !(isRetryable(error) || again500)) return { ok: false, error };
      const delay = retryAfterMs ?? backoffDelay(attempt, random);
      if (waited + delay > maxWaitMs) return { ok: false, error };
      waited += delay;
      const slept = await sleepUnlessAborted(sleep, delay, signal);
      if (!slept) return { ok: false, error: ABORTED };
    }
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
    if (second.error.kind === 'aborted') return second;
  }
  return { ok: false, error: first.error };
}

type AttemptOutcome = { ok: true; page: SearchPage } | { ok: false; error: ApiError; retryAfterMs?: number };

async function attemptOnce(
  fetchFn: typeof fetch,
  url: string,
  init: RequestInit,
  ctx: { signal?: AbortSignal; timeoutMs: number; token: string; query: SearchQuery; now: () => number; timeZone?: string; maxBodyBytes: number },
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
      const body = await readBodyCapped(response, ctx.maxBodyBytes);
      if (!body.ok) return { ok: false, error: tooLarge(status, ctx.maxBodyBytes) };
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
        error: { kind: 'network', message: "Couldn't reach Convoso. Check your internet connection and the API address in Settings." },
      };
    }

    if (status < 200 || status > 299) {
      const retryAfterMs = isRetryable(status) ? parseRetryAfter(headers.get('retry-after'), ctx.now()) : undefined;
      const error = errorFromStatus(status, text, ctx.token, retryAfterMs);
      return { ok: false, error, ...(retryAfterMs !== undefined && { retryAfterMs }) };
    }
    if (jsonTooDeep(text)) {
      return { ok: false, error: { kind: 'bad-response', status, excerpt: '', message: "Convoso's answer is nested too deeply to read. Check the API address in Settings." } };
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
      'The API address answered with a redirect to another address. The extension does not follow redirects, so your token stays with the address in Settings; check that address.',
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

/** Resolves true after the wait, false as soon as `signal` aborts, even if `sleep` ignores it. */
async function sleepUnlessAborted(
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>,
  ms: number,
  signal: AbortSignal | undefined,
): Promise<boolean> {
  if (!signal) {
    // A failing injected sleep only shortens the wait; the search must not throw.
    await sleep(ms).catch(() => undefined);
    return true;
  }
  if (signal.aborted) return false;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<false>((resolve) => {
    onAbort = () => resolve(false);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([
      sleep(ms, signal).then(
        () => !signal.aborted,
        () => false,
      ),
      aborted,
    ]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
