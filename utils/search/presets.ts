import type { SearchForm } from './form-state';

// One-click filters for what an agent asks most: a blank search lists the
// oldest callbacks first (the API sorts by time, ascending), which is rarely
// what anyone wants to see. A preset only fills fields the user can see and
// change; every other filter typed (a User ID, a campaign) is kept.

export const PRESETS = ['today', 'overdue'] as const;
export type Preset = (typeof PRESETS)[number];

export const PRESET_LABELS: Readonly<Record<Preset, string>> = {
  today: 'Today',
  overdue: 'Overdue',
};

/** What each preset does, for its tooltip and screen-reader description. */
export const PRESET_HINTS: Readonly<Record<Preset, string>> = {
  today: 'Sets the start and end date to today and searches.',
  overdue: 'Sets the stage to Past due and searches.',
};

/**
 * YYYY-MM-DD of `now` in this computer's zone. Convoso's times are in the
 * account's zone, which the API never names; the agent's own day is the best guess.
 */
export function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function applyPreset(form: SearchForm, preset: Preset, now: Date): SearchForm {
  switch (preset) {
    case 'today': {
      const today = localDate(now);
      return { ...form, start_date: today, end_date: today };
    }
    case 'overdue':
      return { ...form, stage: 'PASTDUE' };
  }
}
