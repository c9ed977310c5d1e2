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

/** One callback in three short lines (the list's name is under All fields); every field is one click away, rendered only once opened. */
function Card(props: { callback: Callback; index: number; now: Date; locale: string; zones?: Zones }) {
  const c = props.callback;
  const name = callbackName(c, props.locale);
  const [open, setOpen] = useState(false);
  const panel = `callback-card-fields-${props.index}`;
  return (
    <li class="callback-card">
      <div class="card-head">
        <CallbackWhen callback={c} now={props.now} locale={props.locale} zones={props.zones} />
        <StageChip stage={c.stage} label={c.stageLabel} />
        <span class="card-lead">
          <Meta label="Lead" value={c.leadId} />
          {c.leadId && <CopyButton text={c.leadId} label="Copy" of={`lead ID ${c.leadId}`} />}
        </span>
        <button type="button" class="link-button card-fields-toggle" aria-expanded={open ? 'true' : 'false'} aria-controls={panel} onClick={() => setOpen(!open)}>
          All fields<span class="visually-hidden"> of {name}</span>
        </button>
      </div>
      <div class="card-meta">
        <Meta label="Recipient" value={recipientText(c)} />
        <Meta label="Agent" value={agentText(c)} />
        <Meta label="Campaign" value={c.campaignName || c.campaignId} />
      </div>
      <div class="card-comment">
        <CommentText text={c.comments} of={name} />
      </div>
      {open && (
        <div class="card-fields" id={panel}>
          <CallbackFields callback={c} of={name} />
        </div>
      )}
    </li>
  );
}

/** The popup's narrow layout: one compact card per callback, so six fit above the fold. */
export function CallbackList(props: CallbackViewProps) {
  return (
    <ul class="callback-list">
      {props.callbacks.map((c, i) => (
        <Card key={`${c.id}-${i}`} callback={c} index={i} now={props.now} locale={props.locale} zones={props.zones} />
      ))}
    </ul>
  );
}
