import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { LeadReply } from '../../utils/lookup/lookup-messages';
import type { LeadAnswer } from './lead-answer';
import { badgeView, type BadgeStatus } from './status';
import { ageText, chipText } from './summary-text';
import { useFit } from './use-fit';

/** What a chip asks of the background: its lead's answer (under the tab's inline budget), and the tab it opens. */
export interface ChipBackground {
  ask(leadId: string, options: { afterRefresh?: true }): Promise<LeadReply>;
  openSearchTab(leadId: string): void;
}

export interface ChipAppProps {
  /** The chip's lead and its answer, asked for before the chip is drawn. */
  answer: LeadAnswer;
  openSearchTab(leadId: string): void;
  now?: () => Date;
}

const TICK_MS = 60_000;

/** A chip's words, most detailed first; null: nothing to show (no callbacks, or no answer yet). */
function chipWords(status: BadgeStatus | null, now: Date): { text: string; wordings: string[]; tone: string } | null {
  if (!status || status.kind === 'loading') return null;
  const view = badgeView(status, now);
  if (status.kind === 'error') return { text: view.text, wordings: ["Callbacks: couldn't load", 'Callbacks: error'], tone: 'error' };
  const words = chipText(status.summary);
  if (!words) return null;
  const age = ageText(status.asOf, now);
  return { text: `${view.text}${age ? `, ${age}` : ''}`, wordings: age ? [`${words} · ${age}`, words] : [words], tone: view.tone };
}

/**
 * Inline mode: one lead of a list page, in a frame of its own beside the lead.
 * "3 callbacks · 1 past due", with the answer's age when it is old (a chip may
 * be served an answer up to an hour old); nothing for a lead without callbacks.
 * A press opens the lead's callbacks in a tab.
 */
export function ChipApp({ answer, openSearchTab, now = () => new Date() }: ChipAppProps) {
  const [, setTick] = useState(0);
  useLayoutEffect(() => {
    const redraw = () => setTick((n) => n + 1);
    const stop = answer.subscribe(redraw);
    const timer = setInterval(redraw, TICK_MS);
    redraw();
    return () => {
      stop();
      clearInterval(timer);
    };
  }, [answer]);
  const { leadId, status } = answer;
  const box = useRef<HTMLSpanElement>(null);
  const words = chipWords(status, now());
  const level = useFit(box, words?.wordings.join('|') ?? '', words?.wordings.length ?? 1);
  if (!leadId || !words) return null;
  return (
    <button
      type="button"
      class={`chip u-${words.tone}`}
      aria-label={`Convoso callbacks for lead ${leadId}: ${words.text}`}
      title={`Convoso Callbacks: ${words.text}`}
      onClick={() => openSearchTab(leadId)}
    >
      <span class="dot" aria-hidden="true" />
      <span class="words" ref={box}>
        {words.wordings[level]}
      </span>
    </button>
  );
}
