import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as v from 'valibot';
import { buildDataset, type Dataset } from './data';
import { answerShape } from './answer-shapes';
import { FaultController, MISSING_FIELDS_DEFAULT, type Faults } from './faults';
import { AUTH_ERROR, searchCallbacks, type SearchResponse } from './search';
import { servePage } from './static-pages';

export { FIXTURE_LEADS, XSS_PAYLOAD, TABLE_LEAD_IDS, FIXTURE_CALLBACK_COUNTS } from './fixtures';
export type { Faults } from './faults';

export const DEMO_TOKEN = 'demo-token-not-a-real-secret';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The form-encoded POST body, parsed; {} for GET or another content type. */
  body: Record<string, string>;
  /** query and body merged, the body winning as in PHP's $_REQUEST. */
  params: Record<string, string>;
  headers: Record<string, string>;
  /** Epoch milliseconds. */
  time: number;
}

export interface MockApi {
  url: string;
  apiBase: string;
  /** Live array, appended to as requests arrive; clearRequests() empties it in place. */
  requests: RecordedRequest[];
  /** The requests made so far to the callbacks search, the one endpoint the extension asks. */
  searchRequests(): RecordedRequest[];
  setFaults(f: Partial<Faults>): void;
  resetFaults(): void;
  clearRequests(): void;
  close(): Promise<void>;
  /** The data the server answers from. */
  dataset: Dataset;
}

export interface MockApiOptions {
  /** 0 picks a free port. Default 0. */
  port?: number;
  host?: string;
  tokens?: string[];
  seed?: number;
  /** The moment the data is centred on; default the real start time. */
  now?: Date;
  /** A data set already built (tests reuse one for a few seconds: building takes ~150 ms); `seed` and `now` are then ignored. */
  dataset?: Dataset;
}

const MAX_BODY = 1_000_000;

const SEARCH_PATH = '/v1/callbacks/search';

const ID_FIELDS = ['id', 'lead_id', 'list_id', 'campaign_id', 'user', 'context'];

function html(status: number, title: string, message: string): string {
  return `<!DOCTYPE html>\n<html><head><title>${status} ${title}</title></head>\n<body><center><h1>${status} ${title}</h1></center>\n<hr><center>${message}</center>\n</body></html>\n`;
}

const LB_TITLES: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function lastWins(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of params) out[k] = val;
  return out;
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(req.headers)) {
    if (val !== undefined) out[k.toLowerCase()] = Array.isArray(val) ? val.join(', ') : val;
  }
  return out;
}

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  res.end(body);
}

const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body), headers);

function withNumbers(payload: SearchResponse): unknown {
  if (!payload.success) return payload;
  const num = (s: string): string | number => (/^\d+$/.test(s) ? Number(s) : s);
  return {
    success: true,
    data: {
      offset: Number(payload.data.offset),
      limit: Number(payload.data.limit),
      total: Number(payload.data.total),
      results: payload.data.results.map((r) => {
        const copy: Record<string, unknown> = { ...r };
        for (const f of ID_FIELDS) if (typeof copy[f] === 'string') copy[f] = num(copy[f] as string);
        return copy;
      }),
    },
  };
}

