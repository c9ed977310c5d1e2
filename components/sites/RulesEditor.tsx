import { useRef, useState } from 'preact/hooks';
import { domSelectorCheck, upgradeRule } from '../../utils/core/lead/custom-rules';
import { setSiteRules } from '../../utils/sites/actions';
import type { Site } from '../../utils/sites/schema';
import { StatusLine, type Status } from '../core/Field';
import { draftFromRule, draftProblems, newDraft, ruleFromDraft, type RuleDraft } from './rule-draft';
import { RuleFields, type DraftField } from './RuleFields';
import { RuleTestBox } from './RuleTestBox';

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
        {drafts.map((draft, index) => (
          <RuleFields
            key={draft.key}
            draft={draft}
            index={index}
            prefix={prefix}
            locked={locked}
            problem={problems.get(draft.key)}
            onChange={(change) => update(draft.key, change)}
            onRemove={() => setDrafts((all) => all.filter((d) => d.key !== draft.key))}
          />
        ))}
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
