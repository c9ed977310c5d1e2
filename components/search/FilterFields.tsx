import type { ComponentChildren } from 'preact';
import { errorId, fieldAria } from '../core/field-aria';
import { FIELD_LABELS, PAGE_SIZES, RECIPIENT_FILTERS, STAGE_FILTERS } from '../../utils/core/api/vocabulary';
import type { DateField, FormField, SearchForm } from '../../utils/search/form-state';
import { RECIPIENT_FILTER_LABELS, STAGE_FILTER_LABELS } from '../../utils/search/filter-labels';
import type { FieldErrors } from '../../utils/search/search-state';
import { fieldId } from './field-id';

export interface FieldProps {
  form: SearchForm;
  errors: FieldErrors;
  onChange(field: FormField, value: string): void;
}

export function Field(props: { field: FormField; errors: FieldErrors; children: ComponentChildren; wide?: boolean; inline?: boolean }) {
  const error = props.errors[props.field];
  const classes = ['field', props.wide && 'field--wide', props.inline && 'field--inline', error && 'field--invalid'].filter(Boolean).join(' ');
  return (
    <div class={classes}>
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

export function TextField(props: FieldProps & { field: FormField; hint?: string; inline?: boolean }) {
  const { field, errors } = props;
  return (
    <Field field={field} errors={errors} wide={field === 'comments'} inline={props.inline}>
      <input
        {...a11y(field, errors)}
        type="text"
        inputMode={field === 'comments' ? undefined : 'numeric'}
        autocomplete="off"
        spellcheck={false}
        placeholder={props.hint}
        value={props.form[field]}
        onInput={(e) => props.onChange(field, e.currentTarget.value)}
      />
    </Field>
  );
}

function DateInput(props: FieldProps & { field: DateField }) {
  return (
    <Field field={props.field} errors={props.errors}>
      <input {...a11y(props.field, props.errors)} type="date" value={props.form[props.field]} onInput={(e) => props.onChange(props.field, e.currentTarget.value)} />
    </Field>
  );
}

/** A vocabulary select; a deep link may carry a value we don't know: it is shown so its error makes sense. */
function Choice(props: FieldProps & { field: 'stage' | 'recipient'; anyLabel: string; values: readonly string[]; labels: Readonly<Record<string, string>> }) {
  const value = props.form[props.field];
  const options = value && !props.values.includes(value) ? [...props.values, value] : props.values;
  return (
    <Field field={props.field} errors={props.errors}>
      <select {...a11y(props.field, props.errors)} value={value} onChange={(e) => props.onChange(props.field, e.currentTarget.value)}>
        <option value="">{props.anyLabel}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {props.labels[o] ?? o}
          </option>
        ))}
      </select>
    </Field>
  );
}

function PageSize(props: FieldProps & { defaultPageSize: number }) {
  const { form } = props;
  const sizes: string[] = [...new Set([...PAGE_SIZES, props.defaultPageSize].map(String))];
  if (form.limit && !sizes.includes(form.limit)) sizes.push(form.limit);
  sizes.sort((a, b) => Number(a) - Number(b));
  return (
    <Field field="limit" errors={props.errors}>
      <select {...a11y('limit', props.errors)} value={form.limit || String(props.defaultPageSize)} onChange={(e) => props.onChange('limit', e.currentTarget.value)}>
        {sizes.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** Every filter but the Lead ID (typed in the search row), and the page size. */
export function FilterFields(props: FieldProps & { defaultPageSize: number }) {
  return (
    <div class="field-grid">
      <TextField {...props} field="user_id" />
      <TextField {...props} field="campaign_id" />
      <Choice {...props} field="stage" anyLabel="Any stage" values={STAGE_FILTERS} labels={STAGE_FILTER_LABELS} />
      <Choice {...props} field="recipient" anyLabel="Any recipient" values={RECIPIENT_FILTERS} labels={RECIPIENT_FILTER_LABELS} />
      <DateInput {...props} field="start_date" />
      <DateInput {...props} field="end_date" />
      <TextField {...props} field="list_id" />
      <TextField {...props} field="id" />
      <TextField {...props} field="account_id" />
      <PageSize {...props} />
      <TextField {...props} field="comments" hint="Part of a comment" />
    </div>
  );
}
