import { storage, type StorageItemKey } from 'wxt/utils/storage';
import { indexedDbKeyStore, type KeyStore } from './vault-key';

// Settings that decide where the token goes or what runs on a page (token, API
// address, method, sites and rules, ...) are stored sealed: AES-GCM with the
// vault key (vault-key.ts) and the storage key as associated data. A content
// script can reach storage.local on Firefox (Chrome's access level is set to
// trusted contexts too, see utils/core/storage/access-level.ts), but it cannot read a sealed value, nor
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

export interface Sealer {
  seal(storageKey: StorageItemKey, value: unknown): Promise<SealedEnvelope>;
  /** What a stored (raw) value holds, if it is ours. */
  unseal(storageKey: StorageItemKey, stored: unknown): Promise<Unsealed>;
  readSealed(storageKey: StorageItemKey): Promise<Unsealed>;
  /** Seals every value, then writes them all in one storage call per area (all or nothing, as before). */
  writeSealed(items: ReadonlyArray<{ key: StorageItemKey; value: unknown }>): Promise<void>;
}

/** Sealing with the key `keyStore` keeps; the extension's contexts share one in IndexedDB (`sealer` below). */
export function createSealer(keyStore: KeyStore): Sealer {
  let keyPromise: Promise<CryptoKey> | null = null;
  const vaultKey = (): Promise<CryptoKey> => {
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
  };
  return {
    seal: async (storageKey, value) => sealWith(await vaultKey(), storageKey, value),
    unseal: async (storageKey, stored) => unsealWith(await vaultKey(), storageKey, stored),
    async readSealed(storageKey) {
      const key = await vaultKey();
      return unsealWith(key, storageKey, await storage.getItem<unknown>(storageKey));
    },
    async writeSealed(items) {
      const key = await vaultKey();
      const sealed = await Promise.all(
        // null and undefined remove the key, as storage.setItems does.
        items.map(async (item) => ({ key: item.key, value: item.value == null ? null : await sealWith(key, item.key, item.value) })),
      );
      await storage.setItems(sealed);
    },
  };
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

/** The extension's sealing: its key in the extension origin's IndexedDB (vault-key.ts). */
export const sealer = createSealer(indexedDbKeyStore);
export const { seal, unseal, readSealed, writeSealed } = sealer;
