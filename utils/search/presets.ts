import { localDate } from '../core/time/wall-clock';
import { EMPTY_FORM, type SearchForm } from './form-state';

// One-click filters for what an agent asks most. "Due" is the toolbar count's
// list: the agent's callbacks that need action (views.ts), nothing else. The
// others only fill fields the user can see and change; every other filter typed
// (a User ID, a campaign) is kept, so they combine: "Mine", then "Today", is my
// callbacks for today.

export const PRESETS = ['due', 'today', 'overdue', 'mine'] as const;
export type Preset = (typeof PRESETS)[number];

/** What a preset may depend on besides the form. */
export interface PresetContext {
  now: Date;
  /** The agent's own Convoso user ID from the options page; '' when not set. */
  userId: string;
  /** The account's time zone from the options; '' or absent: the browser's. */
  timeZone?: string;
  /** The browser's zone, for tests. */
  browserTimeZone?: string;
}

export const PRESET_LABELS: Readonly<Record<Preset, string>> = {
  due: 'Due',
  today: 'Today',
  overdue: 'Overdue',
  mine: 'Mine',
};

/** What each preset does, for its tooltip and screen-reader description. */
export function presetHint(preset: Preset, userId: string): string {
  switch (preset) {
    case 'due':
      return 'Your callbacks that need action, past due and due today: what the toolbar count counts.';
    case 'today':
      return 'Sets the start and end date to today and searches.';
    case 'overdue':
      return 'Sets the stage to Past due and searches.';
    case 'mine':
      return `Sets the User ID to yours (${userId}) and searches.`;
  }
}

/** "Due" and "Mine" need a user ID saved in the options. */
export function availablePresets(userId: string): Preset[] {
  return PRESETS.filter((p) => (p !== 'mine' && p !== 'due') || userId !== '');
}

export function applyPreset(form: SearchForm, preset: Preset, context: PresetContext): SearchForm {
  switch (preset) {
    case 'due':
      // A blank search is the due view (views.ts); the page size stays.
      return { ...EMPTY_FORM, limit: form.limit };
    case 'today': {
      const today = localDate(context.now, { account: context.timeZone, browser: context.browserTimeZone });
      return { ...form, start_date: today, end_date: today };
    }
    case 'overdue':
      return { ...form, stage: 'PASTDUE' };
    case 'mine':
      // Never offered without a user ID; should it be asked anyway, a typed User ID is kept.
      return context.userId ? { ...form, user_id: context.userId } : form;
  }
}
