import { hintId } from '../core/field-aria';

/** Why a control is locked when the administrator's policy turned its feature off. */
export const OFF_BY_POLICY = 'Turned off by your administrator.';

/**
 * A setting's checkbox beside its label, with its hint. Turned off by the
 * administrator's policy (`offByPolicy`), it shows off and locked, says why
 * (tied to the box for screen readers), and keeps the agent's own choice.
 */
export function PolicyToggle(props: {
  id: string;
  label: string;
  hint: string;
  checked: boolean;
  disabled: boolean;
  offByPolicy: boolean;
  onToggle: (on: boolean) => void;
}) {
  const { id, offByPolicy } = props;
  const reasonId = `${id}-policy`;
  return (
    <div class="field">
      <label class="checkbox">
        <input
          type="checkbox"
          id={id}
          checked={props.checked && !offByPolicy}
          disabled={props.disabled || offByPolicy}
          aria-describedby={offByPolicy ? `${reasonId} ${hintId(id)}` : hintId(id)}
          onChange={(e) => props.onToggle(e.currentTarget.checked)}
        />
        {props.label}
      </label>
      {offByPolicy ? (
        <p class="hint hint--locked" id={reasonId}>
          {OFF_BY_POLICY}
          {props.checked ? ' Your choice to turn it on is kept for when it is allowed again.' : ''}
        </p>
      ) : null}
      <p class="hint" id={hintId(id)}>
        {props.hint}
      </p>
    </div>
  );
}
