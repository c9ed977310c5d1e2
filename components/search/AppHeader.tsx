import { useState } from 'preact/hooks';
import type { Callback } from '../../utils/core/api/model';
import type { SearchForm } from '../../utils/search/form-state';
import { ExportButton } from './ExportButton';
import { SavedSearches, useSavedSearches } from './SavedSearches';
import { openOptions } from './open-options';

export interface AppHeaderProps {
  layout: 'popup' | 'tab';
  /** The filters typed now: what a saved search keeps. */
  form: SearchForm;
  /** What Export CSV exports: the shown search's filters, or what is typed. */
  exportForm: SearchForm;
  /** Every match of the list, in the order shown, when the page holds them all: exported without a request. */
  held: (() => readonly Callback[]) | null;
  locale: string;
  autoExport?: boolean;
  onRunSaved(form: SearchForm): void;
  /** Only in the popup: the same list as a full page. */
  onOpenInTab?: () => void;
}

/**
 * The title and, in one compact row, what an agent needs now and then: saved
 * searches, Export CSV, the tab view and the options (always one click away).
 */
export function AppHeader(props: AppHeaderProps) {
  const saved = useSavedSearches();
  const [open, setOpen] = useState(false);
  return (
    <header class="app-header">
      <div class="header-row">
        <h1>{props.layout === 'tab' ? 'Search callbacks' : 'Convoso callbacks'}</h1>
        <div class="header-actions">
          <button
            type="button"
            class={saved.problem ? 'has-problem' : undefined}
            aria-label={saved.problem ? 'Saved searches (could not be read)' : undefined}
            aria-expanded={open ? 'true' : 'false'}
            aria-controls="saved-searches"
            onClick={() => setOpen(!open)}
          >
            Saved searches
            {saved.problem && <span class="problem-mark"> !</span>}
          </button>
          <ExportButton layout={props.layout} form={props.exportForm} held={props.held} locale={props.locale} autoStart={props.autoExport} />
          {props.onOpenInTab && (
            <button type="button" onClick={props.onOpenInTab}>
              Open in tab
            </button>
          )}
          <button type="button" onClick={() => openOptions()}>
            Options
          </button>
        </div>
      </div>
      {open && (
        <SavedSearches
          saved={saved}
          form={props.form}
          onRun={(form) => {
            setOpen(false);
            props.onRunSaved(form);
          }}
        />
      )}
    </header>
  );
}
