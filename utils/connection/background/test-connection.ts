import * as v from 'valibot';
import type { AnswerOf, RequestOf } from '../../core/messaging/define-message';
import type { testConnection as testConnectionMessage } from '../connection-messages';
import { BaseUrlSchema, TokenSchema } from '../schemas';
import { NO_TOKEN } from '../../core/messaging/replies';
import type { Convoso } from '../../core/gateway/convoso';
import { checkConnection } from './check-connection';

type TestConnectionRequest = RequestOf<typeof testConnectionMessage>;

/**
 * A one-result search. The options page may pass values it has not saved yet,
 * so the user can check a token before keeping it.
 */
export function createTestConnectionHandler(convoso: Convoso, deps: { fetch?: typeof fetch } = {}) {
  return async function testConnection(request: TestConnectionRequest): Promise<AnswerOf<typeof testConnectionMessage>> {
    let token: string | undefined;
    if (request.token !== undefined) {
      const typed = v.safeParse(TokenSchema, request.token);
      if (!typed.success) return { ok: false, error: NO_TOKEN };
      token = typed.output;
    }
    let baseUrl: string | undefined;
    if (request.baseUrl !== undefined) {
      const typed = v.safeParse(BaseUrlSchema, request.baseUrl);
      if (!typed.success) return { ok: false, error: { kind: 'refused', message: typed.issues[0].message } };
      baseUrl = typed.output;
    }
    const result = await checkConnection(convoso, { token, baseUrl, method: request.method }, deps);
    if (!result.ok) return { ok: false, error: result.error };
    return { ok: true, total: result.page.total, ...(result.page.totalAtLeast && { totalAtLeast: true as const }) };
  };
}
