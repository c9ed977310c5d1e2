import 'fake-indexeddb/auto';
import { indexedDbKeyStore } from '../../utils/core/storage/vault-key';

// Node has no IndexedDB, where the extension keeps the key that seals settings
// (utils/core/storage/vault-key.ts): the unit and component tests get an in-memory one.
// The key is made before any test, as an installed extension has it: no test's first
// read of a setting is taken for the first start with sealing (which migrates).
await indexedDbKeyStore.getOrCreate();
