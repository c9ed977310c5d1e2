import { useMemo } from 'preact/hooks';
import { browserTimeZone, timeZoneNames } from '../../utils/core/time/time-zone';
import { Field, inputValue } from '../core/Field';
import type { Connection } from './use-connection';

/** The account's zone: empty means "not set", and the field says which zone is used then. */
export function TimeZoneField(props: { connection: Connection; locked?: string }) {
  const { state, dispatch, shown } = props.connection;
  // Built once: about 400 names, the same for the page's life.
  const zoneNames = useMemo(() => timeZoneNames(), []);
  const notSet = !props.locked && shown.timeZone.trim() === '';
  return (
    <Field
      id="time-zone"
      label="Account time zone"
      hint={
        <>
          The time zone your Convoso account writes callback times in; “in 2 h” and “overdue” are counted on its clock. Convoso’s default
          is Pacific time (America/Los_Angeles); your Convoso administrator can see the account’s zone in Convoso’s account settings.
          Type to search, e.g. “New_York”.
        </>
      }
      locked={props.locked}
      error={state.errors.timeZone}
    >
      {(aria) => (
        <>
          <input
            {...aria}
            aria-describedby={[aria['aria-describedby'], notSet ? 'time-zone-unset' : ''].filter(Boolean).join(' ') || undefined}
            list="time-zone-names"
            autoComplete="off"
            spellcheck={false}
            placeholder="Not set"
            value={shown.timeZone}
            disabled={props.locked !== undefined}
            onInput={(e) => dispatch({ type: 'edit', field: 'timeZone', value: inputValue(e) })}
          />
          {notSet ? (
            <p class="field-state" id="time-zone-unset">
              Not set: using this browser’s zone, {browserTimeZone()}.
            </p>
          ) : null}
          <datalist id="time-zone-names">
            {zoneNames.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </>
      )}
    </Field>
  );
}
