import * as v from 'valibot';
import { defineMessage } from '../core/messaging/define-message';
import type { Reply } from '../core/messaging/replies';

export interface SettingsStatus {
  hasToken: boolean;
  /** At most the last 4 characters, e.g. "••••3f9a". */
  tokenHint: string;
  tokenStorage: 'local' | 'session';
  baseUrl: string;
  method: 'GET' | 'POST';
  pageSize: number;
  /** The agent's own Convoso user ID, for the "Mine" quick filter; '' when not set. */
  userId: string;
  /** The Convoso account's IANA time zone; '' for the browser's. */
  timeZone?: string;
  /** Stored values that were corrupted or outdated and fell back to their default. */
  problems: string[];
}

export interface TestConnectionResult {
  total: number;
  /** Convoso gave no usable total: `total` is a lower bound. */
  totalAtLeast?: true;
}

/** What is saved, without the token: the popup's "Mine", time zone and set-up state. */
export const settingsStatus = defineMessage<Reply<{ status: SettingsStatus }>>()('settings-status', 'extension', {});

/** A one-result search with the saved settings, or with values the options form has not saved yet. */
export const testConnection = defineMessage<Reply<TestConnectionResult>>()('test-connection', 'extension', {
  token: v.optional(v.pipe(v.string(), v.maxLength(500))),
  baseUrl: v.optional(v.pipe(v.string(), v.maxLength(2000))),
  method: v.optional(v.picklist(['GET', 'POST'])),
});

/** What Save learned of the token with its one small search. */
export type TokenCheck =
  /** Convoso answered the search: the token works at the saved address. */
  | { kind: 'accepted' }
  /** Nothing it depends on changed (or no token at all): no search was made. */
  | { kind: 'not-needed' }
  /** Offline, a server error, a slow-down: saved anyway, with Convoso's reason in words. */
  | { kind: 'unchecked'; message: string };

/**
 * The options page's Save. The background checks the token with one one-result
 * search when the token, the address or the method change, then writes: a token
 * Convoso refuses is not saved (the reply is its `auth` error). The background
 * does it, so closing the page while Convoso answers loses nothing. Absent
 * fields keep what is saved; `token` is a new token.
 */
export const saveConnection = defineMessage<Reply<{ check: TokenCheck }>>()('save-connection', 'extension', {
  token: v.optional(v.pipe(v.string(), v.maxLength(500))),
  where: v.optional(v.picklist(['local', 'session'])),
  baseUrl: v.optional(v.pipe(v.string(), v.maxLength(2000))),
  method: v.optional(v.picklist(['GET', 'POST'])),
  userId: v.optional(v.pipe(v.string(), v.maxLength(100))),
  timeZone: v.optional(v.pipe(v.string(), v.maxLength(200))),
});
