import { useEffect, useRef } from 'preact/hooks';
import type { SearchState } from '../../utils/search/search-state';
import { fieldId } from './field-id';

/**
 * A keyboard user pressed Retry and the notice holding it is gone (or lost its
 * Retry): focus lands on what replaced it, never at the top of the document. A
 * retried settings read leaves no results: the form (or the token notice) is next.
 */
export function useRetryFocus(state: SearchState): () => void {
  /** The state Retry was pressed in: an effect still due for it (or a render while busy) is not the answer. */
  const pending = useRef<SearchState | null>(null);
  useEffect(() => {
    if (!pending.current || pending.current === state || state.busy) return;
    pending.current = null;
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    const target =
      document.querySelector<HTMLElement>('.search-app .error-notice, .search-app .results') ??
      document.getElementById(fieldId('lead_id')) ??
      document.querySelector<HTMLElement>('.search-app .notice button');
    target?.focus();
  }, [state.busy, state.error, state.shown, state.settings]);
  return () => {
    pending.current = state;
  };
}
