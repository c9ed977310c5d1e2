import { useState } from 'preact/hooks';
import type { SavedSearch } from '../../utils/search/saved-searches-setting';
import { deleteSearch, moveSearch, renameSearch, type Edit } from '../../utils/search/saved-searches';

export interface SavedSearchEditsProps {
  list: readonly SavedSearch[];
  /** Stores a new list; false when it was refused (the message is the caller's to show). */
  store(next: SavedSearch[], done: string): Promise<boolean>;
  apply(edit: Edit, done: string): Promise<boolean>;
}

function Rename(props: { index: number; saved: SavedSearch; list(): SavedSearch[]; onDone(): void; apply: SavedSearchEditsProps['apply'] }) {
  const [name, setName] = useState(props.saved.name);
  const id = `saved-rename-${props.index}`;
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        if (await props.apply(renameSearch(props.list(), props.index, name), `Renamed to “${name.trim()}”.`)) props.onDone();
      }}
    >
      <label for={id}>New name for {props.saved.name}</label>
      <input id={id} type="text" maxLength={80} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      <button type="submit">Save name</button>
      <button type="button" onClick={props.onDone}>
        Cancel
      </button>
    </form>
  );
}

/** Rename, reorder and delete, one row per saved search. */
export function SavedSearchEdits(props: SavedSearchEditsProps) {
  const { list } = props;
  const [renaming, setRenaming] = useState<number | null>(null);
  return (
    <ul class="saved-edit">
      {list.map((s, i) => (
        <li key={s.name}>
          {renaming === i ? (
            <Rename index={i} saved={s} list={() => [...list]} apply={props.apply} onDone={() => setRenaming(null)} />
          ) : (
            <>
              <span class="saved-name">{s.name}</span>
              <button type="button" aria-label={`Rename ${s.name}`} onClick={() => setRenaming(i)}>
                Rename
              </button>
              <button
                type="button"
                aria-label={`Move ${s.name} up`}
                aria-disabled={i === 0 ? 'true' : undefined}
                onClick={() => i > 0 && void props.store(moveSearch(list, i, -1), `Moved “${s.name}” up.`)}
              >
                ↑
              </button>
              <button
                type="button"
                aria-label={`Move ${s.name} down`}
                aria-disabled={i === list.length - 1 ? 'true' : undefined}
                onClick={() => i < list.length - 1 && void props.store(moveSearch(list, i, 1), `Moved “${s.name}” down.`)}
              >
                ↓
              </button>
              <button type="button" aria-label={`Delete ${s.name}`} onClick={() => void props.store(deleteSearch(list, i), `Deleted “${s.name}”.`)}>
                Delete
              </button>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
