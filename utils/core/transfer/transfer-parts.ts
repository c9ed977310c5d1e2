import type { Setting, SettingEntry } from '../storage/setting';

// "Export settings" / "Import settings" for teams: one agent (or the administrator)
// sets the extension up and shares a file. The core reads and writes the file;
// each feature brings its parts (the connection its settings, search the saved
// searches, sites the site list), and the options page hands them in. A file never
// holds the token, nor the agent's user ID: no part offers them.

export const SETTINGS_FILE_FORMAT = 'convoso-callbacks-settings';
export const SETTINGS_FILE_VERSION = 1;

export interface SettingsFile {
  format: typeof SETTINGS_FILE_FORMAT;
  version: typeof SETTINGS_FILE_VERSION;
  exportedAt: string;
  /** One value per field (TransferField), by its key. */
  settings: Record<string, unknown>;
  /** Each section's list (TransferSection) under its key, e.g. `sites`. */
  [section: string]: unknown;
}

export interface ImportItem {
  /** What the item is: "API base URL", "Site https://crm.example.com/*". */
  label: string;
  /** What happens to it, or why it is refused. */
  message: string;
}

export interface ImportPlan {
  accepted: ImportItem[];
  /** Left out on purpose (a token, a value the administrator sets): they do not block the import. */
  skipped: ImportItem[];
  /** Invalid: while any is here, nothing is imported. */
  rejected: ImportItem[];
  /** Every value to store, written in one storage call: all or nothing. */
  writes: SettingEntry[];
  /** Hosts the browser must grant before anything is saved: a new API host, new sites. */
  origins: string[];
  /** Run once everything is written (the sites: ask the background to register them). */
  after: Array<() => Promise<unknown>>;
}

/** One value of the file's `settings`, kept in one setting. */
export interface TransferField {
  key: string;
  /** How the import report names it: "Request method". */
  label: string;
  setting: Setting<unknown>;
  /** Set by the administrator's policy: the file's value is left out. */
  locked?: boolean;
  /** The report's sentence for a refused value, when the setting's own reads badly. */
  refused?: string;
  /** The report's line for an accepted value, instead of "Set to <value>." */
  describe?: (value: unknown) => string;
  /** Left out of an export: the zone while it follows each browser's, an empty list. */
  omit?: (value: unknown) => boolean;
  /** Hosts the browser must grant before the value is saved (another API address). */
  origins?: (value: unknown) => string[];
}

/** A list at the file's top level (the sites), exported and planned by its feature. */
export interface TransferSection {
  key: string;
  /** What the file holds under `key`, and what could not be read of it (left out). */
  export(): Promise<{ value: unknown; problems: string[] }>;
  /** Reads what it needs (the list as stored now) and plans the file's `raw` value into `plan`. */
  plan(raw: unknown, plan: ImportPlan): Promise<void>;
}

export interface TransferParts {
  fields: readonly TransferField[];
  sections: readonly TransferSection[];
}

export function emptyPlan(): ImportPlan {
  return { accepted: [], skipped: [], rejected: [], writes: [], origins: [], after: [] };
}
