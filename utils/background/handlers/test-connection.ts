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
    let token = saved.token;
    if (request.token !== undefined) {
      const typed = v.safeParse(TokenSchema, request.token);
      if (!typed.success) return { ok: false, error: NO_TOKEN };
      token = typed.output;
    }
    let baseUrl = saved.baseUrl;
    if (request.baseUrl !== undefined) {
      const typed = v.safeParse(BaseUrlSchema, request.baseUrl);
      if (!typed.success) return { ok: false, error: { kind: 'refused', message: typed.issues[0].message } };
      baseUrl = typed.output;
    }
    if (!token) return { ok: false, error: NO_TOKEN };
    const result = await searchCallbacks(
      { limit: 1 },
      {
        token,
        baseUrl,
        method: request.method ?? saved.method,
        timeoutMs: saved.timeoutMs,
        fetch: deps.fetch,
      },
    );
    return result.ok ? { ok: true, total: result.page.total } : { ok: false, error: result.error };
  };
}
