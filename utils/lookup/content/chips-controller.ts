import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { renderChip as drawChip } from '../../../components/lookup/inline-chip';
import type { BadgeStatus } from '../../../components/lookup/status';
import type { CustomRule } from '../../core/lead/custom-rules';
import { findAllLeadIds } from '../../core/lead/detect';
import { MAX_LEAD_IDS } from '../../core/lead/lead-id';
import type { LeadReply, leadSummaries, openSearchTab } from '../lookup-messages';
import { send } from '../../core/messaging/send';
import { statusOf } from './lead-status';
import { CHIP_TAG, createShadowHost } from './shadow-host';

export interface ChipsController {
  /** Puts a chip beside every lead of the page the rules find, and asks for the new ones. */
  sync(rules: readonly CustomRule[]): void;
  /** Removes every chip (inline mode off, or new rules). */
  clear(): void;
  /** Forgets every answer (the connection changed). */
  forget(): void;
}

interface Chip {
  host: HTMLElement;
  mount: HTMLElement;
  leadId: string;
}

/** Where a chip goes: inside the lead's element, in its last cell for a table row; after a form field. */
function placeChip(element: Element, host: HTMLElement): void {
  if (element instanceof HTMLTableRowElement) (element.cells[element.cells.length - 1] ?? element).append(host);
  else if (/^(INPUT|SELECT|TEXTAREA|IMG|BR|HR)$/.test(element.tagName)) element.after(host);
  else element.append(host);
}

/**
 * Inline mode: one chip per lead element of a list, answers shared per lead id.
 * Its state and timer are its own and tied to `ctx`.
 */
export function createChipsController(ctx: ContentScriptContext): ChipsController {
  const chips = new Map<Element, Chip>();
  const answers = new Map<string, BadgeStatus>();

  function render(chip: Chip): void {
    drawChip(chip.mount, {
      leadId: chip.leadId,
      status: answers.get(chip.leadId) ?? { kind: 'loading' },
      now: new Date(),
      onOpen: () => void send<typeof openSearchTab>({ type: 'open-search-tab', leadId: chip.leadId }),
    });
  }

  function clear(): void {
    for (const chip of chips.values()) chip.host.remove();
    chips.clear();
  }

  /** Like the badge's question, per batch: stale chips are shown, then follow their refresh. */
  async function request(ids: string[], afterRefresh = false): Promise<void> {
    const reply = await send<typeof leadSummaries>({ type: 'lead-summaries', leadIds: ids, ...(afterRefresh && { afterRefresh }) });
    if (ctx.isInvalid) return;
    const refreshing: string[] = [];
    for (const id of ids) {
      const one: LeadReply = reply.ok ? (reply.summaries[id] ?? { ok: false, error: { kind: 'internal', message: 'No answer for this lead.' } }) : reply;
      const next = statusOf(one);
      if (next) answers.set(id, next);
      else answers.delete(id);
      if (one.ok && one.refreshing) refreshing.push(id);
    }
    for (const chip of chips.values()) if (ids.includes(chip.leadId)) render(chip);
    if (refreshing.length && !afterRefresh) void request(refreshing, true);
  }

  ctx.onInvalidated(clear);
  // "in 5 min" must not stay "in 5 min" for an hour. Set up with the first
  // chip: a page that never shows one pays no timer.
  let ticking = false;
  function tick(): void {
    if (ticking) return;
    ticking = true;
    ctx.setInterval(() => {
      for (const chip of chips.values()) render(chip);
    }, 60_000);
  }

  return {
    sync(rules) {
      const found = findAllLeadIds(document, rules);
      const seen = new Set<Element>();
      const missing: string[] = [];
      for (const { element, leadId } of found) {
        seen.add(element);
        let chip = chips.get(element);
        if (chip && (chip.leadId !== leadId || !chip.host.isConnected)) {
          chip.host.remove();
          chip = undefined;
        }
        if (!chip) {
          tick();
          const made = createShadowHost(CHIP_TAG);
          chip = { ...made, leadId };
          chips.set(element, chip);
          placeChip(element, made.host);
          render(chip);
        }
        if (!answers.has(leadId)) {
          answers.set(leadId, { kind: 'loading' });
          missing.push(leadId);
        }
      }
      for (const [element, chip] of chips) {
        if (!seen.has(element)) {
          chip.host.remove();
          chips.delete(element);
        }
      }
      for (let i = 0; i < missing.length; i += MAX_LEAD_IDS) void request(missing.slice(i, i + MAX_LEAD_IDS));
    },
    clear,
    forget() {
      answers.clear();
    },
  };
}
