import type { AccountSettings } from '../core/gateway/saved-connection';
import { readConnection } from './read-connection';
import {
  baseUrlSetting,
  localTokenSetting,
  methodSetting,
  sessionTokenSetting,
  timeZoneSetting,
  tokenStorageSetting,
  userIdSetting,
} from './settings';

// What the other features' background parts get of the connection, handed to
// them by the background's wiring (entrypoints/background): they never read the
// token's settings themselves.

/** The saved connection and the account's zone, for the API (utils/core/api/convoso.ts). */
export async function readAccountSettings(): Promise<AccountSettings> {
  const [connection, zone] = await Promise.all([readConnection(), timeZoneSetting.get()]);
  return { connection, timeZone: zone.value };
}

export interface Agent {
  /** The agent's own Convoso user ID; '' when not saved. */
  userId: string;
  /** The account's IANA zone; '' for the browser's. */
  timeZone: string;
}

/** Who the agent is on Convoso, for "my callbacks" (toolbar count, reminders). */
export async function readAgent(): Promise<Agent> {
  const [user, zone] = await Promise.all([userIdSetting.get(), timeZoneSetting.get()]);
  return { userId: user.value, timeZone: zone.value };
}

/** What Convoso answers depends on: the token, where it is sent, and the zone its times are read in. */
const ANSWER_SETTINGS = [localTokenSetting, sessionTokenSetting, baseUrlSetting, timeZoneSetting];
/** Everything a search of the agent's own callbacks depends on. */
const AGENT_SETTINGS = [...ANSWER_SETTINGS, tokenStorageSetting, methodSetting, userIdSetting];

/**
 * Calls `cb` when a saved setting changes what Convoso answers (`answers`), or
 * also how and for whom the agent's callbacks are searched (`agent`). Returns
 * the function that stops watching.
 */
export function watchConnection(cb: () => void, scope: 'answers' | 'agent' = 'answers'): () => void {
  const stops = (scope === 'agent' ? AGENT_SETTINGS : ANSWER_SETTINGS).map((setting) => setting.watch(cb));
  return () => stops.forEach((stop) => stop());
}
