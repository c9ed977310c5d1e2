import { LIMIT_MAX } from '../core/api/vocabulary';
import type { Setting } from '../core/storage/setting';
import type { TransferField } from '../core/transfer/transfer-parts';
import { extraApiOrigin } from './api-origin';
import type { ConnectionPolicy } from './connection-policy';
import { baseUrlSetting, methodSetting, pageSizeSetting, timeZoneSetting } from './settings';

/**
 * The connection's part of a settings file: the API address, the request
 * method, the page size and the account's zone. Never the token, nor the
 * agent's user ID. What the policy sets is left out of an import.
 */
export function connectionTransferFields(policy: ConnectionPolicy): TransferField[] {
  return [
    {
      key: 'apiBaseUrl',
      label: 'API base URL',
      setting: baseUrlSetting as Setting<unknown>,
      locked: policy.baseUrl !== undefined,
      origins: (value) => {
        const origin = extraApiOrigin(String(value));
        return origin ? [origin] : [];
      },
    },
    {
      key: 'requestMethod',
      label: 'Request method',
      setting: methodSetting as Setting<unknown>,
      locked: policy.method !== undefined,
      refused: 'Must be "GET" or "POST".',
    },
    {
      key: 'pageSize',
      label: 'Default page size',
      setting: pageSizeSetting as Setting<unknown>,
      refused: `Must be a whole number from 1 to ${LIMIT_MAX}.`,
    },
    {
      key: 'timeZone',
      label: 'Account time zone',
      setting: timeZoneSetting as Setting<unknown>,
      locked: policy.timeZone !== undefined,
      refused: 'Must be an IANA time zone such as America/Los_Angeles.',
      // '' follows each browser's zone: not exported as if chosen.
      omit: (value) => value === '',
      describe: (value) => `Set to ${String(value) || 'each browser’s own zone'}.`,
    },
  ];
}
