import * as v from 'valibot';
import { searchCallbacks } from '../../api/client';
import type { ReplyMap, Request } from '../../messaging/protocol';
import { readConnection } from '../../settings/connection';
import { BaseUrlSchema, TokenSchema } from '../../settings/schemas';
import { NO_TOKEN } from '../no-token';

type TestConnectionRequest = Extract<Request, { type: 'test-connection' }>;

/**
 * A one-result search. The options page may pass values it has not saved yet,
 * so the user can check a token before keeping it.
 */
export function createTestConnectionHandler(deps: { fetch?: typeof fetch } = {}) {
  return async function testConnection(request: TestConnectionRequest): Promise<ReplyMap['test-connection']> {
    const saved = await readConnection();
    const token = request.token === undefined ? saved.token : v.safeParse(TokenSchema, request.token);
    const base = request.baseUrl === undefined ? saved.baseUrl : v.safeParse(BaseUrlSchema, request.baseUrl);
    if (typeof token !== 'string' && !token.success) return { ok: false, error: NO_TOKEN };
    if (typeof base !== 'string' && !base.success) {
      return { ok: false, error: { kind: 'refused', message: base.issues[0].message } };
    }
    const tokenValue = typeof token === 'string' ? token : token.output;
    if (!tokenValue) return { ok: false, error: NO_TOKEN };
    const result = await searchCallbacks(
      { limit: 1 },
      {
        token: tokenValue,
        baseUrl: typeof base === 'string' ? base : base.output,
        method: request.method ?? saved.method,
        timeoutMs: saved.timeoutMs,
        fetch: deps.fetch,
      },
    );
    return result.ok ? { ok: true, total: result.page.total } : { ok: false, error: result.error };
  };
}
