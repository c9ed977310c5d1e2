import { useEffect, useState } from 'preact/hooks';
import { savedSearchesSetting, type SavedSearch } from '../../utils/search/saved-searches-setting';
import { deleteSearch, moveSearch, renameSearch, saveSearch, savedSearchForm, type Edit } from '../../utils/search/saved-searches';
import type { SearchForm } from '../../utils/search/form-state';

export interface SavedSearchesProps {
  /** The filters typed now: what "Save" keeps. */
  form: SearchForm;
  onRun(form: SearchForm): void;
}

/**
 * Saved searches: one click runs one (the row of buttons stays visible);
 * saving, renaming, deleting and reordering sit in a disclosure so the popup
 * stays short.
 */
export function SavedSearches(props: SavedSearchesProps) {
  const [list, setList] = useState<SavedSearch[]>([]);
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<{ index: number; name: string } | null>(null);
  const [message, setMessage] = useState('');

  useEffect(() => {
    const read = () => void savedSearchesSetting.get().then((r) => setList(r.value));
    read();
    return savedSearchesSetting.watch(read);
  }, []);

  async function store(next: SavedSearch[], done: string) {
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

  async function save(event: Event) {
    event.preventDefault();
    if (await apply(saveSearch(list, name, props.form), `Saved “${name.trim()}”.`)) setName('');
  }

  async function finishRename(event: Event) {
    event.preventDefault();
    if (!renaming) return;
    if (await apply(renameSearch(list, renaming.index, renaming.name), `Renamed to “${renaming.name.trim()}”.`)) setRenaming(null);
  }

  return (
    <section class="saved-searches" aria-labelledby="saved-searches-title">
      <h2 id="saved-searches-title" class="saved-searches-title">
        Saved searches
      </h2>
      {list.length > 0 && (
        <ul class="saved-run" aria-label="Run a saved search">
          {list.map((s) => (
            <li key={s.name}>
              <button type="button" class="chip-button" onClick={() => props.onRun(savedSearchForm(s))}>
                {s.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      <details class="saved-manage">
        <summary>Save or edit searches</summary>
        <form class="saved-new" onSubmit={(e) => void save(e)}>
          <label for="saved-search-name">Name for the current filters</label>
          <input id="saved-search-name" type="text" maxLength={80} value={name} onInput={(e) => setName(e.currentTarget.value)} />
          <button type="submit">Save search</button>
        </form>
        <ul class="saved-edit">
          {list.map((s, i) => (
            <li key={s.name}>
              {renaming?.index === i ? (
                <form onSubmit={(e) => void finishRename(e)}>
                  <label for={`saved-rename-${i}`}>New name for {s.name}</label>
                  <input
                    id={`saved-rename-${i}`}
                    type="text"
                    maxLength={80}
                    value={renaming.name}
                    onInput={(e) => setRenaming({ index: i, name: e.currentTarget.value })}
                  />
                  <button type="submit">Save name</button>
                  <button type="button" onClick={() => setRenaming(null)}>
                    Cancel
                  </button>
                </form>
              ) : (
                <>
                  <span class="saved-name">{s.name}</span>
                  <button type="button" aria-label={`Rename ${s.name}`} onClick={() => setRenaming({ index: i, name: s.name })}>
                    Rename
                  </button>
                  <button
                    type="button"
                    aria-label={`Move ${s.name} up`}
                    aria-disabled={i === 0 ? 'true' : undefined}
                    onClick={() => i > 0 && void store(moveSearch(list, i, -1), `Moved “${s.name}” up.`)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    aria-label={`Move ${s.name} down`}
                    aria-disabled={i === list.length - 1 ? 'true' : undefined}
                    onClick={() => i < list.length - 1 && void store(moveSearch(list, i, 1), `Moved “${s.name}” down.`)}
                  >
                    ↓
                  </button>
                  <button type="button" aria-label={`Delete ${s.name}`} onClick={() => void store(deleteSearch(list, i), `Deleted “${s.name}”.`)}>
                    Delete
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      </details>
      <p class="saved-status" aria-live="polite">
        {message}
      </p>
    </section>
  );
}
