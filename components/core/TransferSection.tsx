import { useRef, useState } from 'preact/hooks';
import { applyImport } from '../../utils/core/transfer/apply-import';
import { exportSettings, settingsFileName } from '../../utils/core/transfer/export-settings';
import { planImport } from '../../utils/core/transfer/plan-import';
import type { ImportItem, ImportPlan, TransferParts } from '../../utils/core/transfer/transfer-parts';
import { StatusLine, type Status } from './Field';

const MAX_FILE_BYTES = 1_000_000;

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** One sentence for the status line, so a screen reader hears the report's outcome. */
function planSummary(fileName: string, plan: ImportPlan): Status {
  const left = plan.skipped.length > 0 ? `, ${count(plan.skipped.length, 'item')} left out` : '';
  if (plan.rejected.length > 0) {
    return {
      kind: 'error',
      message: `Nothing was imported from ${fileName}: ${count(plan.rejected.length, 'item')} rejected${left}. Correct the rejected items in the file and choose it again.`,
    };
  }
  if (plan.accepted.length === 0) return { kind: 'ok', message: `${fileName} holds nothing to import${left}.` };
  return { kind: 'ok', message: `${fileName}: ${count(plan.accepted.length, 'item')} ready to import${left}. Nothing is changed until you confirm.` };
}

function ItemList(props: { title: string; items: ImportItem[]; kind: string }) {
  if (props.items.length === 0) return null;
  return (
    <div class={`import-group import-group--${props.kind}`}>
      <h5>{props.title}</h5>
      <ul>
        {props.items.map((item, i) => (
          <li key={i}>
            <strong>{item.label}</strong>: {item.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Export and import: the file's parts are the features', handed in by the options page. */
export function TransferSection(props: { parts: TransferParts }) {
  const [status, setStatus] = useState<Status>(null);
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  const [fileName, setFileName] = useState('');
  const [importing, setImporting] = useState(false);
  // Also a ref: a second click before the re-render must not ask the browser twice.
  const importRunning = useRef(false);

  async function onExport() {
    const { file, problems } = await exportSettings(props.parts);
    const url = URL.createObjectURL(new Blob([`${JSON.stringify(file, null, 2)}\n`], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = settingsFileName();
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    // What could not be read is left out, not exported as its default.
    const left = problems.length > 0 ? ` Left out, because it could not be read: ${problems.join(' ')}` : '';
    setStatus({ kind: problems.length > 0 ? 'error' : 'ok', message: `Exported to ${link.download}. The token is not in it.${left}` });
  }

  async function onFile(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    // Cleared at once, so choosing the same file again (after fixing it) is noticed.
    input.value = '';
    setPlan(null);
    if (!file) return;
    setFileName(file.name);
    if (file.size > MAX_FILE_BYTES) {
      setStatus({ kind: 'error', message: `${file.name} is too large to be a settings file. Nothing was changed.` });
      return;
    }
    try {
      const next = await planImport(await file.text(), props.parts);
      setPlan(next);
      setStatus(planSummary(file.name, next));
    } catch (error) {
      setStatus({ kind: 'error', message: `${file.name} could not be read (${error instanceof Error ? error.message : String(error)}).` });
    }
  }

  async function onImport() {
    if (!plan || importRunning.current) return;
    importRunning.current = true;
    setImporting(true);
    try {
      // applyImport asks for new hosts first thing, while this click still counts.
      const result = await applyImport(plan);
      if (result.ok) {
        setPlan(null);
        setStatus({ kind: 'ok', message: `Imported ${fileName}.` });
      } else {
        setStatus({ kind: 'error', message: result.message });
      }
    } finally {
      importRunning.current = false;
      setImporting(false);
    }
  }

  const blocked = plan !== null && plan.rejected.length > 0;
  return (
    <section class="card" aria-labelledby="transfer-title">
      <h3 id="transfer-title">Export and import</h3>
      <p class="hint">
        Share this setup with your team as a file. The token and your user ID are never in it; each agent enters their own.
      </p>
      <div class="actions">
        <button type="button" class="secondary" onClick={() => void onExport()}>
          Export settings
        </button>
        <label class="file-button">
          Import settings
          <input type="file" accept="application/json,.json" onChange={(e) => void onFile(e)} />
        </label>
      </div>
      {plan ? (
        <div class="import-report" aria-labelledby="import-report-title">
          <h4 id="import-report-title">Importing {fileName}</h4>
          <ItemList title="Rejected" items={plan.rejected} kind="rejected" />
          <ItemList title={blocked ? 'Valid' : 'To import'} items={plan.accepted} kind="accepted" />
          <ItemList title="Left out" items={plan.skipped} kind="skipped" />
          {/* A blocked or empty plan is explained by the status line below. */}
          {blocked || plan.accepted.length === 0 ? null : (
            <div class="actions">
              <button type="button" aria-disabled={importing} onClick={() => void onImport()}>
                Import {plan.accepted.length} item{plan.accepted.length === 1 ? '' : 's'}
              </button>
              <button
                type="button"
                class="secondary"
                onClick={() => {
                  setPlan(null);
                  setStatus({ kind: 'ok', message: `Import of ${fileName} cancelled; nothing was changed.` });
                }}
              >
                Cancel
              </button>
            </div>
          )}
        </div>
      ) : null}
      <StatusLine status={status} id="transfer-status" />
    </section>
  );
}
