// One id scheme for every labelled control with a hint or an inline error
// (the search form, the options page): `<id>-hint`, `<id>-error`.

export const hintId = (id: string) => `${id}-hint`;
export const errorId = (id: string) => `${id}-error`;

/** The attributes that tie a control to its hint and inline error, for screen readers. */
export interface FieldAria {
  id: string;
  'aria-invalid': 'true' | undefined;
  'aria-describedby': string | undefined;
}

export function fieldAria(id: string, error?: string, hasHint = false): FieldAria {
  const described = [hasHint ? hintId(id) : '', error ? errorId(id) : ''].filter(Boolean).join(' ');
  return { id, 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': described || undefined };
}
