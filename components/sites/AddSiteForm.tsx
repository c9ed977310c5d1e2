import { useRef, useState } from 'preact/hooks';
import { addSite, checkNewSite } from '../../utils/sites/actions';
import type { Site } from '../../utils/sites/schema';
import { Field, inputValue, StatusLine, type Status } from '../core/Field';

/**
 * Add site, and the section's status line right under it: an add's outcome (and
 * every other action's in the section) is read where the person typed.
 */
export function AddSiteForm(props: { sites: readonly Site[]; status: Status; onStatus: (status: Status) => void; onAdded: () => Promise<void> }) {
  const [input, setInput] = useState('');
  const [error, setError] = useState<string | undefined>();
  // A second Enter while the browser's prompt is open must not ask again.
  const adding = useRef(false);

  async function onAdd(event: Event) {
    event.preventDefault();
    if (adding.current) return;
    // Checked before asking the browser, so a typo never shows a permission prompt.
    const checked = checkNewSite(props.sites, input);
    if (!checked.ok) {
      // An input problem: said at the field, which takes the focus (and reads it out).
      setError(checked.message);
      props.onStatus(null);
      document.getElementById('new-site')?.focus();
      return;
    }
    setError(undefined);
    props.onStatus({ kind: 'busy', message: `Asking the browser for access to ${checked.pattern}…` });
    adding.current = true;
    const result = await addSite(props.sites, input).finally(() => (adding.current = false));
    if (!result.ok) {
      // Refused access, a failed registration: not the input's fault, said on the status line under it.
      props.onStatus({ kind: 'error', message: result.message });
      return;
    }
    setInput('');
    props.onStatus({ kind: 'ok', message: `Added ${checked.pattern}.` });
    await props.onAdded();
  }

  return (
    <form class="add-site" onSubmit={onAdd} noValidate>
      <Field id="new-site" label="Site address or match pattern" hint="e.g. crm.example.com, https://crm.example.com/leads/1 or *://*.example.com/*" error={error}>
        {(aria) => (
          <div class="with-button">
            <input {...aria} inputMode="url" spellcheck={false} autoComplete="off" value={input} onInput={(e) => setInput(inputValue(e))} />
            <button type="submit">Add site</button>
          </div>
        )}
      </Field>
      <StatusLine status={props.status} id="sites-status" />
    </form>
  );
}
