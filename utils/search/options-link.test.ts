import { describe, expect, it } from 'vitest';
import type { ServiceError } from '../core/messaging/replies';
import { EMPTY_FORM } from './form-state';
import { optionsFieldFor, optionsPath } from './options-link';
import type { View } from './views';

const due: View = { kind: 'due' };
const filters: View = { kind: 'filters', form: { ...EMPTY_FORM, user_id: '9' } };

describe('optionsFieldFor', () => {
  it.each<[ServiceError, View | null, string | null]>([
    [{ kind: 'auth', status: 401, message: 'Convoso refused the API token.' }, null, 'token'],
    [{ kind: 'no-token', message: 'Add your token.' }, null, 'token'],
    [{ kind: 'http', status: 404, excerpt: '', message: 'Not found.' }, filters, 'api-address'],
    [{ kind: 'bad-response', status: 200, excerpt: '', message: 'Unreadable.' }, filters, 'api-address'],
    [{ kind: 'refused', message: 'The API address in the options is not a valid web address.' }, filters, 'api-address'],
    [{ kind: 'param', code: 6006, field: 'user_id', apiText: '', message: "Convoso doesn't know that user." }, due, 'user-id'],
    [{ kind: 'param', code: 6006, field: 'user_id', apiText: '', message: "Convoso doesn't know that user." }, filters, null],
    [{ kind: 'network', message: 'Offline.' }, due, null],
    [{ kind: 'rate-limited', status: 429, message: 'Slow down.' }, due, null],
  ])('%o in %o: %s', (error, view, field) => {
    expect(optionsFieldFor(error, view)).toBe(field);
  });

  it('names the field in the options page’s address', () => {
    expect(optionsPath('api-address')).toBe('/options.html#api-address');
  });
});
