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
