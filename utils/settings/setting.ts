import * as v from 'valibot';
import { storage, type StorageItemKey } from 'wxt/utils/storage';

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
  remove(): Promise<void>;
  watch(cb: () => void): () => void;
}

/**
 * A storage item read through a valibot schema: whatever is found in storage
 * (another version's format, a hand-edited value) either parses or falls back
 * to the default with a reported problem, so it never breaks the extension.
 */
export function defineSetting<T>(
  key: StorageItemKey,
  label: string,
  schema: v.GenericSchema<unknown, T>,
  fallback: T,
): Setting<T> {
  const item = storage.defineItem<unknown>(key);
  return {
    key,
    label,
    fallback,
    async get() {
      let stored: unknown;
      try {
        stored = await item.getValue();
      } catch {
        return { value: fallback, problem: `${label} could not be read; using the default.` };
      }
      if (stored === null || stored === undefined) return { value: fallback };
      const parsed = v.safeParse(schema, stored);
      if (parsed.success) return { value: parsed.output };
      return { value: fallback, problem: `${label} was stored in an unreadable form; using the default.` };
    },
    async set(value) {
      const parsed = v.safeParse(schema, value);
      if (!parsed.success) return { ok: false, message: parsed.issues[0].message };
      await item.setValue(parsed.output);
      return { ok: true, value: parsed.output };
    },
    remove: () => item.removeValue(),
    watch: (cb) => item.watch(() => cb()),
  };
}
