import type { ApiConnection } from '../core/gateway/saved-connection';
import type { RequestMethod, TokenStorage } from './schemas';
import {
  baseUrlSetting,
  localTokenSetting,
  methodSetting,
  pageSizeSetting,
  sessionTokenSetting,
  timeoutSetting,
  tokenStorageSetting,
} from './settings';

export interface ConnectionSettings extends ApiConnection {
  token: string;
  tokenStorage: TokenStorage;
  baseUrl: string;
  method: RequestMethod;
  pageSize: number;
  timeoutMs: number;
  problems: string[];
}

/** Everything the background needs to call the API, read and validated in one go. */
export async function readConnection(): Promise<ConnectionSettings> {
  const [where, baseUrl, method, pageSize, timeout] = await Promise.all([
    tokenStorageSetting.get(),
    baseUrlSetting.get(),
    methodSetting.get(),
    pageSizeSetting.get(),
    timeoutSetting.get(),
  ]);
  const token = await (where.value === 'session' ? sessionTokenSetting : localTokenSetting).get();
  const problems = [where, baseUrl, method, pageSize, timeout, token].flatMap((r) => (r.problem ? [r.problem] : []));
  return {
    token: token.value,
    tokenStorage: where.value,
    baseUrl: baseUrl.value,
    method: method.value,
    pageSize: pageSize.value,
    timeoutMs: timeout.value,
    problems,
  };
}

export async function forgetToken(): Promise<void> {
  await Promise.all([localTokenSetting.remove(), sessionTokenSetting.remove()]);
}

/** "••••3f9a": never more than the last 4 characters, none for short tokens. */
export function tokenHint(token: string): string {
  if (!token) return '';
  const tail = token.length >= 12 ? token.slice(-4) : '';
  return `••••${tail}`;
}
