import { describe, expect, it } from 'vitest';
import { connectionReducer, initialState, REFUSED_TOKEN, type ConnectionAction, type ConnectionState } from './connection-state';

const saved = { hasToken: true, hint: '••••0001', where: 'local' as const, baseUrl: 'https://api.convoso.com/v1', method: 'GET' as const, userId: '7', timeZone: '', problems: [] };
const run = (...actions: ConnectionAction[]): ConnectionState => actions.reduce(connectionReducer, initialState());

describe('the connection forms’ state machine', () => {
  it('fills what the person has not changed from a read, and keeps what they typed', () => {
    const state = run({ type: 'edit', field: 'userId', value: '99' }, { type: 'read', saved });
    expect(state.fields).toMatchObject({ userId: '99', baseUrl: 'https://api.convoso.com/v1', timeZone: '' });
    expect(state.saved).toMatchObject({ hasToken: true, hint: '••••0001', userId: '7' });
  });

  it('shows the token only while there is one to show', () => {
    expect(run({ type: 'toggle-token' }).showToken).toBe(false);
    const shown = run({ type: 'edit', field: 'token', value: 'abc' }, { type: 'toggle-token' });
    expect(shown.showToken).toBe(true);
    expect(connectionReducer(shown, { type: 'edit', field: 'token', value: '' }).showToken).toBe(false);
  });

  it('one save at a time: started, then saved with what the check said', () => {
    const typed = run({ type: 'edit', field: 'token', value: 'test-token-not-real-0001' }, { type: 'edit', field: 'userId', value: ' 77 ' });
    const saving = connectionReducer(typed, { type: 'save-start', part: 'agent', message: 'Saving…' });
    expect(saving.saving).toBe('agent');
    expect(saving.status.agent).toEqual({ kind: 'busy', message: 'Saving…' });
    const done = connectionReducer(saving, { type: 'saved', part: 'agent', check: { kind: 'accepted' } });
    expect(done).toMatchObject({ saving: null, fields: { token: '', userId: '77' }, status: { agent: { kind: 'ok', message: 'Saved.' } } });
    expect(done.edited.size).toBe(0);
    const unchecked = connectionReducer(saving, { type: 'saved', part: 'agent', check: { kind: 'unchecked', message: 'Convoso could not be reached.' } });
    expect(unchecked.status.agent).toEqual({ kind: 'ok', message: 'Saved, but the token could not be checked: Convoso could not be reached.' });
  });

  it('a refused token is marked at the field and what was typed stays', () => {
    const typed = run({ type: 'edit', field: 'token', value: 'test-token-not-real-0009' }, { type: 'save-start', part: 'agent', message: '' });
    const refused = connectionReducer(typed, { type: 'save-refused', part: 'agent', error: { kind: 'auth', message: 'Convoso refused the API token.' } });
    expect(refused).toMatchObject({ saving: null, errors: { token: REFUSED_TOKEN }, fields: { token: 'test-token-not-real-0009' } });
    expect(refused.status.agent).toEqual({ kind: 'error', message: 'Nothing was saved: Convoso refused this token.' });
  });

  it('the saved token refused at a new address is marked at the address', () => {
    const moved = run({ type: 'edit', field: 'baseUrl', value: 'https://api.corp.example/v1' }, { type: 'save-start', part: 'api', message: '' });
    const refused = connectionReducer(moved, { type: 'save-refused', part: 'api', error: { kind: 'auth', message: 'x' } });
    expect(refused.errors.baseUrl).toMatch(/saved token at this address/);
    expect(refused.status.api).toEqual({ kind: 'error', message: 'Nothing was saved: Convoso refused the saved token at this address.' });
  });

  it('any other failure keeps the entries and says why', () => {
    const failed = run({ type: 'save-start', part: 'agent', message: '' }, { type: 'save-refused', part: 'agent', error: { kind: 'internal', message: 'The extension did not answer. Try again.' } });
    expect(failed.status.agent).toEqual({ kind: 'error', message: 'Could not save (The extension did not answer. Try again.). Your entries are still in the form.' });
  });
});
