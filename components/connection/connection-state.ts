import type { ServiceError } from '../../utils/core/messaging/replies';
import type { TokenCheck } from '../../utils/connection/connection-messages';
import type { ConnectionFormState } from '../../utils/connection/write-connection';
import { DEFAULT_BASE_URL, type RequestMethod, type TokenStorage } from '../../utils/connection/schemas';
import type { Status } from '../core/Field';

// The connection forms as one explicit state machine: every change is an action,
// and what the page shows follows from the state alone. The agent's card (token,
// where it is kept, user ID, account zone) and the administrator's API card
// (address, method) share it: either card's Save saves every change made to the
// connection, and reports on its own card.

export interface Fields {
  token: string;
  where: TokenStorage;
  baseUrl: string;
  method: RequestMethod;
  userId: string;
  /** '' follows the browser's zone. */
  timeZone: string;
}
export type FieldName = 'token' | 'baseUrl' | 'userId' | 'timeZone';
export type Errors = Partial<Record<FieldName, string>>;
/** Which card a save belongs to. */
export type Part = 'agent' | 'api';

export interface ConnectionState {
  fields: Fields;
  /** Fields changed since the saved values were read: a read (first, or after another tab's change) leaves them. */
  edited: ReadonlySet<keyof Fields>;
  /** What is saved; null until first read. */
  saved: Pick<ConnectionFormState, 'hasToken' | 'hint' | 'where' | 'userId' | 'problems'> | null;
  errors: Errors;
  showToken: boolean;
  /** The save running, if any: one at a time for the whole connection. */
  saving: Part | null;
  testing: boolean;
  status: Record<Part | 'test', Status>;
}

export type ConnectionAction =
  | { type: 'read'; saved: ConnectionFormState }
  | { type: 'edit'; field: keyof Fields; value: string }
  | { type: 'toggle-token' }
  | { type: 'invalid'; part: Part | 'test'; errors: Errors; message: string }
  | { type: 'save-start'; part: Part; message: string }
  | { type: 'save-stop'; part: Part; status: Status; errors?: Errors }
  | { type: 'saved'; part: Part; check: TokenCheck }
  | { type: 'save-refused'; part: Part; error: ServiceError }
  | { type: 'test-start' }
  | { type: 'test-stop'; status: Status; errors?: Errors }
  | { type: 'forgotten' }
  | { type: 'status'; part: Part; status: Status };

export function initialState(): ConnectionState {
  return {
    fields: { token: '', where: 'local', baseUrl: DEFAULT_BASE_URL, method: 'GET', userId: '', timeZone: '' },
    edited: new Set(),
    saved: null,
    errors: {},
    showToken: false,
    saving: null,
    testing: false,
    status: { agent: null, api: null, test: null },
  };
}

export const REFUSED_TOKEN = 'Convoso did not accept this token. Check it, or ask your administrator for one that may search callbacks.';

function checkSentence(check: TokenCheck): string {
  return check.kind === 'unchecked' ? `Saved, but the token could not be checked: ${check.message}` : 'Saved.';
}

function refusal(state: ConnectionState, part: Part, error: ServiceError): ConnectionState {
  if (error.kind !== 'auth') {
    return { ...state, saving: null, status: { ...state.status, [part]: { kind: 'error', message: `Could not save (${error.message}). Your entries are still in the form.` } } };
  }
  // A refused token: marked where it was typed, or at the address it was refused at.
  const typed = state.fields.token.trim() !== '';
  const errors: Errors = typed ? { token: REFUSED_TOKEN } : { baseUrl: 'Convoso did not accept the saved token at this address. Check the address, or enter the token again.' };
  const message = typed ? 'Nothing was saved: Convoso refused this token.' : 'Nothing was saved: Convoso refused the saved token at this address.';
  return { ...state, saving: null, errors, status: { ...state.status, [part]: { kind: 'error', message } } };
}

/** The fields as the form shows them once saved. */
function afterSave(fields: Fields): Fields {
  return { ...fields, token: '', userId: fields.userId.trim(), timeZone: fields.timeZone.trim(), baseUrl: fields.baseUrl.trim().replace(/\/+$/, '') };
}

export function connectionReducer(state: ConnectionState, action: ConnectionAction): ConnectionState {
  switch (action.type) {
    case 'read': {
      const { saved } = action;
      const fields = { ...state.fields };
      for (const name of ['where', 'baseUrl', 'method', 'userId', 'timeZone'] as const) {
        if (!state.edited.has(name)) (fields as Record<string, string>)[name] = saved[name];
      }
      return { ...state, fields, saved: { hasToken: saved.hasToken, hint: saved.hint, where: saved.where, userId: saved.userId, problems: saved.problems } };
    }
    case 'edit': {
      const fields = { ...state.fields, [action.field]: action.value };
      // Show token means nothing on an empty field: it is off once the field is.
      const showToken = action.field === 'token' && action.value === '' ? false : state.showToken;
      return { ...state, fields, showToken, edited: new Set(state.edited).add(action.field) };
    }
    case 'toggle-token':
      return { ...state, showToken: state.fields.token !== '' && !state.showToken };
    case 'invalid':
      return { ...state, errors: action.errors, status: { ...state.status, [action.part]: { kind: 'error', message: action.message } } };
    case 'save-start':
      return { ...state, saving: action.part, errors: {}, status: { ...state.status, [action.part]: { kind: 'busy', message: action.message } } };
    case 'save-stop':
      return { ...state, saving: null, errors: action.errors ?? state.errors, status: { ...state.status, [action.part]: action.status } };
    case 'saved': {
      // Every change was saved, whichever card's Save it was.
      const status: Status = { kind: 'ok', message: checkSentence(action.check) };
      return { ...state, fields: afterSave(state.fields), edited: new Set(), showToken: false, saving: null, errors: {}, status: { ...state.status, [action.part]: status } };
    }
    case 'save-refused':
      return refusal(state, action.part, action.error);
    case 'test-start':
      return { ...state, testing: true, status: { ...state.status, test: { kind: 'busy', message: 'Testing the connection…' } } };
    case 'test-stop':
      return { ...state, testing: false, errors: action.errors ?? state.errors, status: { ...state.status, test: action.status } };
    case 'forgotten':
      return { ...state, fields: { ...state.fields, token: '' }, showToken: false, status: { ...state.status, agent: { kind: 'ok', message: 'The token was forgotten.' }, test: null } };
    case 'status':
      return { ...state, status: { ...state.status, [action.part]: action.status } };
  }
}
