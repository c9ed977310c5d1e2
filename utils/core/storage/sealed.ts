import { browser } from 'wxt/browser';
import { storage, type StorageItemKey } from 'wxt/utils/storage';
import { indexedDbKeyStore, memoryKeyStore, type KeyStore } from './vault-key';

// Settings that decide where the token goes or what runs on a page (token, API
// address, method, sites and rules, ...) are stored sealed: AES-GCM with the
// vault key (vault-key.ts) and the storage key as associated data. A content
// script can reach storage.local on Firefox (Chrome's access level is set to
// trusted contexts too, see service.ts), but it cannot read a sealed value, nor
// forge one, nor move one to another key. Whatever does not unseal is reported
// and the default is used instead.

export interface SealedEnvelope {
  sealed: 1;
  iv: string;
  data: string;
}

export type Unsealed =
  | { state: 'missing' }
  | { state: 'ok'; value: unknown }
  /** Not an envelope at all: another version's plain value, or written by something else. */
  | { state: 'plain' }
  /** An envelope that does not open with our key for this storage key: forged, moved or damaged. */
  | { state: 'forged' };

const protectedKeys = new Set<StorageItemKey>();

/** Registers a storage key as sealed; settings call it when they are defined. */
export function protectKey(key: StorageItemKey): void {
  protectedKeys.add(key);
}

export function isProtectedKey(key: string): key is StorageItemKey {
  return protectedKeys.has(key as StorageItemKey);
}

let keyStore: KeyStore = typeof indexedDB === 'undefined' ? memoryKeyStore() : indexedDbKeyStore;
let keyPromise: Promise<CryptoKey> | null = null;

/** Unit tests only: another key store (e.g. one that reports a fresh key, to exercise the migration). */
export function useKeyStoreForTests(store: KeyStore): void {
  keyStore = store;
  keyPromise = null;
}

function vaultKey(): Promise<CryptoKey> {
  keyPromise ??= (async () => {
    const { key, created } = await keyStore.getOrCreate();
    // The first start with sealing: seal what an older version stored in plain form.
    // Only the context that created the key runs this, and only then: afterwards a
    // plain value can only have been written by something else and is refused.
    if (created) await migratePlainValues(key);
    return key;
  })().catch((error: unknown) => {
    keyPromise = null;
    throw error;
  });
  return keyPromise;
}

const encoder = new TextEncoder();

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function isEnvelope(value: unknown): value is SealedEnvelope {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return v.sealed === 1 && typeof v.iv === 'string' && typeof v.data === 'string';
}

async function sealWith(key: CryptoKey, storageKey: string, value: unknown): Promise<SealedEnvelope> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = encoder.encode(JSON.stringify(value));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(storageKey) }, key, plain);
  return { sealed: 1, iv: toBase64(iv), data: toBase64(new Uint8Array(data)) };
}

async function unsealWith(key: CryptoKey, storageKey: string, stored: unknown): Promise<Unsealed> {
  if (stored === null || stored === undefined) return { state: 'missing' };
  if (!isEnvelope(stored)) return { state: 'plain' };
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(stored.iv), additionalData: encoder.encode(storageKey) },
      key,
      fromBase64(stored.data),
    );
    return { state: 'ok', value: JSON.parse(new TextDecoder().decode(plain)) };
  } catch {
    return { state: 'forged' };
  }
}

export async function seal(storageKey: StorageItemKey, value: unknown): Promise<SealedEnvelope> {
  return sealWith(await vaultKey(), storageKey, value);
}

/** What a stored (raw) value holds, if it is ours. */
export async function unseal(storageKey: StorageItemKey, stored: unknown): Promise<Unsealed> {
  return unsealWith(await vaultKey(), storageKey, stored);
}

export async function readSealed(storageKey: StorageItemKey): Promise<Unsealed> {
  const key = await vaultKey();
  return unsealWith(key, storageKey, await storage.getItem<unknown>(storageKey));
}

/** Seals every value, then writes them all in one storage call per area (all or nothing, as before). */
export async function writeSealed(items: ReadonlyArray<{ key: StorageItemKey; value: unknown }>): Promise<void> {
  const key = await vaultKey();
  const sealed = await Promise.all(
    // null and undefined remove the key, as storage.setItems does.
    items.map(async (item) => ({ key: item.key, value: item.value == null ? null : await sealWith(key, item.key, item.value) })),
  );
  await storage.setItems(sealed);
}

async function migratePlainValues(key: CryptoKey): Promise<void> {
  const keys = [...protectedKeys];
  if (keys.length === 0) return;
  const found = await storage.getItems(keys);
  const plain = found.filter((item) => item.value !== null && item.value !== undefined && !isEnvelope(item.value));
  if (plain.length === 0) return;
  const sealed = await Promise.all(plain.map(async (item) => ({ key: item.key as StorageItemKey, value: await sealWith(key, item.key, item.value) })));
  await storage.setItems(sealed);
}

export type Area = 'local' | 'session';

/**
 * A whole storage area as the extension means it: sealed values opened, the
 * others as stored. For the tests and the test build's harness hook (they seed
 * and inspect settings through it); the extension itself reads setting by setting.
 */
export async function readArea(area: Area): Promise<Record<string, unknown>> {
  const raw = await browser.storage[area].get(null);
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) {
    const key = `${area}:${name}` as StorageItemKey;
    const opened = isProtectedKey(key) ? await unseal(key, value) : null;
    out[name] = opened?.state === 'ok' ? opened.value : value;
  }
  return out;
}

/** Writes values as a trusted context would: protected keys sealed, whatever they hold. */
export async function writeArea(area: Area, items: Record<string, unknown>): Promise<void> {
  const entries = Object.entries(items).map(([name, value]) => ({ key: `${area}:${name}` as StorageItemKey, value }));
  await writeSealed(entries.filter((e) => isProtectedKey(e.key)));
  await storage.setItems(entries.filter((e) => !isProtectedKey(e.key)));
}
