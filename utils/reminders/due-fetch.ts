import type { SearchPage } from '../core/api/model';
import type { SearchQueryInput } from '../core/api/query-input';
import { dueQueries } from '../core/api/due-queries';
import type { ServiceError } from '../core/messaging/replies';
import { localDate, MINUTE_MS } from '../core/time/wall-clock';
import { dueTotal, type DueTotal } from './due-count';
import type { ReminderCallback } from './reminders';
import type { RefreshPlan } from './refresh-plan';

// The searches of one refresh. The count is the one definition of the agent's
// due callbacks (due-queries.ts): Pending and Past due, up to today. Reminders
// need the Pending ones with their times, so when they are on the Pending
// search lists them (up to REMINDER_LIMIT) instead of counting one: one search
// serves both. Reminders ask more only when that list cannot serve them: more
// Pending callbacks than it holds, or tomorrow's within reach near midnight.

export type DueSearch = (query: SearchQueryInput) => Promise<{ ok: true; page: SearchPage } | { ok: false; error: ServiceError }>;

export const REMINDER_LIMIT = 500;

export type DueFetch = { ok: true; total: DueTotal | null; list: ReminderCallback[] } | { ok: false; error: ServiceError };

const keep = (c: ReminderCallback): ReminderCallback => ({ id: c.id, leadId: c.leadId, stage: c.stage, callbackTime: c.callbackTime, comments: c.comments });

/** The extra searches reminders need beside the shared one, if any. */
function reminderExtras(plan: RefreshPlan, pending: SearchPage, today: string, now: number): SearchQueryInput[] {
  const zones = { account: plan.timeZone };
  const mine = { user_id: plan.userId, stage: 'PENDING', offset: 0, limit: REMINDER_LIMIT };
  const extras: SearchQueryInput[] = [];
  if (pending.total > pending.results.length) extras.push({ ...mine, start_date: today, end_date: today });
  const reach = localDate(new Date(now + (plan.leadMinutes + plan.periodMinutes + 2) * MINUTE_MS), zones);
  if (reach !== today) extras.push({ ...mine, start_date: reach, end_date: reach });
  return extras;
}

export async function fetchDue(search: DueSearch, plan: RefreshPlan, today: string, now: number): Promise<DueFetch> {
  const [pendingQuery, pastDueQuery] = dueQueries(plan.userId, today);
  const [pending, pastDue] = await Promise.all([
    search({ ...pendingQuery.query, offset: 0, limit: plan.remind ? REMINDER_LIMIT : 1 }),
    plan.count ? search({ ...pastDueQuery.query, offset: 0, limit: 1 }) : null,
  ]);
  if (!pending.ok) return pending;
  if (pastDue && !pastDue.ok) return pastDue;
  const total = pastDue ? dueTotal(pending.page, pastDue.page) : null;
  if (!plan.remind) return { ok: true, total, list: [] };
  const byId = new Map(pending.page.results.map((c) => [c.id, keep(c)]));
  for (const query of reminderExtras(plan, pending.page, today, now)) {
    const more = await search(query);
    // Reminders make do with what they have; the count is right either way.
    if (more.ok) for (const c of more.page.results) byId.set(c.id, keep(c));
  }
  return { ok: true, total, list: [...byId.values()] };
}
