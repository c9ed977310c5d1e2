import { Field, inputValue } from '../core/Field';
import type { RuleDraft } from './rule-draft';

export type DraftField = 'pattern' | 'selector' | 'attribute' | 'extract';

/** One rule of the rules editor: where the lead ID is, and how to find it there. */
export function RuleFields(props: {
  draft: RuleDraft;
  index: number;
  prefix: string;
  locked: boolean;
  problem: { field: DraftField; message: string } | undefined;
  onChange: (change: Partial<RuleDraft>) => void;
  onRemove: () => void;
}) {
  const { draft, index, locked, problem, onChange } = props;
  const id = (field: string) => `${props.prefix}-${draft.key}-${field}`;
  const error = (field: DraftField) => (problem?.field === field ? problem.message : undefined);
  const text = (field: DraftField, label: string, hint: string) => (
    <Field id={id(field)} label={label} hint={hint} error={error(field)}>
      {(aria) => <input {...aria} disabled={locked} spellcheck={false} value={draft[field]} onInput={(e) => onChange({ [field]: inputValue(e) })} />}
    </Field>
  );
  return (
    <li class="rule">
      <fieldset>
        <legend>Rule {index + 1}</legend>
        <Field id={id('kind')} label="Find the lead ID in">
          {(aria) => (
            <select {...aria} disabled={locked} value={draft.kind} onChange={(e) => onChange({ kind: inputValue(e) as RuleDraft['kind'] })}>
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
                <select {...aria} disabled={locked} value={draft.source} onChange={(e) => onChange({ source: inputValue(e) as RuleDraft['source'] })}>
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
          <button type="button" class="secondary danger" onClick={props.onRemove}>
            Remove rule {index + 1}
          </button>
        )}
      </fieldset>
    </li>
  );
}
