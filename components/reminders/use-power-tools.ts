import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Setting } from '../../utils/core/storage/setting';
import { refreshBelowFloor } from '../../utils/reminders/refresh-floor';
import { dueBadgeMinutesSetting, dueBadgeSetting, reminderMinutesSetting, remindersSetting } from '../../utils/reminders/reminder-settings';
import type { Status } from '../core/Field';

export type MinutesField = 'badgeMinutes' | 'reminderMinutes';

/**
 * The toolbar count's and reminders' settings as the options show them, with
 * the ones that could not be read. Each change is saved at once; a change made
 * here replaces an unreadable stored value, which the section reports beside it.
 * `minRefresh`: the policy's shortest refresh; a shorter interval is not saved.
 */
export function usePowerTools(minRefresh?: number) {
  const [dueBadge, setDueBadge] = useState(false);
  // The stored interval (what the page shows under the policy's minimum), and what is typed over it.
  const [storedBadgeMinutes, setStoredBadgeMinutes] = useState<number | null>(null);
  const [badgeDraft, setBadgeMinutes] = useState<string | null>(null);
  const [reminders, setReminders] = useState(false);
  const [reminderMinutes, setReminderMinutes] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [errors, setErrors] = useState<Partial<Record<MinutesField, string>>>({});
  const [status, setStatus] = useState<Status>(null);

  const readProblems = async () => {
    const reads = await Promise.all([dueBadgeSetting, dueBadgeMinutesSetting, remindersSetting, reminderMinutesSetting].map((s) => (s as Setting<unknown>).get()));
    setProblems(reads.flatMap((r) => (r.problem ? [r.problem] : [])));
  };

  useEffect(() => {
    void Promise.all([dueBadgeSetting.get(), dueBadgeMinutesSetting.get(), remindersSetting.get(), reminderMinutesSetting.get()]).then(
      async ([badge, bMin, rem, rMin]) => {
        setDueBadge(badge.value);
        setStoredBadgeMinutes(bMin.value);
        setReminderMinutes(String(rMin.value));
        setProblems([badge, bMin, rem, rMin].flatMap((r) => (r.problem ? [r.problem] : [])));
        // Reminders count as on only while the browser still grants notifications.
        setReminders(rem.value && (await browser.permissions.contains({ permissions: ['notifications'] }).catch(() => false)));
      },
    );
  }, []);

  async function save<T>(setting: Setting<T>, value: unknown, what: string): Promise<boolean> {
    // The person changed it here, where an unreadable value is reported: theirs replaces it.
    const result = await setting.set(value, { replace: true });
    setStatus(result.ok ? { kind: 'ok', message: `${what} saved.` } : { kind: 'error', message: result.message });
    await readProblems();
    return result.ok;
  }

  function toggleBadge(on: boolean) {
    setDueBadge(on);
    void save(dueBadgeSetting, on, on ? 'Toolbar count turned on;' : 'Toolbar count turned off;');
  }

  function toggleReminders(on: boolean) {
    if (!on) {
      setReminders(false);
      void save(remindersSetting, false, 'Reminders turned off;');
      return;
    }
    // Asked in the click itself: browsers grant a permission only to a user gesture.
    const asked = browser.permissions.request({ permissions: ['notifications'] });
    void asked
      .catch(() => false)
      .then(async (granted) => {
        if (!granted) {
          setReminders(false);
          setStatus({ kind: 'error', message: 'Reminders need permission to show notifications; the browser did not give it.' });
          return;
        }
        setReminders(true);
        await save(remindersSetting, true, 'Reminders turned on;');
      });
  }

  async function saveMinutes(field: MinutesField, text: string) {
    const badge = field === 'badgeMinutes';
    const belowFloor = badge ? refreshBelowFloor(text, minRefresh) : null;
    if (belowFloor) {
      setErrors((e) => ({ ...e, [field]: belowFloor }));
      return;
    }
    const setting = badge ? dueBadgeMinutesSetting : reminderMinutesSetting;
    const value = Number(text.trim() === '' ? NaN : text);
    const result = await setting.set(value, { replace: true });
    setErrors((e) => ({ ...e, [field]: result.ok ? undefined : result.message }));
    if (result.ok) {
      if (badge) {
        setStoredBadgeMinutes(value);
        setBadgeMinutes(null);
      }
      setStatus({ kind: 'ok', message: badge ? 'Refresh interval saved.' : 'Reminder time saved.' });
    }
    await readProblems();
  }

  return {
    dueBadge,
    storedBadgeMinutes,
    badgeDraft,
    reminders,
    reminderMinutes,
    problems,
    errors,
    status,
    setBadgeMinutes,
    setReminderMinutes,
    toggleBadge,
    toggleReminders,
    saveMinutes,
  };
}
