import type { FormField } from '../../utils/search/form-state';

/** The id of a filter's control, which its label, its error and focus moves name. */
export const fieldId = (field: FormField) => `search-${field}`;
