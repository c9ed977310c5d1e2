import { describe, expect, it, vi } from 'vitest';
import { MAX_BODY_BYTES } from './body';
import { searchCallbacks, searchUrl, type SearchOptions } from './client';

const TOKEN = 'test-token-not-real-0001';
const BASE = 'https://api.example.test/v1/';
const OK_BODY = { success: true, data: { offset: '0', limit: '20', total: '1', results: [{ id: '1', lead_id: '42', stage: 'New' }] } };

type Call = { url: string; init: RequestInit };

function fakeFetch(...responses: (Response | Error | ((init: RequestInit) => Promise<Response>))[]) {
  const calls: Call[] = [];
  const fn = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    const next = responses.length > 1 ? responses.shift()! : responses[0]!;
    if (next instanceof Error) throw next;
    if (typeof next === 'function') return next(init ?? {});
    return next.clone();
  });
  return { fetch: fn as unknown as typeof fetch, calls, fn };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const text = (body: string, status: number, headers: Record<string, string> = {}) => new Response(body, { status, headers });

function options(extra: Partial<SearchOptions> & { fetch: typeof fetch }): SearchOptions {
  return { token: TOKEN, baseUrl: BASE, ...extra };
}

describe('searchUrl', () => {
  it.each([
    ['https://api.convoso.com/v1', 'https://api.convoso.com/v1/callbacks/search'],
    ['https://api.convoso.com/v1/', 'https://api.convoso.com/v1/callbacks/search'],
    ['https://api.convoso.com/v1///', 'https://api.convoso.com/v1/callbacks/search'],
    ['http://127.0.0.1:8787', 'http://127.0.0.1:8787/callbacks/search'],
  ])('%s', (base, url) => expect(searchUrl(base)?.toString()).toBe(url));
  it.each(['', 'api.convoso.com', 'ftp://x/v1', 'javascript:alert(1)'])('%j is refused', (base) => expect(searchUrl(base)).toBeUndefined());
});

describe('searchCallbacks: request', () => {
  it('GET puts every parameter in the query string, token first', async () => {
    const f = fakeFetch(json(OK_BODY));
    const result = await searchCallbacks({ lead_id: ' 42 ', stage: 'past_due', comments: '' }, options({ fetch: f.fetch }));
    expect(result.ok).toBe(true);
    expect(f.calls).toHaveLength(1);
    expect(f.calls[0]!.url).toBe(`https://api.example.test/v1/callbacks/search?auth_token=${TOKEN}&lead_id=42&stage=PASTDUE&offset=0&limit=20`);
    expect(f.calls[0]!.init.method).toBe('GET');
    expect(f.calls[0]!.init.body).toBeUndefined();
    expect(f.calls[0]!.init.credentials).toBe('omit');
  });
  it('POST sends a form body and keeps the token out of the URL', async () => {
    const f = fakeFetch(json(OK_BODY));
    await searchCallbacks({ recipient: 'system', limit: 50 }, options({ fetch: f.fetch, method: 'POST' }));
    const { url, init } = f.calls[0]!;
    expect(url).toBe('https://api.example.test/v1/callbacks/search');
    expect(url).not.toContain(TOKEN);
    expect(init.method).toBe('POST');
    expect(new Headers(init.headers).get('content-type')).toMatch(/^application\/x-www-form-urlencoded/);
    expect(init.body).toBe(`auth_token=${TOKEN}&recipient=System&offset=0&limit=50`);
  });
  it('returns the normalised page and the clean query', async () => {
    const f = fakeFetch(json(OK_BODY));
    const result = await searchCallbacks({ lead_id: '0042' }, options({ fetch: f.fetch }));
    expect(result).toMatchObject({ ok: true, query: { lead_id: '42', offset: 0, limit: 20 }, page: { total: 1, results: [{ id: '1', leadId: '42', stage: 'new' }] } });
  });
  it('invalid input never calls fetch', async () => {
    const f = fakeFetch(json(OK_BODY));
    const result = await searchCallbacks({ lead_id: '1e3', end_date: '2025-02-30' }, options({ fetch: f.fetch }));
    expect(result).toEqual({ ok: false, error: { kind: 'invalid-query', field: 'end_date', message: expect.stringMatching(/^End date/) } });
    expect(f.fn).not.toHaveBeenCalled();
  });
  it('an unusable base URL never calls fetch', async () => {
    const f = fakeFetch(json(OK_BODY));
    const result = await searchCallbacks({}, options({ fetch: f.fetch, baseUrl: 'not a url' }));
    expect(result.ok || result.error.kind).toBe('network');
    expect(f.fn).not.toHaveBeenCalled();
  });
});

