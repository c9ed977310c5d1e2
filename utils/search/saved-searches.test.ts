import { describe, expect, it } from 'vitest';
import { SAVED_SEARCHES_MAX, type SavedSearch } from './saved-searches-setting';
import { EMPTY_FORM } from './form-state';
import { deleteSearch, moveSearch, renameSearch, saveSearch, savedSearchForm } from './saved-searches';

const mine = { ...EMPTY_FORM, user_id: '77', stage: 'PENDING' };
const list: SavedSearch[] = [
  { name: 'Mine', query: 'user_id=77' },
  { name: 'Overdue', query: 'stage=PASTDUE' },
  { name: 'Solar', query: 'campaign_id=3' },
];

describe('saved search edits', () => {
  it('saves the filters under a trimmed name, updating one with the same name', () => {
    expect(saveSearch([], '  My pending ', mine)).toEqual({ ok: true, list: [{ name: 'My pending', query: 'user_id=77&stage=PENDING' }] });
    expect(saveSearch(list, 'mine', mine)).toEqual({ ok: true, list: [{ name: 'mine', query: 'user_id=77&stage=PENDING' }, list[1], list[2]] });
    expect(saveSearch(list, '  ', mine)).toEqual({ ok: false, message: 'Give the search a name.' });
    const full = Array.from({ length: SAVED_SEARCHES_MAX }, (_, i) => ({ name: `s${i}`, query: '' }));
    expect(saveSearch(full, 'one more', mine).ok).toBe(false);
  });

  it('renames, refusing a name another search has', () => {
    expect(renameSearch(list, 2, 'Solar leads')).toMatchObject({ ok: true, list: [list[0], list[1], { name: 'Solar leads' }] });
    expect(renameSearch(list, 2, 'MINE')).toEqual({ ok: false, message: 'Another saved search has that name.' });
    expect(renameSearch(list, 0, 'Mine ')).toMatchObject({ ok: true });
  });

  it('deletes and reorders; moves past either end change nothing', () => {
    expect(deleteSearch(list, 1).map((s) => s.name)).toEqual(['Mine', 'Solar']);
    expect(moveSearch(list, 2, -1).map((s) => s.name)).toEqual(['Mine', 'Solar', 'Overdue']);
    expect(moveSearch(list, 0, 1).map((s) => s.name)).toEqual(['Overdue', 'Mine', 'Solar']);
    expect(moveSearch(list, 0, -1)).toEqual(list);
    expect(moveSearch(list, 2, 1)).toEqual(list);
  });

  it('reads a saved query like a deep link: unknown keys dropped, vocabulary canonical', () => {
    expect(savedSearchForm({ name: 'x', query: 'stage=pastdue&auth_token=x&lead_id=5' })).toEqual({ ...EMPTY_FORM, stage: 'PASTDUE', lead_id: '5' });
  });
});
