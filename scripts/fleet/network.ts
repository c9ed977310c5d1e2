import type { Dataset } from '../../mock-api/data';
import { searchCallbacks } from '../../mock-api/search';

// Convoso as the simulation plays it: the local API's answers (mock-api/search.ts)
// over its data set, after a network round trip of fake time, with the faults of
// issue 21 switched on for a span of the day. Every request is recorded.

export type FaultKind = '429' | '503' | 'outage';

export interface Fault {
  kind: FaultKind;
  /** Fake-clock milliseconds, from the start of the day. */
  from: number;
  until: number;
  /** For 429: the Retry-After header. */
  retryAfter?: string;
}

export interface Call {
  /** Milliseconds since the start of the day. */
  at: number;
  /** What the request asked for, token left out. */
  params: Record<string, string>;
  status: number | 'dropped';
}

export interface Network {
  fetch: typeof fetch;
  calls: Call[];
  /** Requests sent and not yet answered. */
  inFlight(): number;
}

const LATENCY_MS = 180;

const html = (status: number, title: string) =>
  `<!DOCTYPE html><html><head><title>${status} ${title}</title></head><body><h1>${status} ${title}</h1></body></html>`;

function paramsOf(url: string, init: RequestInit | undefined): Record<string, string> {
  const u = new URL(url);
  const all = new URLSearchParams(u.search);
  if (typeof init?.body === 'string') for (const [k, v] of new URLSearchParams(init.body)) all.set(k, v);
  const out: Record<string, string> = {};
  for (const [k, v] of all) if (k !== 'auth_token') out[k] = v;
  return out;
}

export function createNetwork(dataset: Dataset, start: number, faults: readonly Fault[] = []): Network {
  const calls: Call[] = [];
  let open = 0;
  const faultAt = (t: number) => faults.find((f) => t >= f.from && t < f.until);

  const fetch = ((input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const at = Date.now() - start;
    const call: Call = { at, params: paramsOf(url, init), status: 200 };
    calls.push(call);
    open++;
    return new Promise<Response>((resolve, reject) => {
      const signal = init?.signal;
      const timer = setTimeout(answer, LATENCY_MS);
      const onAbort = () => {
        clearTimeout(timer);
        open--;
        reject(new DOMException('The operation was aborted.', 'AbortError'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      function answer() {
        open--;
        signal?.removeEventListener('abort', onAbort);
        const fault = faultAt(at);
        if (fault?.kind === 'outage') {
          call.status = 'dropped';
          reject(new TypeError('Failed to fetch'));
        } else if (fault?.kind === '429') {
          call.status = 429;
          resolve(new Response(html(429, 'Too Many Requests'), { status: 429, headers: { 'content-type': 'text/html', 'retry-after': fault.retryAfter ?? '2' } }));
        } else if (fault?.kind === '503') {
          call.status = 503;
          resolve(new Response(html(503, 'Service Temporarily Unavailable'), { status: 503, headers: { 'content-type': 'text/html' } }));
        } else {
          resolve(new Response(JSON.stringify(searchCallbacks(dataset, call.params)), { status: 200, headers: { 'content-type': 'application/json' } }));
        }
      }
    });
  }) as typeof globalThis.fetch;

  return { fetch, calls, inFlight: () => open };
}

/**
 * What a recorded request was for, read from its parameters: a lead's lookup,
 * an export page, the toolbar count's due searches (which also serve reminders
 * where the code shares them), a search of reminders' own, or a popup search.
 */
export function purposeOf(params: Record<string, string>): 'lead' | 'count' | 'reminders' | 'export' | 'search' {
  if (params.lead_id && params.limit === '100') return 'lead';
  if (params.limit === '1000') return 'export';
  if (params.user_id && params.stage && !params.start_date && (params.limit === '1' || params.limit === '500')) return 'count';
  if (params.user_id && params.limit === '500') return 'reminders';
  return 'search';
}
