import { describe, expect, it } from 'vitest';
import { dueQueries } from '../core/api/due-queries';
import { EMPTY_FORM, type SearchForm } from './form-state';
import { defaultView, runnableView, viewFromParams, viewLimit, viewOf, viewQueries, viewTitle, viewToParams, type View } from './views';

const form = (values: Partial<SearchForm>): SearchForm => ({ ...EMPTY_FORM, ...values });
const context = { userId: '70003', today: '2025-06-03' };

describe('the default view', () => {
  it('with a saved user ID: the agent’s callbacks that need action, exactly the toolbar count’s searches', () => {
    expect(defaultView('70003')).toEqual({ kind: 'due' });
    expect(viewQueries({ kind: 'due' }, context)).toEqual(dueQueries('70003', '2025-06-03').map((d) => d.query));
    expect(viewTitle({ kind: 'due' })).toBe('Your callbacks that need action: past due and due today');
  });

  it('without one: the account’s callbacks from today on', () => {
    expect(defaultView('')).toEqual({ kind: 'upcoming' });
    expect(viewQueries({ kind: 'upcoming' }, { userId: '', today: '2025-06-03' })).toEqual([{ start_date: '2025-06-03' }]);
    expect(viewTitle({ kind: 'upcoming' })).toBe('The account’s callbacks from today on');
  });

  it('is what a blank search shows; the page size alone is no filter', () => {
    expect(viewOf(form({ limit: '50' }), '70003')).toEqual({ kind: 'due' });
    expect(viewOf(form({ comments: '  ' }), '')).toEqual({ kind: 'upcoming' });
    expect(viewOf(form({ stage: 'PENDING' }), '70003')).toEqual({ kind: 'filters', form: form({ stage: 'PENDING' }) });
  });

  it('the due view falls back when the user ID was removed since', () => {
    expect(runnableView({ kind: 'due' }, '')).toEqual({ kind: 'upcoming' });
    expect(runnableView({ kind: 'due' }, '7')).toEqual({ kind: 'due' });
  });
});

describe('a search by filters', () => {
  it('sends the filters set, without offset or page size', () => {
    expect(viewQueries({ kind: 'filters', form: form({ lead_id: ' 1 ', limit: '50' }) }, context)).toEqual([{ lead_id: '1' }]);
  });

  it.each<[View, SearchForm, number]>([
    [{ kind: 'filters', form: form({ limit: '50' }) }, EMPTY_FORM, 50],
    [{ kind: 'due' }, form({ limit: '100' }), 100],
    [{ kind: 'due' }, EMPTY_FORM, 20],
  ])('%o pages by %i', (view, typed, size) => {
    expect(viewLimit(view, typed, 20)).toBe(size);
  });
});

describe('the tab’s address', () => {
  it.each<[View, number, string]>([
    [{ kind: 'due' }, 0, 'view=due'],
    [{ kind: 'upcoming' }, 40, 'offset=40&view=upcoming'],
    [{ kind: 'filters', form: form({ lead_id: '424242' }) }, 0, 'lead_id=424242'],
  ])('%o at %i is ?%s, and reads back', (view, offset, query) => {
    const params = viewToParams(view, offset);
    expect(params.toString()).toBe(query);
    expect(viewFromParams(params)).toMatchObject({ view, offset });
  });

  it('no query: the last search; filters without a value: the default view', () => {
    expect(viewFromParams(new URLSearchParams())).toBeNull();
    expect(viewFromParams(new URLSearchParams('limit=50'))).toEqual({ view: null, form: form({ limit: '50' }), offset: 0 });
  });
});
