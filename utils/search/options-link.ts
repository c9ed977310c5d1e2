import type { ServiceError } from '../core/messaging/replies';
import type { View } from './views';

// "Open options" from an error lands on the field to fix: the options page
// focuses the field its address names (CONTRACTS §6).

export type OptionsField = 'token' | 'user-id' | 'time-zone' | 'api-address';

/** The options field that fixes `error`, or null when the options cannot help. */
export function optionsFieldFor(error: ServiceError, view: View | null): OptionsField | null {
  switch (error.kind) {
    case 'auth':
    case 'no-token':
      return 'token';
    case 'http':
    case 'bad-response':
    // The background refuses to send the token to an address that is not valid or not granted.
    case 'refused':
      return 'api-address';
    case 'param':
      // The due view searches the saved user ID: Convoso not knowing it is the options' to fix.
      return error.field === 'user_id' && view?.kind === 'due' ? 'user-id' : null;
    default:
      return null;
  }
}

/** The options page's address for a field, for `runtime.getURL`. */
export const optionsPath = (field: OptionsField): `/options.html#${OptionsField}` => `/options.html#${field}`;
