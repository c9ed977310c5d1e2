import * as v from 'valibot';
import { storage, type StorageItemKey } from 'wxt/utils/storage';
import { protectKey, readSealed, writeSealed, type Unsealed } from './sealed';

export interface SettingRead<T> {
  value: T;
  /** Set when the stored value was corrupted or outdated and the default was used instead. */
  problem?: string;
}

export type SetResult<T> =
  | { ok: true; value: T }
  /** `unreadable`: the stored value could not be read and was left as it is (see `set`). */
  | { ok: false; message: string; unreadable?: true };

export interface SetOptions {
  /**
   * Write even over a stored value that cannot be read. Only for a person's
   * choice made where the problem is shown, or for a record the extension keeps
   * for itself (what it learned, what it already showed).
   */
  replace?: boolean;
}

export interface Setting<T> {
  key: StorageItemKey;
  label: string;
  fallback: T;
  get(): Promise<SettingRead<T>>;
  /**
   * Validates first; an invalid value is refused and nothing is written. A
   * stored value that cannot be read is never overwritten silently: it stays
   * (and `get` keeps reporting it) until `replace` says a person chose to.
   */
  set(value: unknown, options?: SetOptions): Promise<SetResult<T>>;
  /** The value as it would be stored, or why it is refused; writes nothing. */
  check(value: unknown): { ok: true; value: T } | { ok: false; message: string };
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

/**
 * Writes several settings in one sealed storage call: all or nothing. It
 * replaces unreadable values: callers write what a person confirmed with the
 * problems in view (the connection form's Save, an import).
 */
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
  async function get(): Promise<SettingRead<T>> {
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
  }
  const check = (value: unknown) => {
    const parsed = v.safeParse(schema, value);
    return parsed.success ? { ok: true as const, value: parsed.output } : { ok: false as const, message: parsed.issues[0].message };
  };
  return {
    key,
    label,
    fallback,
    get,
    check,
    async set(value, options = {}) {
      const checked = check(value);
      if (!checked.ok) return checked;
      if (!options.replace && (await get()).problem) {
        return { ok: false, unreadable: true, message: `${label}: the stored value could not be read, so it was not replaced.` };
      }
      await writeSealed([{ key, value: checked.value }]);
      return checked;
    },
    entry(value) {
      const checked = check(value);
      if (!checked.ok) throw new Error(`${label}: ${checked.message}`);
      return { key, value: checked.value };
    },
    remove: () => storage.removeItem(key),
    watch: (cb) => storage.watch(key, () => cb()),
  };
}
