import type { SearchQueryInput } from './query-input';

/**
 * The agent's callbacks that need action: Pending or Past due, dated today or
 * earlier on the account's clock (`today`, YYYY-MM-DD). The toolbar count
 * counts exactly these, and a list opened from it shows exactly these: one
 * search per stage, as Convoso filters one stage at a time.
 */
export const DUE_STAGES = ['PENDING', 'PASTDUE'] as const;

type DueQuery = { stage: (typeof DUE_STAGES)[number]; query: SearchQueryInput };

export function dueQueries(userId: string, today: string): readonly [DueQuery, DueQuery] {
  const due = (stage: DueQuery['stage']): DueQuery => ({ stage, query: { user_id: userId, end_date: today, stage } });
  return [due(DUE_STAGES[0]), due(DUE_STAGES[1])];
}
