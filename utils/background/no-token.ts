import type { ServiceError } from '../messaging/protocol';

export const NO_TOKEN: ServiceError = {
  kind: 'no-token',
  message: 'Add your Convoso API token in the extension options to search callbacks.',
};
