import { storage } from 'wxt/utils/storage';
import { readConnection, tokenHint } from './read-connection';
import { writeSettings, type Setting, type SettingEntry, type SettingRead } from '../core/storage/setting';
import type { ConnectionPolicy } from './connection-policy';
import type { RequestMethod, TokenStorage } from './schemas';
import {
  baseUrlSetting,
  localTokenSetting,
  methodSetting,
  pageSizeSetting,
  sessionTokenSetting,
  timeoutSetting,
  timeZoneSetting,
  tokenStorageSetting,
  userIdSetting,
} from './settings';

// What the options' connection forms read, and what their Save writes (in the
// background, utils/connection/background/save-connection.ts). Kept apart so the
// rules (all or nothing, repair what was unreadable) read in one place.

export interface ConnectionFormState {
  hasToken: boolean;
  /** The saved token masked: never more than its last 4 characters. */
  hint: string;
  where: TokenStorage;
  baseUrl: string;
  method: RequestMethod;
  userId: string;
  /** The account's IANA zone; '' follows the browser's. */
  timeZone: string;
  /** Stored values that were unreadable and replaced by defaults: the user must see them to re-save. */
  problems: string[];
}

export async function readConnectionForm(): Promise<ConnectionFormState> {
  const [connection, user, zone] = await Promise.all([readConnection(), userIdSetting.get(), timeZoneSetting.get()]);
  return {
    hasToken: connection.token !== '',
    hint: tokenHint(connection.token),
    where: connection.tokenStorage,
    baseUrl: connection.baseUrl,
    method: connection.method,
    userId: user.value,
    timeZone: zone.value,
    problems: [...connection.problems, ...[user.problem, zone.problem].filter((p): p is string => Boolean(p))],
  };
}

/** Values already validated by the settings' schemas; each one undefined keeps what is saved. */
export interface ConnectionValues {
  /** A new token. */
  token?: string;
  where?: TokenStorage;
  baseUrl?: string;
  method?: RequestMethod;
  userId?: string;
  /** Canonical ('' for the browser's). */
  timeZone?: string;
}

/**
 * Writes a save in one storage call per area, so it never leaves half the
 * fields written. Only what changes is written (every write of a sealed value
 * is a storage change, and a change of the connection makes every open CRM
 * tab ask again): the connection as a whole, the user ID, the zone. What the
 * policy sets is the policy's to write. Settings that were unreadable are
 * rewritten (the form showed them, and Save was the person's choice): with the
 * value sent, or their default, so a save clears every reported problem.
 */
export async function writeConnection(values: ConnectionValues, policy: ConnectionPolicy): Promise<void> {
  const [current, where, baseUrl, method, user, zone, pageSize, timeout] = await Promise.all([
    readConnection(),
    tokenStorageSetting.get(),
    baseUrlSetting.get(),
    methodSetting.get(),
    userIdSetting.get(),
    timeZoneSetting.get(),
    pageSizeSetting.get(),
    timeoutSetting.get(),
  ]);
  const place = values.where ?? where.value;
  const token = values.token ?? (current.token || undefined);
  // The connection (token, where it is kept, address, method) is written whole when any
  // of it changes, in the one storage call; the user ID and the zone when they change.
  const connectionChanged =
    values.token !== undefined ||
    place !== current.tokenStorage ||
    (values.baseUrl !== undefined && values.baseUrl !== baseUrl.value) ||
    (values.method !== undefined && values.method !== method.value);
  const writes: SettingEntry[] = [];
  // Each value goes through its setting's schema once more: nothing unvalidated reaches storage.
  const put = <T>(setting: Setting<T>, read: SettingRead<T>, value: T | undefined, whole = false) => {
    if (whole || read.problem || (value !== undefined && value !== read.value)) writes.push(setting.entry(value ?? read.value));
  };
  put(tokenStorageSetting, where, values.where, connectionChanged);
  if (policy.baseUrl === undefined) put(baseUrlSetting, baseUrl, values.baseUrl, connectionChanged);
  if (policy.method === undefined) put(methodSetting, method, values.method, connectionChanged);
  put(userIdSetting, user, values.userId);
  if (policy.timeZone === undefined) put(timeZoneSetting, zone, values.timeZone);
  put(pageSizeSetting, pageSize, undefined);
  put(timeoutSetting, timeout, undefined);

  const target = place === 'session' ? sessionTokenSetting : localTokenSetting;
  const other = place === 'session' ? localTokenSetting : sessionTokenSetting;
  if (token !== undefined && connectionChanged) writes.push(target.entry(token));

  if (writes.length > 0) await writeSettings(writes);
  // Moving the token to "until the browser closes" leaves nothing on disk; with
  // no token at all, an unreadable leftover is cleared too.
  await storage.removeItems(token !== undefined ? [other.key] : [localTokenSetting.key, sessionTokenSetting.key]);
}
