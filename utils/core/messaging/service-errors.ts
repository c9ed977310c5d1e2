import type { ServiceError } from './protocol';

export const NO_TOKEN: ServiceError = {
  kind: 'no-token',
  message: 'Add your Convoso API token in the extension options to search callbacks.',
};

/** What a caller gets for an exception inside the background: never the exception's own text. */
export const INTERNAL_ERROR: ServiceError = {
  kind: 'internal',
  message: 'Something went wrong inside the extension. Try again.',
};
