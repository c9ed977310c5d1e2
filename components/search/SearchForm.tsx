import { useEffect, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { errorId, fieldAria } from '../core/field-aria';
import { FIELD_LABELS, PAGE_SIZES, RECIPIENT_FILTERS, STAGE_FILTERS } from '../../utils/core/api/vocabulary';
import { MORE_FILTERS, hasMoreFilters, type DateField, type FormField, type SearchForm } from '../../utils/search/form-state';
import { RECIPIENT_FILTER_LABELS, STAGE_FILTER_LABELS } from '../../utils/search/filter-labels';
import { PRESET_LABELS, availablePresets, presetHint, type Preset } from '../../utils/search/presets';

export type FieldErrors = Partial<Record<FormField, string>>;

export interface SearchFormProps {
  form: SearchForm;
  errors: FieldErrors;
  /** The saved page size, used when the form has not chosen one. */
  defaultPageSize: number;
  busy: boolean;
  /** The agent's own user ID from the options; "Mine" is offered only when there is one. */
  userId: string;
  onChange(field: FormField, value: string): void;
  onSubmit(): void;
  onClear(): void;
  /** A quick filter: fills its fields and searches. */
  onPreset(preset: Preset): void;
  /** Only in the popup: the same search as a full page. */
  onOpenInTab?: () => void;
}

export const fieldId = (field: FormField) => `search-${field}`;

function Field(props: { field: FormField; errors: FieldErrors; children: ComponentChildren; wide?: boolean }) {
  const error = props.errors[props.field];
  return (
    <div class={`field${props.wide ? ' field--wide' : ''}${error ? ' field--invalid' : ''}`}>
      <label for={fieldId(props.field)}>{FIELD_LABELS[props.field]}</label>
      {props.children}
      {error && (
        <p class="field-error" id={errorId(fieldId(props.field))}>
          {error}
        </p>
      )}
    </div>
  );
}

/** Attributes that tie a control to its inline error; `name` keeps the API's name for the filter. */
const a11y = (field: FormField, errors: FieldErrors) => ({ ...fieldAria(fieldId(field), errors[field]), name: field });

export function SearchFormView(props: SearchFormProps) {
  const { form, errors } = props;
  const moreHasError = MORE_FILTERS.some((f) => errors[f]);
  const moreHasValue = hasMoreFilters(form);
  const [moreOpen, setMoreOpen] = useState(moreHasValue);
  // Opens when a value arrives (restore, deep link) or a problem is reported
  // there; the user may still close it afterwards.
  useEffect(() => {
    if (moreHasValue || moreHasError) setMoreOpen(true);
  }, [moreHasValue, moreHasError, errors]);

  const text = (field: FormField, hint?: string) => (
    <Field field={field} errors={errors} wide={field === 'comments'}>
      <input
        {...a11y(field, errors)}
        type="text"
        inputMode={field === 'comments' ? undefined : 'numeric'}
        autocomplete="off"
        spellcheck={false}
        placeholder={hint}
        value={form[field]}
        onInput={(e) => props.onChange(field, e.currentTarget.value)}
      />
    </Field>
  );

  const date = (field: DateField) => (
    <Field field={field} errors={errors}>
      <input
        {...a11y(field, errors)}
        type="date"
        value={form[field]}
        onInput={(e) => props.onChange(field, e.currentTarget.value)}
      />
    </Field>
  );

  /** A vocabulary select; a deep link may carry a value we don't know: it is shown so its error makes sense. */
  const choice = (field: 'stage' | 'recipient', anyLabel: string, values: readonly string[], labels: Readonly<Record<string, string>>) => {
    const options = form[field] && !values.includes(form[field]) ? [...values, form[field]] : values;
    return (
      <Field field={field} errors={errors}>
        <select {...a11y(field, errors)} value={form[field]} onChange={(e) => props.onChange(field, e.currentTarget.value)}>
          <option value="">{anyLabel}</option>
          {options.map((o) => (
            <option key={o} value={o}>
              {labels[o] ?? o}
            </option>
          ))}
        </select>
      </Field>
    );
  };

  const sizes: string[] = [...new Set([...PAGE_SIZES, props.defaultPageSize].map(String))];
  if (form.limit && !sizes.includes(form.limit)) sizes.push(form.limit);
  sizes.sort((a, b) => Number(a) - Number(b));

  return (
    <form
      class="search-form"
      role="search"
      aria-label="Search callbacks"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <div class="field-grid">
        {text('lead_id', 'e.g. 424242')}
        {text('user_id')}
        {text('campaign_id')}
        {choice('stage', 'Any stage', STAGE_FILTERS, STAGE_FILTER_LABELS)}
        {choice('recipient', 'Any recipient', RECIPIENT_FILTERS, RECIPIENT_FILTER_LABELS)}
        {date('start_date')}
        {date('end_date')}
        <Field field="limit" errors={errors}>
          <select
            {...a11y('limit', errors)}
            value={form.limit || String(props.defaultPageSize)}
            onChange={(e) => props.onChange('limit', e.currentTarget.value)}
          >
            {sizes.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </Field>
      </div>

      <details class="more-filters" open={moreOpen} onToggle={(e) => setMoreOpen(e.currentTarget.open)}>
        <summary>More filters</summary>
        <div class="field-grid">
          {text('comments', 'Part of a comment')}
          {text('account_id')}
          {text('id')}
          {text('list_id')}
        </div>
      </details>

      <div class="form-actions">
        <button type="submit" class="primary" aria-busy={props.busy ? 'true' : undefined}>
          Search
        </button>
        <button type="button" onClick={props.onClear}>
          Clear
        </button>
        <div class="quick-filters" role="group" aria-labelledby="quick-filters-label">
          <span id="quick-filters-label" class="quick-filters-label">
            Quick filters
          </span>
          {/* The title is also the button's accessible description. */}
          {availablePresets(props.userId).map((preset) => (
            <button key={preset} type="button" title={presetHint(preset, props.userId)} onClick={() => props.onPreset(preset)}>
              {PRESET_LABELS[preset]}
            </button>
          ))}
        </div>
        {props.onOpenInTab && (
          <button type="button" class="link-button" onClick={props.onOpenInTab}>
            Open in tab
          </button>
        )}
      </div>
    </form>
  );
}
