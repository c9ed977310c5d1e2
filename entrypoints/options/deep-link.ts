import { useEffect } from 'preact/hooks';

/** The fields another page may open the options at (options.html#token): the popup's "Open options" from an error. */
const LINKED = new Set(['token', 'user-id', 'time-zone', 'api-address']);

function focusLinked(): void {
  const id = decodeURIComponent(location.hash.slice(1));
  if (!LINKED.has(id)) return;
  const field = document.getElementById(id);
  field?.scrollIntoView({ block: 'center' });
  field?.focus();
}

/** Focuses the field the address names, on load and when the hash changes (an options tab already open). */
export function useDeepLink(): void {
  useEffect(() => {
    focusLinked();
    window.addEventListener('hashchange', focusLinked);
    return () => window.removeEventListener('hashchange', focusLinked);
  }, []);
}