export async function startMockApi(opts: MockApiOptions = {}): Promise<MockApi> {
  const tokens = new Set(opts.tokens ?? [DEMO_TOKEN]);
  const dataset = opts.dataset ?? buildDataset({ seed: opts.seed, now: opts.now });
  const faults = new FaultController();
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const delay = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  async function handleApi(req: IncomingMessage, res: ServerResponse, path: string, params: Record<string, string>): Promise<void> {
    if (faults.latencyMs > 0) await delay(faults.latencyMs);
    if (res.destroyed) return;
    if (faults.take('dropConnection')) {
      req.socket.destroy();
      return;
    }
    const tooMany = faults.take('status429');
    if (tooMany) {
      send(res, 429, 'text/html', html(429, 'Too Many Requests', 'nginx'), { 'retry-after': tooMany.retryAfter ?? '2' });
      return;
    }
    const lb = faults.take('status5xx');
    if (lb) {
      const status = lb.status ?? 502;
      send(res, status, 'text/html', html(status, LB_TITLES[status] ?? 'Error', 'awselb/2.0'), lb.retryAfter ? { 'retry-after': lb.retryAfter } : {});
      return;
    }
    if (path !== SEARCH_PATH) {
      send(res, 404, 'text/html', html(404, 'Not Found', 'nginx'));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'POST') {
      send(res, 405, 'text/html', html(405, 'Method Not Allowed', 'nginx'), { allow: 'GET, POST' });
      return;
    }

    let payload: unknown;
    const refusal = faults.take('successFalse');
    const shaped = refusal ? null : faults.take('answer');
    const stageRefusal = refusal || shaped || !params.stage ? null : faults.take('refuseStage');
    if (shaped) {
      payload = shaped.body !== undefined ? shaped.body : answerShape(shaped.shape ?? 'envelope');
    } else if (stageRefusal && params.stage === (stageRefusal.spelling ?? 'PASTDUE')) {
      payload = answerShape('stage-refused');
    } else if (refusal) {
      payload = { success: false, code: refusal.code ?? 6000, text: refusal.text ?? 'Unknown error' };
    } else if (!tokens.has(params.auth_token ?? '')) {
      payload = AUTH_ERROR;
    } else {
      const answer = searchCallbacks(dataset, params);
      payload = answer;
      if (answer.success) {
        const missing = faults.take('missingFields');
        if (missing) {
          const drop = missing.fields ?? MISSING_FIELDS_DEFAULT;
          for (const r of answer.data.results) {
            for (const f of drop) delete (r as unknown as Record<string, unknown>)[f];
          }
        }
        if (faults.take('numbersInsteadOfStrings')) payload = withNumbers(answer);
      }
    }
    const json = JSON.stringify(payload);
    const body = faults.take('malformedJson') ? json.slice(0, Math.ceil(json.length / 2)) : json;
    send(res, 200, 'application/json; charset=utf-8', body);
  }

  async function handleControl(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
      'access-control-allow-headers': 'content-type',
    };
    const route = `${req.method} ${path}`;
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors);
      res.end();
    } else if (route === 'GET /__mock/faults') {
      sendJson(res, 200, faults.snapshot(), cors);
    } else if (route === 'POST /__mock/faults') {
      let patch: unknown;
      try {
        patch = JSON.parse(await readBody(req));
      } catch {
        sendJson(res, 400, { error: 'Body must be JSON' }, cors);
        return;
      }
      try {
        sendJson(res, 200, faults.set(patch), cors);
      } catch (e) {
        sendJson(res, 400, { error: e instanceof v.ValiError ? v.summarize(e.issues) : String(e) }, cors);
      }
    } else if (route === 'POST /__mock/reset') {
      faults.reset();
      sendJson(res, 200, faults.snapshot(), cors);
    } else if (route === 'GET /__mock/requests') {
      sendJson(res, 200, requests, cors);
    } else if (route === 'DELETE /__mock/requests') {
      requests.length = 0;
      res.writeHead(204, cors);
      res.end();
    } else {
      send(res, 404, 'application/json', JSON.stringify({ error: `No mock control at ${route}` }), cors);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://mock.invalid');
    const path = url.pathname;
    if (path.startsWith('/__mock/')) return handleControl(req, res, path);
    if (path === '/crm' || path === '/') {
      res.writeHead(302, { location: '/crm/' });
      res.end();
      return;
    }
    if (path.startsWith('/crm/')) return servePage(req, res, path.slice('/crm/'.length));
    if (path === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }

    const raw = req.method === 'GET' || req.method === 'HEAD' ? '' : await readBody(req);
    const headers = flatHeaders(req);
    const query = lastWins(url.searchParams);
    const body = (headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
      ? lastWins(new URLSearchParams(raw))
      : {};
    const params = { ...query, ...body };
    // Recorded before any fault, so a test can see what the client sent even when it failed.
    requests.push({ method: req.method ?? '', path, query, body, params, headers, time: Date.now() });
    return handleApi(req, res, path, params);
  }

  // Node refuses request lines and headers over 16 KB by default (HTTP 431); browsers send
  // addresses up to 2 MB, and a CRM page may have a very long one (the site-pattern test's 30,000 characters).
  const server = createServer({ maxHeaderSize: 256 * 1024 }, (req, res) => {
    handle(req, res).catch((e: unknown) => {
      send(res, 500, 'text/plain', `mock-api error: ${e instanceof Error ? e.message : String(e)}`);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  const url = `http://${host}:${port}`;

  return {
    url,
    apiBase: `${url}/v1`,
    requests,
    searchRequests: () => requests.filter((r) => r.path === SEARCH_PATH),
    dataset,
    setFaults: (f) => void faults.set(f),
    resetFaults: () => faults.reset(),
    clearRequests: () => {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
