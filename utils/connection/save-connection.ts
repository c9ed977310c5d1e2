import { storage } from 'wxt/utils/storage';
import { readConnection, tokenHint } from './read-connection';
import { writeSettings, type SettingEntry } from '../core/storage/setting';
import type { ManagedConfig } from '../core/storage/managed';
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
import { releaseApiHost } from '../sites/actions';

// What the "Token and connection" form reads and writes. Kept apart from the
// form so the rules (all or nothing, repair what was unreadable) read in one place.

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

/** Values already validated by the form's schemas. `token` undefined keeps the saved one. */
export interface ConnectionValues {
  token?: string;
  where: TokenStorage;
  baseUrl: string;
  method: RequestMethod;
  userId: string;
  /** Already canonical ('' for the browser's); undefined leaves the saved one. */
  timeZone?: string;
}

/**
 * Writes the whole form in one storage call per area, so a save never leaves
 * half the fields written. Managed values are the policy's to write. Settings
 * that are not on the form but were unreadable are rewritten with their
 * default, so a save clears every reported problem. A new API address
 * releases the old one's host access unless something still uses it.
 */
export async function saveConnection(values: ConnectionValues, managed: ManagedConfig): Promise<void> {
  const [current, pageSize, timeout] = await Promise.all([readConnection(), pageSizeSetting.get(), timeoutSetting.get()]);
  const token = values.token ?? (current.token || undefined);
  const target = values.where === 'session' ? sessionTokenSetting : localTokenSetting;
  const other = values.where === 'session' ? localTokenSetting : sessionTokenSetting;

  // Each value goes through its setting's schema once more: nothing unvalidated reaches storage.
  const writes: SettingEntry[] = [tokenStorageSetting.entry(values.where), userIdSetting.entry(values.userId)];
  if (managed.baseUrl === undefined) writes.push(baseUrlSetting.entry(values.baseUrl));
  if (managed.method === undefined) writes.push(methodSetting.entry(values.method));
  if (managed.timeZone === undefined && values.timeZone !== undefined) writes.push(timeZoneSetting.entry(values.timeZone));
  if (pageSize.problem) writes.push(pageSizeSetting.entry(pageSizeSetting.fallback));
  if (timeout.problem) writes.push(timeoutSetting.entry(timeoutSetting.fallback));
  if (token !== undefined) writes.push(target.entry(token));

  await writeSettings(writes);
  // Moving the token to "until the browser closes" leaves nothing on disk; with
  // no token at all, an unreadable leftover is cleared too.
  await storage.removeItems(token !== undefined ? [other.key] : [localTokenSetting.key, sessionTokenSetting.key]);
  // The old API host's access was asked for when it was saved: give it back unless still in use.
  if (managed.baseUrl === undefined && values.baseUrl !== current.baseUrl) await releaseApiHost(current.baseUrl, values.baseUrl);
}
