import { FIELD_LABELS, FILTER_FIELDS, type FilterField, type RecipientFilter, type StageFilter } from '../core/api/vocabulary';
import type { SearchForm } from './form-state';

/** How the stage filter values read in a select and in sentences. */
export const STAGE_FILTER_LABELS: Readonly<Record<StageFilter, string>> = {
  PENDING: 'Pending',
  PASTDUE: 'Past due',
  COMPLETED: 'Completed',
  DISMISSED: 'Dismissed',
  MISSED: 'Missed',
};

export const RECIPIENT_FILTER_LABELS: Readonly<Record<RecipientFilter, string>> = {
  System: 'System',
  Personal: 'Personal',
};

const valueLabel = (field: keyof SearchForm, value: string): string => {
  if (field === 'stage') return STAGE_FILTER_LABELS[value as StageFilter] ?? value;
  if (field === 'recipient') return RECIPIENT_FILTER_LABELS[value as RecipientFilter] ?? value;
  if (field === 'comments') return `“${value}”`;
  return value;
};

/** The filters in use, as "Lead ID 424242", in form order; for "nothing matched …". */
export function filtersUsed(form: SearchForm): string[] {
  return FILTER_FIELDS.filter((f) => form[f].trim() !== '').map((f) => filterText(form, f));
}

/** "Stage Past due": one filter as its chip and sentences read it. */
export const filterText = (form: SearchForm, field: FilterField): string => `${FIELD_LABELS[field]} ${valueLabel(field, form[field].trim())}`;

/** The filters in force beside the Lead ID the agent types: one chip each (the Lead ID shows in its own field). */
export function chipFields(form: SearchForm): FilterField[] {
  return FILTER_FIELDS.filter((f) => f !== 'lead_id' && form[f].trim() !== '');
}

/** "No callbacks matched Lead ID 1 and Stage Pending." / "… with no filters." */
export function emptySentence(form: SearchForm): string {
  const used = filtersUsed(form);
  if (used.length === 0) return 'No callbacks matched, with no filters set.';
  const list = used.length === 1 ? used[0] : `${used.slice(0, -1).join(', ')} and ${used[used.length - 1]}`;
  return `No callbacks matched ${list}.`;
}
