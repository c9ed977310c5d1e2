import type { ConnectionPolicy } from '../../utils/connection/connection-policy';
import type { RequestMethod } from '../../utils/connection/schemas';
import { Field, inputValue, StatusLine } from '../core/Field';
import type { Connection } from './use-connection';

/** Where and how the extension calls Convoso: the administrator's part of the connection. */
export function ApiCard(props: { connection: Connection; policy: ConnectionPolicy }) {
  const { connection, policy } = props;
  const { state, dispatch, shown } = connection;
  const locked = policy.baseUrl !== undefined && policy.method !== undefined;
  return (
    <form class="card" onSubmit={(e) => (e.preventDefault(), void connection.save('api'))} noValidate aria-labelledby="api-title">
      <h3 id="api-title">API</h3>
      <Field
        id="api-address"
        label="API base URL"
        hint="https://api.convoso.com/v1 unless Convoso gave you another. Another host needs your permission; plain http only for localhost."
        locked={policy.baseUrl ? 'Set by your administrator.' : undefined}
        error={state.errors.baseUrl}
      >
        {(aria) => (
          <input
            {...aria}
            type="url"
            inputMode="url"
            spellcheck={false}
            value={shown.baseUrl}
            disabled={policy.baseUrl !== undefined}
            onInput={(e) => dispatch({ type: 'edit', field: 'baseUrl', value: inputValue(e) })}
          />
        )}
      </Field>
      {policy.baseUrl && connection.managedHostGranted === false ? (
        <div class="with-button grant-host">
          <p class="error" id="managed-host-access">
            The browser has not granted access to {new URL(policy.baseUrl).host} yet, so the extension cannot reach the API.
          </p>
          <button type="button" class="secondary" aria-describedby="managed-host-access" onClick={() => void connection.grantManagedHost()}>
            Grant access
          </button>
        </div>
      ) : null}
      <Field id="method" label="Request method" hint="POST keeps the token out of addresses and server logs." locked={policy.method ? 'Set by your administrator.' : undefined}>
        {(aria) => (
          <select {...aria} value={shown.method} disabled={policy.method !== undefined} onChange={(e) => dispatch({ type: 'edit', field: 'method', value: inputValue(e) as RequestMethod })}>
            <option value="GET">GET</option>
            <option value="POST">POST</option>
          </select>
        )}
      </Field>
      {locked ? null : (
        <div class="actions">
          <button type="submit" aria-disabled={state.saving !== null}>
            Save API settings
          </button>
        </div>
      )}
      <StatusLine status={state.status.api} id="api-status" />
    </form>
  );
}
