import * as v from 'valibot';
import { storage, type StorageItemKey } from 'wxt/utils/storage';
import { protectKey, readSealed, writeSealed, type Unsealed } from './sealed';

export interface SettingRead<T> {
  value: T;
  /** Set when the stored value was corrupted or outdated and the default was used instead. */
  problem?: string;
}

export interface Setting<T> {
  key: StorageItemKey;
  label: string;
  fallback: T;
  get(): Promise<SettingRead<T>>;
  /** Validates first; an invalid value is refused and nothing is written. */
  set(value: unknown): Promise<{ ok: true; value: T } | { ok: false; message: string }>;
  /**
   * The validated `{ key, value }` for a write of several settings at once
   * (writeSettings). Throws on an invalid value: callers pass what their own
   * form or import plan already checked, so this is a programming error.
   */
  entry(value: unknown): SettingEntry;
  remove(): Promise<void>;
  watch(cb: () => void): () => void;
}

export interface SettingEntry {
  key: StorageItemKey;
  value: unknown;
}

/** Writes several settings in one sealed storage call: all or nothing. */
export function writeSettings(entries: readonly SettingEntry[]): Promise<void> {
  return writeSealed(entries);
}

/**
 * A sealed storage item read through a valibot schema: whatever is found in storage
 * (another version's format, a hand-edited value) either parses or falls back
 * to the default with a reported problem, so it never breaks the extension.
 */
export function defineSetting<T>(
  key: StorageItemKey,
  label: string,
  schema: v.GenericSchema<unknown, T>,
  fallback: T,
): Setting<T> {
  // Every setting is sealed (sealed.ts): a content script can neither read nor forge it.
  protectKey(key);
  return {
    key,
    label,
    fallback,
    async get() {
      let stored: Unsealed;
      try {
        stored = await readSealed(key);
      } catch {
        return { value: fallback, problem: `${label} could not be read; using the default.` };
      }
      if (stored.state === 'missing') return { value: fallback };
      if (stored.state === 'forged') return { value: fallback, problem: `${label} was changed outside the extension; using the default.` };
      const parsed = stored.state === 'ok' ? v.safeParse(schema, stored.value) : null;
      if (parsed?.success) return { value: parsed.output };
      return { value: fallback, problem: `${label} was stored in an unreadable form; using the default.` };
    },
    async set(value) {
      const parsed = v.safeParse(schema, value);
      if (!parsed.success) return { ok: false, message: parsed.issues[0].message };
      await writeSealed([{ key, value: parsed.output }]);
      return { ok: true, value: parsed.output };
    },
    entry(value) {
      const parsed = v.safeParse(schema, value);
      if (!parsed.success) throw new Error(`${label}: ${parsed.issues[0].message}`);
      return { key, value: parsed.output };
    },
    remove: () => storage.removeItem(key),
    watch: (cb) => storage.watch(key, () => cb()),
  };
}
