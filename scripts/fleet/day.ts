import type { Dataset } from '../../mock-api/data';
import { createRng, type Rng } from '../../mock-api/prng';

// The agent's day of issue 21, as a timeline of what the agent does: lead pages
// (badge), popup searches with paging, a list page with inline chips, one export.
// Seeded, so every run (and every version of the code) plays the same day.

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export type DayEvent =
  /** A lead page, or an SPA hop to another lead in the same tab. */
  | { at: number; kind: 'lead'; tabId: number; leadId: string; spa: boolean }
  /** The list page with inline chips: the rows the content script asks for. */
  | { at: number; kind: 'chips'; tabId: number; leadIds: string[] }
  /** The popup: opened (it refreshes the search it shows), one search, then a page turn unless `oneSearch`. */
  | { at: number; kind: 'popup'; session: number; query: Record<string, string>; oneSearch?: boolean }
  /** Export CSV: `pages` pages of 1,000 in a row. */
  | { at: number; kind: 'export'; pages: number };

export interface DayPlan {
  hours: number;
  events: DayEvent[];
  /** The distinct leads opened: the floor of the day's requests. */
  distinctLeads: number;
}

export interface DayOptions {
  seed?: number;
  hours?: number;
  leadPages?: number;
  /** Share of lead pages that return to a lead seen 1–10 minutes before. */
  revisitShare?: number;
  /** Share of lead pages reached by a single-page hop in the CRM's tab. */
  spaShare?: number;
  popupSearches?: number;
  listVisits?: number;
  listRows?: number;
  /** How many of the list's rows a visit asks for (the content script's choice). */
  chipRows?: number;
  exportPages?: number;
}

const CRM_TAB = 11;

/** `count` moments spread over `span`, each jittered within its slot. */
function spread(rng: Rng, count: number, span: number, offset = 0): number[] {
  const slot = span / count;
  return Array.from({ length: count }, (_, i) => Math.round(offset + i * slot + rng.next() * slot * 0.8));
}

function leadPages(rng: Rng, dataset: Dataset, o: Required<DayOptions>, nextTab: () => number): { events: DayEvent[]; distinct: number } {
  const span = o.hours * HOUR;
  const total = o.leadPages;
  const revisits = Math.round(total * o.revisitShare);
  const firstVisits = total - revisits;
  const pool = dataset.leads.filter((_, i) => i % 7 === 3).map((l) => l.id);
  const firsts = spread(rng, firstVisits, span - 12 * MINUTE).map((at, i) => ({ at, leadId: pool[i % pool.length]! }));
  const visits = [...firsts];
  // A revisit returns to a lead opened 1 to 10 minutes earlier.
  for (let i = 0; i < revisits; i++) {
    const base = firsts[Math.floor((i * firsts.length) / revisits)]!;
    visits.push({ at: base.at + rng.int(MINUTE, 10 * MINUTE - 1_000), leadId: base.leadId });
  }
  visits.sort((a, b) => a.at - b.at);
  const events: DayEvent[] = visits.map((v) => {
    const spa = rng.chance(o.spaShare);
    return { at: v.at, kind: 'lead', tabId: spa ? CRM_TAB : nextTab(), leadId: v.leadId, spa };
  });
  return { events, distinct: new Set(visits.map((v) => v.leadId)).size };
}

export function agentDay(dataset: Dataset, agentId: string, options: DayOptions = {}): DayPlan {
  const o: Required<DayOptions> = {
    seed: 21,
    hours: 8,
    leadPages: 200,
    revisitShare: 0.3,
    spaShare: 0.3,
    popupSearches: 20,
    listVisits: 20,
    listRows: 50,
    // Chips are made for the rows on screen and 200 px below it: about 20 at 1280 × 800.
    chipRows: 20,
    exportPages: 5,
    ...options,
  };
  const rng = createRng(o.seed);
  let tab = 100;
  const nextTab = () => tab++;
  const span = o.hours * HOUR;
  const leads = leadPages(rng, dataset, o, nextTab);

  const listLeads = dataset.leads.filter((_, i) => i % 7 === 5).slice(0, o.listRows).map((l) => l.id);
  const chips: DayEvent[] = spread(rng, o.listVisits, span, 5 * MINUTE).map((at) => ({
    at,
    kind: 'chips',
    tabId: nextTab(),
    leadIds: listLeads.slice(0, o.chipRows),
  }));

  const today = new Date(dataset.now).toISOString().slice(0, 10);
  const queries: Record<string, string>[] = [
    { user_id: agentId },
    { start_date: today, end_date: today },
    { user_id: agentId, stage: 'PASTDUE' },
    { recipient: 'Personal', user_id: agentId },
  ];
  const popups: DayEvent[] = spread(rng, o.popupSearches, span, 2 * MINUTE).map((at, session) => {
    // Every other search is for a lead the agent opened earlier.
    const earlier = leads.events.filter((e) => e.at < at && e.kind === 'lead');
    const lead = earlier.length && session % 2 === 1 ? (earlier[earlier.length - 1] as { leadId: string }).leadId : null;
    return { at, kind: 'popup', session, query: lead ? { lead_id: lead } : queries[session % queries.length]! };
  });

  const exports: DayEvent[] = o.exportPages > 0 ? [{ at: Math.round(span * 0.55), kind: 'export', pages: o.exportPages }] : [];
  const events = [...leads.events, ...chips, ...popups, ...exports].sort((a, b) => a.at - b.at);
  return { hours: o.hours, events, distinctLeads: leads.distinct };
}
