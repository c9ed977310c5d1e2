// The key that seals the settings (sealed.ts). It is an AES-GCM CryptoKey
// created non-extractable and kept in the extension origin's IndexedDB: the
// background and the extension's pages reach it, a content script never does
// (it runs in the web page's origin, and its storage API gives no IndexedDB),
// and no code, ours included, can read its bytes.

export interface VaultKey {
  key: CryptoKey;
  /** True for the context that created the key: it migrates the values stored before sealing existed. */
  created: boolean;
}

export interface KeyStore {
  getOrCreate(): Promise<VaultKey>;
}

const DB_NAME = 'convoso-callbacks-vault';
const STORE = 'keys';
const KEY_ID = 'settings-v1';

export function newVaultKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']) as Promise<CryptoKey>;
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('The key store could not be opened.'));
    request.onblocked = () => reject(new Error('The key store is blocked by another version of the extension.'));
  });
}

function isCryptoKey(value: unknown): value is CryptoKey {
  return !!value && typeof value === 'object' && 'algorithm' in value && 'usages' in value;
}

/**
 * One read-write transaction decides who creates the key, so a background and
 * an options page starting together end up with the same one. The candidate is
 * generated beforehand: an `await` inside the transaction would let it commit.
 */
export const indexedDbKeyStore: KeyStore = {
  async getOrCreate() {
    const candidate = await newVaultKey();
    const db = await openDb();
    try {
      return await new Promise<VaultKey>((resolve, reject) => {
        const tx = db.transaction(STORE, 'readwrite');
        const store = tx.objectStore(STORE);
        let result: VaultKey | undefined;
        const read = store.get(KEY_ID);
        read.onsuccess = () => {
          if (isCryptoKey(read.result)) {
            result = { key: read.result, created: false };
          } else {
            store.put(candidate, KEY_ID);
            result = { key: candidate, created: true };
          }
        };
        tx.oncomplete = () => (result ? resolve(result) : reject(new Error('The key store gave no key.')));
        tx.onerror = () => reject(tx.error ?? new Error('The key store could not be written.'));
        tx.onabort = () => reject(tx.error ?? new Error('The key store transaction was aborted.'));
      });
    } finally {
      db.close();
    }
  },
};
