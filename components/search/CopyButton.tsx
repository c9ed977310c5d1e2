import { useEffect, useState } from 'preact/hooks';

/**
 * Copies text to the clipboard. `label` is what the button does ("Copy lead
 * ID"), `of` what it copies, for a name that is unique in a list of rows.
 */
export function CopyButton(props: { text: string; label: string; of: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(props.text);
      setState('copied');
    } catch {
      setState('failed');
    }
  }

  return (
    <button type="button" class="link-button copy-button" onClick={() => void copy()}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : props.label}
      <span class="visually-hidden"> {props.of}</span>
    </button>
  );
}

/** A callback's fields as plain text lines (`lead_id: 424242`), as the API sent them. */
export function detailsText(raw: Record<string, unknown>): string {
  return Object.entries(raw)
    .map(([key, value]) => `${key}: ${value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join('\n');
}
