import type { SearchQueryInput } from '../api/query-input';
import { readSavedSettings, searchWithSavedConnection, type AccountSettings, type SavedSearchOptions, type SavedSearchResult } from './saved-connection';
import { createSettingsMemo } from './settings-memo';
import { createTrafficGate, type TrafficGate } from './traffic-gate';

export type ConvosoSearchOptions = SavedSearchOptions;

/** The background's one way to Convoso: every feature's searches go through it, and through its one traffic gate. */
export interface Convoso {
  /** A search with the settings as saved now (the popup, the options' test, the toolbar count, reminders). */
  search(query: SearchQueryInput, options?: ConvosoSearchOptions): Promise<SavedSearchResult>;
  /**
   * A search with the settings kept in memory until storage changes: the badge's
   * lookups, where reading and unsealing them each time sat in front of every badge.
   */
  searchCached(query: SearchQueryInput, options?: ConvosoSearchOptions): Promise<SavedSearchResult>;
  /** Starts reading the kept settings (a lookup is coming), without waiting. */
  prepare(): void;
  /** The gate every request waits in: its pauses, its budget. */
  readonly gate: TrafficGate;
}

/** `readAccount`: the connection feature's reader of the saved connection and zone, handed in by the background's wiring. */
export function createConvoso(readAccount: () => Promise<AccountSettings>): Convoso {
  const gate = createTrafficGate();
  const fresh = () => readSavedSettings(readAccount);
  const kept = createSettingsMemo(fresh);
  return {
    // The options object is handed on as is: a getter on it (priority) stays live.
    search: (query, options = {}) => searchWithSavedConnection(query, options, { settings: fresh, gate }),
    searchCached: (query, options = {}) => searchWithSavedConnection(query, options, { settings: kept, gate }),
    // A failed read is the lookup's to report, when it needs the settings.
    prepare: () => void kept().catch(() => undefined),
    gate,
  };
}
