import { useState } from 'preact/hooks';
import { domSelectorCheck, type CustomRule } from '../../utils/core/lead/custom-rules';
import { testRules, type LeadSource, type RuleTestFinding, type RuleTestReport } from '../../utils/core/lead/detect';
import { Field, inputValue } from '../core/Field';

const SOURCE_TEXT: Record<LeadSource, string> = {
  'custom-url': 'your address rule',
  url: 'the lead_id in the address',
  convoso: 'Convoso’s own lead page',
  attribute: 'a data-lead-id attribute',
  form: 'a lead_id form field',
  'custom-selector': 'your page rule',
};

function findingText(finding: RuleTestFinding): string {
  if (finding.kind === 'none') return 'nothing';
  if (finding.kind === 'one') return finding.leadId;
  return `several leads (${finding.leadIds.join(', ')})`;
}

/** Pasted HTML is parsed inert: its scripts never run and its images never load. */
function parseHtml(html: string): ParentNode {
  return new DOMParser().parseFromString(html, 'text/html');
}

/** What the built-in detectors and the (unsaved) rules find in a pasted address or HTML snippet. */
export function RuleTestBox(props: { idPrefix: string; rules: () => CustomRule[] }) {
  const [text, setText] = useState('');
  const [report, setReport] = useState<RuleTestReport | null>(null);
  const [error, setError] = useState<string | undefined>();

  function run() {
    if (text.trim() === '') {
      setError('Paste a page address or some of its HTML first.');
      setReport(null);
      return;
    }
    setError(undefined);
    setReport(testRules(props.rules(), text, parseHtml, domSelectorCheck));
  }

  const id = `${props.idPrefix}-test`;
  return (
    <div class="test-box">
      <Field
        id={id}
        label="Test the rules on"
        hint="Paste a page address (https://…) or an HTML snippet. Unsaved rules are tested as they are now."
        error={error}
      >
        {(aria) => <textarea {...aria} rows={4} spellcheck={false} value={text} onInput={(e) => setText(inputValue(e))} />}
      </Field>
      <button type="button" class="secondary" onClick={run}>
        Test
      </button>
      <div role="status" class="test-result">
        {report ? (
          <>
            <p class="test-verdict">
              {report.result.leadId !== null
                ? `Lead found: ${report.result.leadId}, from ${SOURCE_TEXT[report.result.source]}.`
                : report.result.reason === 'many'
                  ? 'Several leads found: this looks like a list page (inline mode shows a chip beside each).'
                  : 'No lead found.'}
            </p>
            <ul class="test-details">
              {report.input === 'url' ? (
                <>
                  <li>lead_id in the address: {report.builtIn.url ?? 'nothing'}</li>
                  <li>Convoso lead page: {report.builtIn.convoso ?? 'nothing'}</li>
                </>
              ) : (
                <>
                  <li>data-lead-id attributes: {findingText(report.builtIn.attribute)}</li>
                  <li>lead_id form fields: {findingText(report.builtIn.form)}</li>
                </>
              )}
              {report.rules.map((r, i) => (
                <li key={i}>
                  Rule {i + 1}:{' '}
                  {!r.validation.ok
                    ? `not valid (${r.validation.message})`
                    : r.leadIds.length === 0
                      ? 'finds nothing'
                      : `finds ${r.leadIds.join(', ')}`}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </div>
  );
}
