import { newVaultKey, type KeyStore } from '../../utils/core/storage/vault-key';

/**
 * A key store that keeps one key in memory, for a `createSealer` of a unit test's own:
 * another install's key, or (`created`) the first start with sealing, which migrates.
 */
export function memoryKeyStore(created = false): KeyStore {
  let key: Promise<CryptoKey> | undefined;
  return {
    async getOrCreate() {
      const isNew = key === undefined;
      key ??= newVaultKey();
      return { key: await key, created: created && isNew };
    },
  };
}
