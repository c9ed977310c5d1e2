import type { Setting } from '../core/storage/setting';
import type { TransferField } from '../core/transfer/transfer-parts';
import { savedSearchesSetting, type SavedSearch } from './saved-searches-setting';

/** The saved searches' part of a settings file: left out while there are none; an import replaces them. */
export const savedSearchesTransferField: TransferField = {
  key: 'savedSearches',
  label: 'Saved searches',
  setting: savedSearchesSetting as Setting<unknown>,
  omit: (value) => (value as SavedSearch[]).length === 0,
  describe: (value) => `Replaced by the file's ${(value as SavedSearch[]).length}.`,
};
