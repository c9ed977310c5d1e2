import { connectionTransferFields } from '../../utils/connection/transfer-fields';
import type { ConnectionPolicy } from '../../utils/connection/connection-policy';
import { domSelectorCheck } from '../../utils/core/lead/custom-rules';
import type { TransferParts } from '../../utils/core/transfer/transfer-parts';
import { savedSearchesTransferField } from '../../utils/search/saved-searches-transfer';
import { sitesTransferSection } from '../../utils/sites/transfer';

/** What a settings file holds, in its order: the connection's settings, the saved searches, then the sites. */
export function transferParts(policy: ConnectionPolicy): TransferParts {
  return {
    fields: [...connectionTransferFields(policy), savedSearchesTransferField],
    sections: [sitesTransferSection({ isValidSelector: domSelectorCheck })],
  };
}
