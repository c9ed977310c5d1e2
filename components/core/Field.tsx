import type { ComponentChildren } from 'preact';
import { errorId, fieldAria, hintId, type FieldAria } from './field-aria';

/** A label, the control, a hint and the inline error under it. */
export function Field(props: {
  id: string;
  label: string;
  hint?: ComponentChildren;
  error?: string;
  locked?: string;
  children: (aria: FieldAria) => ComponentChildren;
}) {
  const hint = props.locked ?? props.hint;
  return (
    <div class={`field${props.error ? ' field--invalid' : ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.children(fieldAria(props.id, props.error, Boolean(hint)))}
      {hint ? (
        <p class={`hint${props.locked ? ' hint--locked' : ''}`} id={hintId(props.id)}>
          {hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="error" id={errorId(props.id)}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

export function inputValue(event: Event): string {
  return (event.currentTarget as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement).value;
}

/**
 * What just happened, announced politely. The live region stays in the page
 * (empty when idle) so screen readers pick up each change.
 */
export function StatusLine(props: { status: Status; id?: string }) {
  return (
    <p id={props.id} class={`status${props.status ? ` status--${props.status.kind}` : ''}`} role="status">
      {props.status?.message ?? ''}
    </p>
  );
}

export type Status = { kind: 'ok' | 'error' | 'busy'; message: string } | null;
