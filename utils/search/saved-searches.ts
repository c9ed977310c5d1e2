import { SAVED_SEARCHES_MAX, type SavedSearch } from './saved-searches-setting';
import { formFromParams, formToParams, type SearchForm } from './form-state';

// Saved searches as a list the agent orders: pure edits, stored by the caller.

export type Edit = { ok: true; list: SavedSearch[] } | { ok: false; message: string };

const NAME_MAX = 80;
const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

function checkName(name: string): string | null {
  const text = name.trim();
  if (!text) return 'Give the search a name.';
  if (text.length > NAME_MAX) return `A name has at most ${NAME_MAX} characters.`;
  return null;
}

/** Saves the form's filters under a name; a name already in the list is updated in place. */
export function saveSearch(list: readonly SavedSearch[], name: string, form: SearchForm): Edit {
  const problem = checkName(name);
  if (problem) return { ok: false, message: problem };
  const entry = { name: name.trim(), query: formToParams(form).toString() };
  const at = list.findIndex((s) => sameName(s.name, name));
  if (at >= 0) return { ok: true, list: list.map((s, i) => (i === at ? entry : s)) };
  if (list.length >= SAVED_SEARCHES_MAX) return { ok: false, message: `At most ${SAVED_SEARCHES_MAX} saved searches; delete one first.` };
  return { ok: true, list: [...list, entry] };
}

export function renameSearch(list: readonly SavedSearch[], index: number, name: string): Edit {
  const problem = checkName(name);
  if (problem) return { ok: false, message: problem };
  if (list.some((s, i) => i !== index && sameName(s.name, name))) return { ok: false, message: 'Another saved search has that name.' };
  return { ok: true, list: list.map((s, i) => (i === index ? { ...s, name: name.trim() } : s)) };
}

export function deleteSearch(list: readonly SavedSearch[], index: number): SavedSearch[] {
  return list.filter((_, i) => i !== index);
}

/** Moves one entry up (-1) or down (+1); at either end nothing changes. */
export function moveSearch(list: readonly SavedSearch[], index: number, by: -1 | 1): SavedSearch[] {
  const to = index + by;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const next = [...list];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

/** The form a saved search fills: read like a deep link, so an imported file cannot inject anything else. */
export function savedSearchForm(saved: SavedSearch): SearchForm {
  return formFromParams(new URLSearchParams(saved.query)).form;
}
