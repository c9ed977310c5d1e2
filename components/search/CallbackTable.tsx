import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { StageChip } from '../core/StageChip';
import type { Callback } from '../../utils/core/api/model';
import { callbackName } from '../../utils/search/callback-name';
import type { SortKey } from '../../utils/search/sort';
import { ApiText, CallbackFields, CallbackWhen, CommentText, MISSING, agentText, recipientText } from './CallbackParts';
import { CopyButton } from './CopyButton';
import type { CallbackViewProps } from './CallbackList';

export interface CallbackTableProps extends CallbackViewProps {
  sort: SortKey;
  onSort(key: SortKey): void;
}

const COLUMNS = 9;

function SortHeader(props: { label: string; keys: readonly SortKey[]; sort: SortKey; onSort(key: SortKey): void }) {
  const index = props.keys.indexOf(props.sort);
  const ariaSort = index === -1 ? undefined : props.sort === 'time-desc' ? 'descending' : 'ascending';
  // Clicking cycles through this column's orders.
  const next = props.keys[(index + 1) % props.keys.length]!;
  return (
    <th scope="col" aria-sort={ariaSort}>
      <button type="button" class="sort-button" onClick={() => props.onSort(next)}>
        {props.label}
        <span aria-hidden="true">{ariaSort === 'descending' ? ' ▼' : ariaSort ? ' ▲' : ''}</span>
      </button>
    </th>
  );
}

/** The tab's wide layout: a table, with every field in an expandable row. */
export function CallbackTable(props: CallbackTableProps) {
  // Open rows are the callbacks themselves, not positions: sorting moves a row
  // and its panel together, and a new page or search (new objects) starts closed.
  const [open, setOpen] = useState<ReadonlySet<Callback>>(new Set());
  const toggle = (callback: Callback) =>
    setOpen((prev) => {
      // Only this page's callbacks: panels of earlier pages are not kept alive.
      const next = new Set([...prev].filter((c) => props.callbacks.includes(c)));
      if (!next.delete(callback)) next.add(callback);
      return next;
    });
  return (
    <table class="callback-table">
      <thead>
        <tr>
          <SortHeader label="Scheduled" keys={['time-asc', 'time-desc']} sort={props.sort} onSort={props.onSort} />
          <SortHeader label="Stage" keys={['stage']} sort={props.sort} onSort={props.onSort} />
          <th scope="col">Lead ID</th>
          <th scope="col">Recipient</th>
          <SortHeader label="Agent" keys={['agent']} sort={props.sort} onSort={props.onSort} />
          <th scope="col">Campaign</th>
          <th scope="col">List</th>
          <th scope="col">Comments</th>
          <th scope="col">
            <span class="visually-hidden">Details</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.callbacks.map((c, i) => {
          const name = callbackName(c, props.locale);
          return (
            <Fragment key={`${c.id}-${i}`}>
              <tr>
                <td>
                  <CallbackWhen callback={c} now={props.now} locale={props.locale} zones={props.zones} />
                </td>
                <td>
                  <StageChip stage={c.stage} label={c.stageLabel} />
                </td>
                <td class="lead-cell">
                  <ApiText value={c.leadId || MISSING} /> {c.leadId && <CopyButton text={c.leadId} label="Copy" of={`lead ID ${c.leadId}`} />}
                </td>
                <td>
                  <ApiText value={recipientText(c)} />
                </td>
                <td>
                  <ApiText value={agentText(c)} />
                </td>
                <td>
                  <ApiText value={c.campaignName || c.campaignId || MISSING} />
                </td>
                <td>
                  <ApiText value={c.directoryName || c.listId || MISSING} />
                </td>
                <td class="comment-cell">
                  <CommentText text={c.comments} of={name} max={140} />
                </td>
                <td>
                  <button
                    type="button"
                    class="link-button"
                    aria-expanded={open.has(c)}
                    aria-controls={`callback-fields-${i}`}
                    onClick={() => toggle(c)}
                  >
                    All fields<span class="visually-hidden"> of {name}</span>
                  </button>
                </td>
              </tr>
              {open.has(c) && (
                <tr class="fields-row" id={`callback-fields-${i}`}>
                  <td colSpan={COLUMNS}>
                    <CallbackFields callback={c} of={name} />
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
