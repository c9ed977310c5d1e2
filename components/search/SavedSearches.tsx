import { useEffect, useState } from 'preact/hooks';
import { savedSearchesSetting, type SavedSearch } from '../../utils/search/saved-searches-setting';
import { saveSearch, savedSearchForm, type Edit } from '../../utils/search/saved-searches';
import type { SearchForm } from '../../utils/search/form-state';
import { SavedSearchEdits } from './SavedSearchEdits';

export interface SavedSearchesProps {
  /** The filters typed now: what "Save search" keeps. */
  form: SearchForm;
  onRun(form: SearchForm): void;
}

/**
 * The agent chose to replace a list that cannot be read. CONTRACTS §7: the options'
 * `Setting.set(value, { replace: true })` writes over such a value only when asked;
 * a `set` without that option ignores it.
 */
const replaceUnreadable = (next: SavedSearch[]) =>
  (savedSearchesSetting.set as (value: unknown, options?: { replace?: boolean }) => ReturnType<typeof savedSearchesSetting.set>)(next, { replace: true });

/** The stored list, and why it could not be read (CONTRACTS §7): then nothing is written over it until the agent chooses. */
export function useSavedSearches() {
  const [list, setList] = useState<SavedSearch[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const read = () =>
      void savedSearchesSetting.get().then((r) => {
        setList(r.value);
        setProblem(r.problem ?? null);
      });
    read();
    return savedSearchesSetting.watch(read);
  }, []);
  return { list, setList, problem, setProblem };
}

function Unreadable(props: { onReplace(): void }) {
  return (
    <div class="saved-problem" role="alert">
      <p>
        Your saved searches could not be read: they were changed outside the extension, or stored in a form this version cannot
        read. They are left as stored, and nothing is saved over them until you choose to start a new list.
      </p>
      <button type="button" onClick={props.onReplace}>
        Start a new list
      </button>
    </div>
  );
}

/**
 * Saved searches, behind the header's "Saved searches": one click runs one;
 * saving, renaming, deleting and reordering sit below them.
 */
export function SavedSearches(props: SavedSearchesProps & { saved: ReturnType<typeof useSavedSearches> }) {
  const { list, setList, problem, setProblem } = props.saved;
  const [name, setName] = useState('');
  const [message, setMessage] = useState('');

  async function store(next: SavedSearch[], done: string): Promise<boolean> {
    if (problem) {
      setMessage('Nothing was saved: your saved searches could not be read. Start a new list to replace them.');
      return false;
    }
    const result = await savedSearchesSetting.set(next);
    if (!result.ok) {
      setMessage(result.message);
      return false;
    }
    setList(result.value);
    setMessage(done);
    return true;
  }

  async function apply(edit: Edit, done: string) {
    if (!edit.ok) {
      setMessage(edit.message);
      return false;
    }
    return store(edit.list, done);
  }

  async function replace() {
    const result = await replaceUnreadable([]);
    if (!result.ok) return setMessage(result.message);
    setList([]);
    setProblem(null);
    setMessage('Started a new list of saved searches.');
  }

  return (
    <section id="saved-searches" class="saved-searches" aria-labelledby="saved-searches-title">
      <h2 id="saved-searches-title" class="saved-searches-title">
        Saved searches
      </h2>
      {problem && <Unreadable onReplace={() => void replace()} />}
      {list.length > 0 ? (
        <ul class="saved-run" aria-label="Run a saved search">
          {list.map((s) => (
            <li key={s.name}>
              <button type="button" class="chip-button" onClick={() => props.onRun(savedSearchForm(s))}>
                {s.name}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        !problem && <p class="muted">None yet: name the current filters below to keep them.</p>
      )}
      <form
        class="saved-new"
        onSubmit={async (e) => {
          e.preventDefault();
          if (await apply(saveSearch(list, name, props.form), `Saved “${name.trim()}”.`)) setName('');
        }}
      >
        <label for="saved-search-name">Name for the current filters</label>
        <input id="saved-search-name" type="text" maxLength={80} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        <button type="submit">Save search</button>
      </form>
      {list.length > 0 && <SavedSearchEdits list={list} store={store} apply={apply} />}
      <p class="saved-status" aria-live="polite">
        {message}
      </p>
    </section>
  );
}
