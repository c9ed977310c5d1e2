import type { ConnectionPolicy } from '../../utils/connection/connection-policy';
import type { TokenStorage } from '../../utils/connection/schemas';
import { Field, inputValue, StatusLine } from '../core/Field';
import { TimeZoneField } from './TimeZoneField';
import { TokenField } from './TokenField';
import type { Connection } from './use-connection';

const WHERE: Array<{ value: TokenStorage; label: string; sentence: string }> = [
  { value: 'local', label: 'On this device', sentence: 'Kept in this browser profile until you forget it, so you enter it once.' },
  { value: 'session', label: 'Only until the browser closes', sentence: 'Kept in memory only; you enter it again after restarting the browser.' },
];

function StoredProblems(props: { problems: readonly string[] }) {
  if (props.problems.length === 0) return null;
  return (
    <div class="notice notice--inline" role="alert" id="stored-problems">
      <p>Some saved settings could not be read, so defaults are shown instead:</p>
      <ul>
        {props.problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      <p>They are kept as they are until you press Save, which stores the values shown here instead.</p>
    </div>
  );
}

/** The agent's own connection: the token, where it is kept, their user ID and the account's zone. */
export function ConnectionCard(props: { connection: Connection; policy: ConnectionPolicy }) {
  const { connection, policy } = props;
  const { state, dispatch } = connection;
  const { saved } = state;
  return (
    <form class="card" onSubmit={(e) => (e.preventDefault(), void connection.save('agent'))} noValidate aria-labelledby="connection-title">
      <h2 id="connection-title">Your Convoso connection</h2>
      <StoredProblems problems={saved?.problems ?? []} />
      <p class="token-state" id="token-state">
        {saved ? (saved.hasToken ? `Token saved: ${saved.hint}` : 'No token saved') : ''}
      </p>
      <TokenField connection={connection} />
      <fieldset class="choices">
        <legend>Where the token is kept</legend>
        {WHERE.map((w) => (
          <div class="choice" key={w.value}>
            <input
              type="radio"
              id={`where-${w.value}`}
              name="where"
              value={w.value}
              checked={state.fields.where === w.value}
              aria-describedby={`where-${w.value}-hint`}
              onChange={() => dispatch({ type: 'edit', field: 'where', value: w.value })}
            />
            <label for={`where-${w.value}`}>{w.label}</label>
            <p class="hint" id={`where-${w.value}-hint`}>
              {w.sentence}
            </p>
          </div>
        ))}
      </fieldset>
      <Field id="user-id" label="Convoso user ID" hint="Your own agent user ID, for “my callbacks”, the toolbar count and reminders. Optional." error={state.errors.userId}>
        {(aria) => (
          <input {...aria} inputMode="numeric" autoComplete="off" value={state.fields.userId} onInput={(e) => dispatch({ type: 'edit', field: 'userId', value: inputValue(e) })} />
        )}
      </Field>
      <TimeZoneField connection={connection} locked={policy.timeZone ? `Set by your administrator: ${policy.timeZone}.` : undefined} />
      <div class="actions">
        {/* aria-disabled, not disabled: a disabled button drops the keyboard focus. */}
        <button type="submit" aria-disabled={state.saving !== null}>
          Save
        </button>
        <button type="button" class="secondary" aria-disabled={state.testing} onClick={() => void connection.test()}>
          Test connection
        </button>
        <button type="button" class="secondary danger" disabled={!saved?.hasToken} onClick={() => void connection.forget()}>
          Forget token
        </button>
      </div>
      <StatusLine status={state.status.agent} id="connection-status" />
      <StatusLine status={state.status.test} id="test-status" />
    </form>
  );
}
