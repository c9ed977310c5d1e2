import { upgradeRule, validateRule, type CustomRule, type RuleValidation, type SelectorCheck } from '../../utils/core/lead/custom-rules';

// The rules editor edits drafts: every field a plain string, whatever the kind,
// so switching a rule's kind back and forth loses nothing typed.

export interface RuleDraft {
  key: number;
  kind: 'url' | 'selector';
  pattern: string;
  selector: string;
  source: 'text' | 'attribute';
  attribute: string;
  extract: string;
}

let nextKey = 1;

export function newDraft(kind: RuleDraft['kind']): RuleDraft {
  return { key: nextKey++, kind, pattern: '', selector: '', source: 'attribute', attribute: '', extract: '' };
}

/** A rule saved as a regular expression (before templates) opens as its template, when it has one. */
export function draftFromRule(saved: CustomRule): RuleDraft {
  const rule = upgradeRule(saved);
  const draft = newDraft(rule.kind);
  if (rule.kind === 'url') return { ...draft, pattern: rule.pattern };
  return { ...draft, selector: rule.selector, source: rule.source, attribute: rule.attribute ?? '', extract: rule.extract ?? '' };
}

export function ruleFromDraft(draft: RuleDraft): CustomRule {
  if (draft.kind === 'url') return { kind: 'url', pattern: draft.pattern.trim() };
  const rule: CustomRule = { kind: 'selector', selector: draft.selector.trim(), source: draft.source };
  if (draft.source === 'attribute') rule.attribute = draft.attribute.trim();
  if (draft.extract.trim() !== '') rule.extract = draft.extract.trim();
  return rule;
}

/** Each draft's problem, by draft key; empty when all can be saved. */
export function draftProblems(drafts: readonly RuleDraft[], isValidSelector?: SelectorCheck): Map<number, Extract<RuleValidation, { ok: false }>> {
  const problems = new Map<number, Extract<RuleValidation, { ok: false }>>();
  for (const draft of drafts) {
    const result = validateRule(ruleFromDraft(draft), isValidSelector);
    if (!result.ok) problems.set(draft.key, result);
  }
  return problems;
}
