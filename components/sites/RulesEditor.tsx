import { useRef, useState } from 'preact/hooks';
import { domSelectorCheck, upgradeRule } from '../../utils/core/lead/custom-rules';
import { setSiteRules } from '../../utils/sites/actions';
import type { Site } from '../../utils/sites/schema';
import { Field, inputValue, StatusLine, type Status } from '../core/Field';
import { draftFromRule, draftProblems, newDraft, ruleFromDraft, type RuleDraft } from './rule-draft';
import { RuleTestBox } from './RuleTestBox';

type DraftField = 'pattern' | 'selector' | 'attribute' | 'extract';

/** Lead detection rules of one site: edit, test, then save all at once. */
export function RulesEditor(props: { site: Site; locked: boolean }) {
  const { site, locked } = props;
  // Rules saved as regular expressions (before templates) open as their
  // templates; those without one are marked at once: they no longer run.
  const [initial] = useState(() => {
    const opened = site.rules.map(draftFromRule);
    const found = locked ? new Map() : draftProblems(opened, domSelectorCheck);
    const upgraded = site.rules.some((r) => JSON.stringify(upgradeRule(r)) !== JSON.stringify(r));
    const status: Status =
      locked || (found.size === 0 && !upgraded)
        ? null
        : found.size > 0
          ? { kind: 'error', message: 'Some saved rules are regular expressions, which could freeze the page: they no longer run. Rewrite them with {id}.' }
          : { kind: 'ok', message: 'Rules saved as regular expressions are shown as templates: Save rules to keep them.' };
    return { drafts: opened, problems: found as Map<number, { field: DraftField; message: string }>, status };
  });
  const [drafts, setDrafts] = useState<RuleDraft[]>(initial.drafts);
  const [problems, setProblems] = useState(initial.problems);
  const [status, setStatus] = useState<Status>(initial.status);
  const container = useRef<HTMLFormElement>(null);
  const prefix = `rules-${site.id}`;

  function update(key: number, change: Partial<RuleDraft>) {
    setDrafts((all) => all.map((d) => (d.key === key ? { ...d, ...change } : d)));
  }

  function add(kind: RuleDraft['kind']) {
    const draft = newDraft(kind);
    setDrafts((all) => [...all, draft]);
    // Focus the new rule's first field once it is rendered.
    requestAnimationFrame(() => container.current?.querySelector<HTMLElement>(`#${prefix}-${draft.key}-kind`)?.focus());
  }

  async function save(event: Event) {
    event.preventDefault();
    if (locked) return;
    const found = draftProblems(drafts, domSelectorCheck);
    setProblems(found);
    if (found.size > 0) {
      const [key, problem] = [...found][0]!;
      container.current?.querySelector<HTMLElement>(`#${prefix}-${key}-${problem.field}`)?.focus();
      setStatus({ kind: 'error', message: 'Nothing was saved: correct the marked rules.' });
      return;
    }
    setStatus({ kind: 'busy', message: 'Saving…' });
    const result = await setSiteRules(site.id, drafts.map(ruleFromDraft));
    setStatus(result.ok ? { kind: 'ok', message: 'Rules saved.' } : { kind: 'error', message: result.message });
  }

  return (
    // A form, so Enter in any rule field saves the rules (and never the add-site form).
    <form class="rules" ref={container} onSubmit={(e) => void save(e)} noValidate>
      {drafts.length === 0 ? <p class="hint">No rules of its own: the built-in detection applies.</p> : null}
      <ul class="rule-list">
        {drafts.map((draft, index) => {
          const problem = problems.get(draft.key);
          const error = (field: DraftField) => (problem?.field === field ? problem.message : undefined);
          const id = (field: string) => `${prefix}-${draft.key}-${field}`;
          const text = (field: DraftField, label: string, hint: string) => (
            <Field id={id(field)} label={label} hint={hint} error={error(field)}>
              {(aria) => (
                <input
                  {...aria}
                  disabled={locked}
                  spellcheck={false}
                  value={draft[field]}
                  onInput={(e) => update(draft.key, { [field]: inputValue(e) })}
                />
              )}
            </Field>
          );
          return (
            <li key={draft.key} class="rule">
              <fieldset>
                <legend>Rule {index + 1}</legend>
                <Field id={id('kind')} label="Find the lead ID in">
                  {(aria) => (
                    <select {...aria} disabled={locked} value={draft.kind} onChange={(e) => update(draft.key, { kind: inputValue(e) as RuleDraft['kind'] })}>
                      <option value="url">the page address</option>
                      <option value="selector">an element of the page</option>
                    </select>
                  )}
                </Field>
                {draft.kind === 'url' ? (
                  text('pattern', 'Address pattern', 'The address with {id} where the lead ID is and * for any text, e.g. https://crm.example.com/leads/{id}')
                ) : (
                  <>
                    {text('selector', 'CSS selector', 'e.g. #lead-panel .lead-number')}
                    <Field id={id('source')} label="The ID is in the element’s">
                      {(aria) => (
                        <select
                          {...aria}
                          disabled={locked}
                          value={draft.source}
                          onChange={(e) => update(draft.key, { source: inputValue(e) as RuleDraft['source'] })}
                        >
                          <option value="attribute">attribute</option>
                          <option value="text">text</option>
                        </select>
                      )}
                    </Field>
                    {draft.source === 'attribute' ? text('attribute', 'Attribute name', 'e.g. data-id, or value for a form field') : null}
                    {text('extract', 'Extract pattern (optional)', 'The text with {id} where the lead ID is, e.g. Lead #{id}')}
                  </>
                )}
                {locked ? null : (
                  <button
                    type="button"
                    class="secondary danger"
                    onClick={() => setDrafts((all) => all.filter((d) => d.key !== draft.key))}
                  >
                    Remove rule {index + 1}
                  </button>
                )}
              </fieldset>
            </li>
          );
        })}
      </ul>
      {locked ? (
        <p class="hint hint--locked">Set by your administrator.</p>
      ) : (
        <div class="actions">
          <button type="button" class="secondary" onClick={() => add('url')}>
            Add address rule
          </button>
          <button type="button" class="secondary" onClick={() => add('selector')}>
            Add page rule
          </button>
          <button type="submit">
            Save rules
          </button>
        </div>
      )}
      <StatusLine status={status} />
      <RuleTestBox idPrefix={prefix} rules={() => drafts.map(ruleFromDraft)} />
    </form>
  );
}
