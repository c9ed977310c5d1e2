import { useEffect, useRef, useState } from 'preact/hooks';
import type { FilterField } from '../../utils/core/api/vocabulary';
import { chipFields, filterText } from '../../utils/search/filter-labels';
import type { FormField, SearchForm } from '../../utils/search/form-state';
import { PRESET_LABELS, availablePresets, presetHint, type Preset } from '../../utils/search/presets';
import type { FieldErrors } from '../../utils/search/search-state';
import { fieldId } from './field-id';
import { FilterFields, TextField } from './FilterFields';

export interface SearchBarProps {
  layout: 'popup' | 'tab';
  form: SearchForm;
  errors: FieldErrors;
  /** The saved page size, used when the form has not chosen one. */
  defaultPageSize: number;
  busy: boolean;
  /** The agent's own user ID from the options; "Due" and "Mine" are offered only with one. */
  userId: string;
  /** Counts asks for a date range (an order that covers a page offers one): the filters open on the start date. */
  filtersWanted: number;
  onChange(field: FormField, value: string): void;
  onSubmit(): void;
  onClear(): void;
  onPreset(preset: Preset): void;
  onRemove(field: FilterField): void;
}

/** The filters in force, where the agent types: one removable chip each. */
function FilterChips(props: { form: SearchForm; onRemove(field: FilterField): void }) {
  const fields = chipFields(props.form);
  if (fields.length === 0) return null;
  return (
    <div class="chips">
      <span id="chips-label" class="chips-label">
        Filtered by
      </span>
      <ul aria-labelledby="chips-label">
        {fields.map((field) => {
          const text = filterText(props.form, field);
          return (
            <li key={field} class="chip">
              <bdi>{text}</bdi>
              <button type="button" class="chip-remove" aria-label={`Remove ${text}`} title={`Remove ${text}`} onClick={() => props.onRemove(field)}>
                ×
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function QuickFilters(props: { userId: string; onPreset(preset: Preset): void }) {
  return (
    <div class="quick-filters" role="group" aria-labelledby="quick-filters-label">
      <span id="quick-filters-label" class="quick-filters-label">
        Quick filters
      </span>
      {/* The title is also the button's accessible description. */}
      {availablePresets(props.userId).map((preset) => (
        <button key={preset} type="button" class="chip-button" title={presetHint(preset, props.userId)} onClick={() => props.onPreset(preset)}>
          {PRESET_LABELS[preset]}
        </button>
      ))}
    </div>
  );
}

/**
 * The popup's first question is a lead: the Lead ID and Search come first, the
 * other filters fold under "Filters" (open in the tab), and what is in force
 * shows as chips beside them either way.
 */
export function SearchBar(props: SearchBarProps) {
  const { form, errors } = props;
  const hasError = Object.keys(errors).some((f) => f !== 'lead_id');
  const [open, setOpen] = useState(props.layout === 'tab');
  // A problem in a folded field, or a date range asked for, opens the filters; the agent may close them again.
  useEffect(() => {
    if (hasError) setOpen(true);
  }, [errors]);
  // Asked for a date range: the filters open, then the start date takes focus (a hidden field cannot).
  const wantsDates = useRef(false);
  useEffect(() => {
    if (props.filtersWanted === 0) return;
    wantsDates.current = true;
    setOpen(true);
  }, [props.filtersWanted]);
  useEffect(() => {
    if (!open || !wantsDates.current) return;
    wantsDates.current = false;
    document.getElementById(fieldId('start_date'))?.focus();
  }, [open, props.filtersWanted]);
  const count = chipFields(form).length;
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
      <div class="search-row">
        <TextField form={form} errors={errors} onChange={props.onChange} field="lead_id" hint="e.g. 424242" inline />
        <button type="submit" class="primary" aria-busy={props.busy ? 'true' : undefined}>
          Search
        </button>
        <button type="button" onClick={props.onClear}>
          Clear
        </button>
        {/* Last in the row: the filters it opens come next, for the keyboard too. */}
        <button type="button" aria-expanded={open ? 'true' : 'false'} aria-controls="search-filters" onClick={() => setOpen(!open)}>
          Filters{count > 0 ? ` (${count})` : ''}
        </button>
      </div>
      <div id="search-filters" class="filters-panel" hidden={!open}>
        <FilterFields form={form} errors={errors} onChange={props.onChange} defaultPageSize={props.defaultPageSize} />
      </div>
      <div class="filter-line">
        <QuickFilters userId={props.userId} onPreset={props.onPreset} />
        <FilterChips form={form} onRemove={props.onRemove} />
      </div>
    </form>
  );
}
