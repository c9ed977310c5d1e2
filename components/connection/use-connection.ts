import { useEffect, useReducer, useRef } from 'preact/hooks';
import { watchConnection } from '../../utils/connection/account';
import type { saveConnection, testConnection } from '../../utils/connection/connection-messages';
import type { ConnectionPolicy } from '../../utils/connection/connection-policy';
import { forgetToken } from '../../utils/connection/read-connection';
import { readConnectionForm } from '../../utils/connection/write-connection';
import { send } from '../../utils/core/messaging/send';
import { connectionReducer, initialState, REFUSED_TOKEN, type ConnectionState, type Errors, type FieldName, type Fields, type Part } from './connection-state';
import { askForHost, hostOf, useManagedHost } from './managed-host';
import { firstError, shownFields, validateConnection } from './validate-connection';

/** Each field's element id: also the options page's deep links (#token, #user-id, #time-zone, #api-address). */
const FIELD_IDS: Record<FieldName, string> = { token: 'token', userId: 'user-id', timeZone: 'time-zone', baseUrl: 'api-address' };

function focusFirst(errors: Errors): boolean {
  const first = firstError(errors);
  if (first) document.getElementById(FIELD_IDS[first])?.focus();
  return first !== undefined;
}

/** The options' connection: state, what the cards show, and what their buttons do. */
export function useConnection(policy: ConnectionPolicy) {
  const [state, dispatch] = useReducer(connectionReducer, undefined, initialState);
  // The latest state for the commands, and guards a second click before the re-render must not pass.
  const current = useRef<ConnectionState>(state);
  current.current = state;
  const running = useRef({ save: false, test: false });
  const managedHost = useManagedHost(policy, dispatch);

  // Reads may overlap (a save, the storage watch): only the latest one is shown.
  const reads = useRef(0);
  const read = async () => {
    const n = ++reads.current;
    const saved = await readConnectionForm();
    if (n === reads.current) dispatch({ type: 'read', saved });
  };
  useEffect(() => {
    void read();
    // Changed elsewhere too: another options tab, the session ending, the background applying the policy.
    return watchConnection(() => void read(), 'agent');
  }, []);

  /**
   * Either card's Save: it saves every change made on this page to the
   * connection (what was not changed is not sent), and reports on its own card.
   */
  async function save(part: Part) {
    if (running.current.save) return;
    const { fields, edited, saved } = current.current;
    const checked = validateConnection(fields, policy, 'save');
    if (focusFirst(checked.errors)) {
      dispatch({ type: 'invalid', part, errors: checked.errors, message: 'Nothing was saved: correct the marked fields.' });
      return;
    }
    const changed = (name: keyof Fields) => edited.has(name) && !(name in policy && policy[name as keyof ConnectionPolicy] !== undefined);
    running.current.save = true;
    const checking = checked.token !== undefined || (saved?.hasToken === true && (changed('baseUrl') || changed('method')));
    dispatch({ type: 'save-start', part, message: checking ? 'Saving: Convoso is checking the token… Closing this page does not stop the save.' : 'Saving…' });
    try {
      // A managed address is the policy's to save; its access is granted with the button beside it.
      if (changed('baseUrl') && !(await askForHost(checked.baseUrl))) {
        const errors = { baseUrl: `The browser did not grant access to ${hostOf(checked.baseUrl)}, so nothing was saved.` };
        dispatch({ type: 'save-stop', part, errors, status: { kind: 'error', message: 'Nothing was saved: access to the API address was not granted.' } });
        focusFirst(errors);
        return;
      }
      const reply = await send<typeof saveConnection>({
        type: 'save-connection',
        ...(checked.token !== undefined && { token: checked.token }),
        ...(changed('where') && { where: fields.where }),
        ...(changed('userId') && { userId: checked.userId }),
        ...(changed('timeZone') && { timeZone: checked.timeZone }),
        ...(changed('baseUrl') && { baseUrl: checked.baseUrl }),
        ...(changed('method') && { method: fields.method }),
      });
      if (reply.ok) {
        dispatch({ type: 'saved', part, check: reply.check });
        // The saved token's hint; not awaited: the next Save must not wait on it.
        void read();
      } else {
        dispatch({ type: 'save-refused', part, error: reply.error });
        if (reply.error.kind === 'auth') focusFirst(checked.token ? { token: REFUSED_TOKEN } : { baseUrl: REFUSED_TOKEN });
      }
    } finally {
      running.current.save = false;
    }
  }

  async function test() {
    if (running.current.test) return;
    const checked = validateConnection(current.current.fields, policy, 'test');
    if (focusFirst(checked.errors)) {
      dispatch({ type: 'invalid', part: 'test', errors: checked.errors, message: 'Correct the marked fields to test them.' });
      return;
    }
    running.current.test = true;
    dispatch({ type: 'test-start' });
    try {
      if (!(await askForHost(checked.baseUrl))) {
        dispatch({ type: 'test-stop', status: { kind: 'error', message: `The browser did not grant access to ${hostOf(checked.baseUrl)}.` } });
        return;
      }
      if (policy.baseUrl) managedHost.setGranted(true);
      const method = shownFields(current.current.fields, policy).method;
      const reply = await send<typeof testConnection>({ type: 'test-connection', token: checked.token, baseUrl: checked.baseUrl, method });
      if (reply.ok) {
        const count = `${reply.totalAtLeast ? 'at least ' : ''}${reply.total.toLocaleString('en-US')} ${reply.total === 1 ? 'callback' : 'callbacks'}`;
        dispatch({ type: 'test-stop', status: { kind: 'ok', message: `Connected. The account has ${count}.` } });
        return;
      }
      // A refused token (403, 5001, "Invalid token", "Insufficient permissions") is the token field's problem.
      const errors = reply.error.kind === 'auth' ? { token: REFUSED_TOKEN } : undefined;
      dispatch({ type: 'test-stop', status: { kind: 'error', message: reply.error.message }, errors });
      if (errors) focusFirst(errors);
    } finally {
      running.current.test = false;
    }
  }

  async function forget() {
    await forgetToken();
    await read();
    dispatch({ type: 'forgotten' });
    // The Forget button is now disabled and would drop the keyboard focus; the next step is a new token.
    document.getElementById(FIELD_IDS.token)?.focus();
  }

  return { state, dispatch, shown: shownFields(state.fields, policy), managedHostGranted: managedHost.granted, save, test, forget, grantManagedHost: managedHost.grant };
}

export type Connection = ReturnType<typeof useConnection>;
