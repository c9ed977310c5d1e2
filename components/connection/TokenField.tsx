import { Field, inputValue } from '../core/Field';
import type { Connection } from './use-connection';

/** The API token: typed hidden, shown on request; empty keeps the saved one. */
export function TokenField(props: { connection: Connection }) {
  const { state, dispatch } = props.connection;
  const { saved, showToken, fields } = state;
  const hint = saved?.hasToken
    ? `The saved token is kept ${saved.where === 'session' ? 'until the browser closes' : 'on this device'}. Leave this empty to keep it, or enter a new one to replace it.`
    : 'Your Convoso API token, as your administrator gave it to you.';
  return (
    <Field id="token" label="API token" hint={hint} error={state.errors.token}>
      {(aria) => (
        <div class="with-button">
          {/* One element either way, so focus and the typed text stay put. */}
          <input
            {...aria}
            {...(showToken ? { type: 'text' as const } : { type: 'password' as const })}
            autoComplete="off"
            spellcheck={false}
            value={fields.token}
            onInput={(e) => dispatch({ type: 'edit', field: 'token', value: inputValue(e) })}
          />
          {/* Nothing to show on an empty field. */}
          <button type="button" class="secondary" aria-pressed={showToken} disabled={fields.token === ''} onClick={() => dispatch({ type: 'toggle-token' })}>
            {showToken ? 'Hide token' : 'Show token'}
          </button>
        </div>
      )}
    </Field>
  );
}
