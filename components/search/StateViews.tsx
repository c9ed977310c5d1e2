import { RETRYABLE_KINDS, type ApiErrorKind } from '../../utils/core/api/errors';
import type { ServiceError } from '../../utils/core/messaging/replies';
import type { OptionsField } from '../../utils/search/options-link';

export function NoTokenNotice(props: { onOpenOptions(): void }) {
  return (
    <section class="notice" aria-labelledby="no-token-title">
      <h2 id="no-token-title">Connect your Convoso account</h2>
      <p>
        To search callbacks, the extension needs your Convoso API token. Add it in the options; it stays in this
        browser and is sent only to Convoso.
      </p>
      <button type="button" class="primary" onClick={props.onOpenOptions}>
        Open options
      </button>
    </section>
  );
}

/** `fixIn`: the options field that fixes the error (options-link.ts), or null when the options cannot help. */
export function ErrorNotice(props: { error: ServiceError; fixIn: OptionsField | null; onRetry(): void; onOpenOptions(field: OptionsField): void }) {
  const { error, fixIn } = props;
  // "internal": the extension's background did not answer (it was restarting,
  // or a handler failed); asking again is all a popup can do about it.
  const retryable = RETRYABLE_KINDS.has(error.kind as ApiErrorKind) || error.kind === 'internal';
  return (
    <div class="error-notice" role="alert" tabIndex={-1}>
      <p>{error.message}</p>
      {(retryable || fixIn) && (
        <div class="notice-actions">
          {retryable && (
            <button type="button" class="primary" onClick={props.onRetry}>
              Retry
            </button>
          )}
          {fixIn && (
            <button type="button" onClick={() => props.onOpenOptions(fixIn)}>
              Open options
            </button>
          )}
        </div>
      )}
    </div>
  );
}

/**
 * Saved settings that were unreadable and fell back to their defaults: the
 * search still works, but the agent should know why it may behave differently
 * (another page size, API address or timeout) and where to fix it.
 */
export function SettingsProblems(props: { problems: readonly string[]; onOpenOptions(): void }) {
  if (props.problems.length === 0) return null;
  return (
    <section class="settings-problems" aria-labelledby="settings-problems-title">
      <p id="settings-problems-title" class="settings-problems-title">
        {props.problems.length === 1 ? 'A saved setting was reset' : `${props.problems.length} saved settings were reset`}
      </p>
      <ul>
        {props.problems.map((problem, i) => (
          <li key={i}>{problem}</li>
        ))}
      </ul>
      <button type="button" class="link-button" onClick={props.onOpenOptions}>
        Check the options
      </button>
    </section>
  );
}
