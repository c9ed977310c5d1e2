import { useState } from 'preact/hooks';
import { StageChip } from '../core/StageChip';
import type { Callback } from '../../utils/core/api/model';
import type { Zones } from '../../utils/core/time/time-zone';
import { callbackName } from '../../utils/search/callback-name';
import { ApiText, CallbackFields, CallbackWhen, CommentText, MISSING, agentText, recipientText } from './CallbackParts';
import { CopyButton } from './CopyButton';

export interface CallbackViewProps {
  callbacks: readonly Callback[];
  now: Date;
  locale: string;
  /** The account's zone (and the browser's): times compare with now there, and say "PT" when it differs. */
  zones?: Zones;
}

function Meta(props: { label: string; value: string }) {
  return (
    <span class="meta">
      <span class="meta-label">{props.label}</span> <ApiText value={props.value || MISSING} />
    </span>
  );
}

/** Every field, rendered only once opened: a page may hold 500 callbacks. */
function FieldsDisclosure(props: { callback: Callback; name: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details class="card-details" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        All fields<span class="visually-hidden"> of {props.name}</span>
      </summary>
      {open && <CallbackFields callback={props.callback} of={props.name} />}
    </details>
  );
}

/** The popup's narrow layout: one card per callback. */
export function CallbackList(props: CallbackViewProps) {
  return (
    <ul class="callback-list">
      {props.callbacks.map((c, i) => {
        const name = callbackName(c, props.locale);
        return (
          <li key={`${c.id}-${i}`} class="callback-card">
            <div class="card-head">
              <CallbackWhen callback={c} now={props.now} locale={props.locale} zones={props.zones} />
              <StageChip stage={c.stage} label={c.stageLabel} />
            </div>
            <div class="card-meta">
              <Meta label="Lead" value={c.leadId} />
              {c.leadId && <CopyButton text={c.leadId} label="Copy" of={`lead ID ${c.leadId}`} />}
              <Meta label="Recipient" value={recipientText(c)} />
              <Meta label="Agent" value={agentText(c)} />
            </div>
            <div class="card-meta">
              <Meta label="Campaign" value={c.campaignName || c.campaignId} />
              <Meta label="List" value={c.directoryName || c.listId} />
            </div>
            <div class="card-comment">
              <CommentText text={c.comments} of={name} />
            </div>
            <FieldsDisclosure callback={c} name={name} />
          </li>
        );
      })}
    </ul>
  );
}
