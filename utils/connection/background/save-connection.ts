import * as v from 'valibot';
import type { Convoso } from '../../core/gateway/convoso';
import type { HostAccess } from '../../core/hosts/host-access';
import { lastAppliedPolicy } from '../../core/storage/managed';
import type { AnswerOf, RequestOf } from '../../core/messaging/define-message';
import { extraApiOrigin } from '../api-origin';
import type { saveConnection as saveConnectionMessage, TokenCheck } from '../connection-messages';
import { parseConnectionPolicy } from '../connection-policy';
import { readConnection } from '../read-connection';
import { writeConnection, type ConnectionValues } from '../write-connection';
import { BaseUrlSchema, TimeZoneSchema, TokenSchema, UserIdSchema } from '../schemas';
import { checkConnection } from './check-connection';

type SaveRequest = RequestOf<typeof saveConnectionMessage>;
type SaveAnswer = AnswerOf<typeof saveConnectionMessage>;

const FIELDS = { token: TokenSchema, baseUrl: BaseUrlSchema, userId: UserIdSchema, timeZone: TimeZoneSchema } as const;

/** The request's values through the settings' schemas (the page checked them already), or the first refusal. */
function parseValues(request: SaveRequest): ConnectionValues | string {
  const values: ConnectionValues = { where: request.where, method: request.method };
  for (const [name, schema] of Object.entries(FIELDS) as Array<[keyof typeof FIELDS, v.GenericSchema<string, string>]>) {
    if (request[name] === undefined) continue;
    const parsed = v.safeParse(schema, request[name]);
    if (!parsed.success) return parsed.issues[0].message;
    values[name] = parsed.output;
  }
  return values;
}

/**
 * Save, in the background: the token is checked with one one-result search
 * when the token, the API address or the method change (a token Convoso refuses
 * is not saved: the reply is its error), then everything is written at once,
 * and the old API host's access is given back unless still in use. Run here and
 * not in the page: a page closed while Convoso answers loses nothing. The
 * policy is the one last applied, read at once: never waits on storage.managed.
 */
export function createSaveConnectionHandler(convoso: Convoso, hosts: HostAccess, deps: { fetch?: typeof fetch } = {}) {
  return async function saveConnection(request: SaveRequest): Promise<SaveAnswer> {
    const values = parseValues(request);
    if (typeof values === 'string') return { ok: false, error: { kind: 'refused', message: values } };
    const [policyValues, current] = await Promise.all([lastAppliedPolicy(), readConnection()]);
    const policy = parseConnectionPolicy(policyValues);
    const baseUrl = policy.baseUrl ?? values.baseUrl ?? current.baseUrl;
    const method = policy.method ?? values.method ?? current.method;
    const token = values.token ?? current.token;
    const changed = (values.token !== undefined && values.token !== current.token) || baseUrl !== current.baseUrl || method !== current.method;

    let check: TokenCheck = { kind: 'not-needed' };
    if (token !== '' && changed) {
      const result = await checkConnection(convoso, { token, baseUrl, method }, { ...deps, once: true });
      if (!result.ok && result.error.kind === 'auth') return { ok: false, error: result.error };
      check = result.ok ? { kind: 'accepted' } : { kind: 'unchecked', message: result.error.message };
    }
    await writeConnection(values, policy);
    // The policy's address is the policy's to write (the background applies it).
    const moved = policy.baseUrl === undefined && values.baseUrl !== undefined && values.baseUrl !== current.baseUrl;
    const old = moved ? extraApiOrigin(current.baseUrl) : null;
    if (old) await hosts.release(old);
    return { ok: true, check };
  };
}