describe('searchCallbacks: answers', () => {
  it('success:false is mapped and never retried', async () => {
    const f = fakeFetch(json({ success: false, code: 6026, text: 'Invalid campaign' }));
    const o = options({ fetch: f.fetch });
    const result = await searchCallbacks({ campaign_id: '9' }, o);
    expect(result).toMatchObject({ ok: false, error: { kind: 'param', code: 6026, field: 'campaign_id' } });
    expect(f.calls).toHaveLength(1);
  });
  it('a 200 that is not JSON is a bad response with an excerpt, not retried', async () => {
    const f = fakeFetch(text('<html><body>Please log in</body></html>', 200));
    const result = await searchCallbacks({}, options({ fetch: f.fetch }));
    expect(result).toMatchObject({ ok: false, error: { kind: 'bad-response', status: 200, excerpt: 'Please log in' } });
    expect(f.calls).toHaveLength(1);
  });
  it.each([400, 401, 403, 404])('HTTP %i is never retried', async (status) => {
    const f = fakeFetch(text('nope', status));
    const result = await searchCallbacks({}, options({ fetch: f.fetch }));
    expect(result.ok).toBe(false);
    expect(f.calls).toHaveLength(1);
  });
});

describe('searchCallbacks: one request each time; asking again is the traffic gate’s', () => {
  it.each([
    ['429 with Retry-After', text('slow down', 429, { 'Retry-After': '3' }), { kind: 'rate-limited', status: 429, retryAfterMs: 3000 }, 3000],
    ['503 without', text('<h1>503 Service Unavailable</h1>', 503), { kind: 'server', status: 503, excerpt: '503 Service Unavailable' }, undefined],
    ['500', text('Internal Server Error', 500), { kind: 'server', status: 500 }, undefined],
    ['a dropped connection', new TypeError(`fetch failed for https://x/?auth_token=${TOKEN}`), { kind: 'network' }, undefined],
  ] as const)('%s: one request, and the error with what the server asked to wait', async (_label, answer, error, retryAfterMs) => {
    const f = fakeFetch(answer, json(OK_BODY));
    const outcomes: unknown[] = [];
    const result = await searchCallbacks({}, options({ fetch: f.fetch, send: async (_host, attempt) => {
      const outcome = await attempt();
      outcomes.push(outcome);
      return outcome;
    } }));
    expect(result).toMatchObject({ ok: false, error });
    expect(JSON.stringify(result)).not.toContain(TOKEN);
    expect(f.calls).toHaveLength(1);
    expect(outcomes).toEqual([expect.objectContaining({ ok: false, ...(retryAfterMs && { retryAfterMs }) })]);
    if (!retryAfterMs) expect(outcomes[0]).not.toHaveProperty('retryAfterMs');
  });
  it('hands each request to `send` with its host, and gives back what `send` ends with', async () => {
    const f = fakeFetch(text('', 429, { 'Retry-After': '2' }), json(OK_BODY));
    const hosts: string[] = [];
    const result = await searchCallbacks({}, options({ fetch: f.fetch, send: async (host, attempt) => {
      hosts.push(host);
      const first = await attempt();
      return first.ok ? first : attempt();
    } }));
    expect(result.ok).toBe(true);
    expect(hosts).toEqual(['api.example.test']);
    expect(f.calls).toHaveLength(2);
  });
  it('reads Retry-After as an HTTP date too, as the wait left', async () => {
    const f = fakeFetch(text('', 429, { 'Retry-After': new Date(Date.now() + 90_000).toUTCString() }));
    const result = await searchCallbacks({}, options({ fetch: f.fetch }));
    expect(result.ok ? 0 : (result.error as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(85_000);
  });
});

describe('searchCallbacks: abort and timeout', () => {
  /** A fetch that never answers until its signal aborts, like a stalled server. */
  const hanging = (init: RequestInit) =>
    new Promise<Response>((_, reject) => {
      init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    });

  it('times out as kind timeout, and does not retry', async () => {
    const f = fakeFetch(hanging);
    const result = await searchCallbacks({}, options({ fetch: f.fetch, timeoutMs: 30 }));
    expect(result).toEqual({ ok: false, error: { kind: 'timeout', timeoutMs: 30, message: expect.any(String) } });
    expect(f.calls).toHaveLength(1);
  });
  it('a body that stalls after the headers also times out', async () => {
    const f = fakeFetch(async (init) => {
      const stream = new ReadableStream({
        start(controller) {
          init.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
        },
      });
      return new Response(stream, { status: 200 });
    });
    const result = await searchCallbacks({}, options({ fetch: f.fetch, timeoutMs: 30 }));
    expect(result.ok || result.error.kind).toBe('timeout');
  });
  it('uses fake timers for the default 20 s timeout', async () => {
    vi.useFakeTimers();
    try {
      const f = fakeFetch(hanging);
      const pending = searchCallbacks({}, options({ fetch: f.fetch }));
      await vi.advanceTimersByTimeAsync(19_999);
      let settled = false;
      void pending.then(() => (settled = true));
      await Promise.resolve();
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(await pending).toMatchObject({ ok: false, error: { kind: 'timeout', timeoutMs: 20_000 } });
    } finally {
      vi.useRealTimers();
    }
  });
  it("the caller's abort during a request is kind aborted", async () => {
    const controller = new AbortController();
    const f = fakeFetch(hanging);
    const pending = searchCallbacks({}, options({ fetch: f.fetch, signal: controller.signal }));
    controller.abort();
    expect(await pending).toEqual({ ok: false, error: { kind: 'aborted', message: expect.any(String) } });
  });
  it('an already aborted signal never calls fetch', async () => {
    const f = fakeFetch(json(OK_BODY));
    const result = await searchCallbacks({}, options({ fetch: f.fetch, signal: AbortSignal.abort() }));
    expect(result.ok || result.error.kind).toBe('aborted');
    expect(f.fn).not.toHaveBeenCalled();
  });
});

describe('searchCallbacks: the token never leaks', () => {
  const echo = `<html><body>Error for GET /v1/callbacks/search?auth_token=${TOKEN}&amp;limit=20 token=${encodeURIComponent(TOKEN)}</body></html>`;
  it.each([200, 400, 403, 404, 429, 500, 502])('HTTP %i echoing the URL', async (status) => {
    const f = fakeFetch(text(echo, status));
    const result = await searchCallbacks({}, options({ fetch: f.fetch }));
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });
  it('success:false echoing the token', async () => {
    const f = fakeFetch(json({ success: false, code: 6000, error: `bad token ${TOKEN}` }), json({ success: false, error: `no ${TOKEN}` }));
    expect(JSON.stringify(await searchCallbacks({}, options({ fetch: f.fetch })))).not.toContain(TOKEN);
    expect(JSON.stringify(await searchCallbacks({}, options({ fetch: f.fetch })))).not.toContain(TOKEN);
  });
  it('nothing is logged', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m));
    try {
      const f = fakeFetch(text(echo, 502), new TypeError('boom'), text(echo, 200));
      await searchCallbacks({}, options({ fetch: f.fetch }));
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});

describe('searchCallbacks: redirects and oversized answers', () => {
  it('asks fetch not to follow redirects', async () => {
    const f = fakeFetch(json(OK_BODY));
    await searchCallbacks({}, options({ fetch: f.fetch }));
    expect(f.calls[0]!.init.redirect).toBe('manual');
  });
  it.each(['GET', 'POST'] as const)('%s: a 302/307 to another host is an error, never followed or retried', async (method) => {
    for (const status of [301, 302, 303, 307, 308]) {
      const f = fakeFetch(new Response(null, { status, headers: { location: 'https://elsewhere.example/steal' } }));
      const result = await searchCallbacks({}, options({ fetch: f.fetch, method }));
      expect(result).toEqual({ ok: false, error: { kind: 'http', status, excerpt: '', message: expect.stringMatching(/redirect/) } });
      expect(f.calls).toHaveLength(1);
    }
  });
  it("a browser's opaque redirect (status 0) is the same error", async () => {
    const opaque = new Response(null, { status: 200 });
    Object.defineProperty(opaque, 'type', { value: 'opaqueredirect' });
    Object.defineProperty(opaque, 'status', { value: 0 });
    Object.defineProperty(opaque, 'clone', { value: () => opaque });
    const f = fakeFetch(opaque);
    const result = await searchCallbacks({}, options({ fetch: f.fetch, method: 'POST' }));
    expect(result).toMatchObject({ ok: false, error: { kind: 'http', status: 0, message: expect.stringMatching(/does not follow redirects/) } });
  });
  it('stops reading an answer past the size cap and says it was too large', async () => {
    const f = fakeFetch(new Response(JSON.stringify(OK_BODY), { status: 200, headers: { 'content-length': String(MAX_BODY_BYTES + 1) } }));
    const result = await searchCallbacks({}, options({ fetch: f.fetch }));
    expect(result).toMatchObject({ ok: false, error: { kind: 'bad-response', message: expect.stringMatching(/too large/) } });
    expect(f.calls).toHaveLength(1);
  });
  it('refuses a deeply nested answer with its own message', async () => {
    const f = fakeFetch(text(`{"success":true,"data":${'['.repeat(5000)}${']'.repeat(5000)}}`, 200));
    const result = await searchCallbacks({}, options({ fetch: f.fetch }));
    expect(result).toMatchObject({ ok: false, error: { kind: 'bad-response', message: expect.stringMatching(/nested too deeply/) } });
  });
});

describe('searchCallbacks: the past-due stage spelling (issue 9)', () => {
  const stageOf = (call: Call) => new URL(call.url).searchParams.get('stage');
  const refused = json({ success: false, text: 'Invalid value for stage' });

  it('sends PASTDUE; a refusal naming the stage is asked once with PAST_DUE, which is reported for remembering', async () => {
    const f = fakeFetch(refused, json(OK_BODY));
    const learned: string[] = [];
    const result = await searchCallbacks({ stage: 'PASTDUE' }, options({ fetch: f.fetch, onPastDueSpelling: (s) => learned.push(s) }));
    expect(result.ok).toBe(true);
    expect(f.calls.map(stageOf)).toEqual(['PASTDUE', 'PAST_DUE']);
    expect(learned).toEqual(['PAST_DUE']);
  });
  it('a remembered PAST_DUE is sent first', async () => {
    const f = fakeFetch(json(OK_BODY));
    await searchCallbacks({ stage: 'past due' }, options({ fetch: f.fetch, pastDueSpelling: 'PAST_DUE' }));
    expect(f.calls.map(stageOf)).toEqual(['PAST_DUE']);
  });
  it('both refused: one retry only, the first refusal is reported, nothing is learned', async () => {
    const f = fakeFetch(refused);
    const learned: string[] = [];
    const result = await searchCallbacks({ stage: 'PASTDUE' }, options({ fetch: f.fetch, onPastDueSpelling: (s) => learned.push(s) }));
    expect(result).toMatchObject({ ok: false, error: { kind: 'api', apiText: 'Invalid value for stage' } });
    expect(f.calls).toHaveLength(2);
    expect(learned).toEqual([]);
  });
  it('other stages and refusals that do not name the stage are not retried', async () => {
    const f1 = fakeFetch(refused);
    await searchCallbacks({ stage: 'PENDING' }, options({ fetch: f1.fetch }));
    expect(f1.calls).toHaveLength(1);
    const f2 = fakeFetch(json({ success: false, code: 6031, text: 'Invalid date format' }));
    await searchCallbacks({ stage: 'PASTDUE' }, options({ fetch: f2.fetch }));
    expect(f2.calls).toHaveLength(1);
  });
});
