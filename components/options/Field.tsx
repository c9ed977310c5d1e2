import type { ComponentChildren } from 'preact';

/** The attributes that tie a control to its hint and inline error, for screen readers. */
export interface FieldAria {
  id: string;
  'aria-invalid': 'true' | undefined;
  'aria-describedby': string | undefined;
}

export function fieldAria(id: string, error?: string, hint?: string): FieldAria {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { id, 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': described || undefined };
}

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
      {props.children(fieldAria(props.id, props.error, hint ? 'hint' : undefined))}
      {hint ? (
        <p class={`hint${props.locked ? ' hint--locked' : ''}`} id={`${props.id}-hint`}>
          {hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="error" id={`${props.id}-error`}>
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
