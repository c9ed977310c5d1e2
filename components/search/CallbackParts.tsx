import { useState } from 'preact/hooks';
import type { Callback } from '../../utils/core/api/model';
import { clip } from '../../utils/core/format/clip';
import type { Zones } from '../../utils/core/time/time-zone';
import { fieldLabel } from '../../utils/search/field-labels';
import { shorten } from '../../utils/search/shorten';
import { whenOf } from '../../utils/core/format/when';
import { CopyButton, detailsText } from './CopyButton';

// Pieces shared by the popup's cards and the tab's table. Everything from the
// API is a JSX text node: a comment holding markup stays text.

export const MISSING = '—';

export function CallbackWhen(props: { callback: Callback; now: Date; locale: string; zones?: Zones }) {
  const when = whenOf(props.callback, props.now, props.locale, props.zones);
  if (!when.absolute) return <span class="when when--missing">No time given</span>;
  return (
    <span class="when">
      <time dateTime={props.callback.callbackTime?.local}>{when.absolute}</time>
      {when.relative && <span class={`relative${when.overdue ? ' relative--overdue' : ''}`}>{when.relative}</span>}
    </span>
  );
}

/** API text shown on one line: shortened (a megabyte name is not a cell) and isolated (a right-to-left override stays inside it). */
export function ApiText(props: { value: string }) {
  return <bdi>{clip(props.value, 200)}</bdi>;
}

export function recipientText(callback: Callback): string {
  return callback.recipientLabel || MISSING;
}

export function agentText(callback: Callback): string {
  if (callback.userName) return callback.userName;
  return callback.userId ? `User ${callback.userId}` : MISSING;
}

/** `of` names the callback (`callbackName`): every row has this button, and each must say whose comment it opens. */
export function CommentText(props: { text: string; of: string; max?: number }) {
  const [expanded, setExpanded] = useState(false);
  if (!props.text.trim()) return <span class="comment comment--empty">No comments</span>;
  const short = shorten(props.text, props.max);
  if (!short.truncated) return <span class="comment">{short.text}</span>;
  return (
    <span class="comment">
      <span class={expanded ? 'comment-full' : undefined}>{expanded ? props.text : short.text}</span>{' '}
      <button type="button" class="link-button" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
        {expanded ? 'Show less' : 'Show all'}
        <span class="visually-hidden"> of the comment for {props.of}</span>
      </button>
    </span>
  );
}

function rawText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** Every field the API returned, exactly as sent, under a person's name for it (the API's in its tooltip); `of` names the callback for the copy button. */
export function CallbackFields(props: { callback: Callback; of?: string }) {
  const entries = Object.entries(props.callback.raw);
  if (entries.length === 0) return <p class="muted">The API returned no fields for this callback.</p>;
  return (
    <>
      <CopyButton text={detailsText(props.callback.raw)} label="Copy details" of={`of ${props.of ?? `callback ${props.callback.id}`}`} />
      <dl class="raw-fields">
        {entries.map(([key, value]) => (
          <div key={key} class="raw-field">
            <dt title={key}>{fieldLabel(key)}</dt>
            <dd>{rawText(value) || <span class="muted">(empty)</span>}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
