import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Setting } from '../../utils/core/storage/setting';
import {
  dueBadgeMinutesSetting,
  dueBadgeSetting,
  reminderMinutesSetting,
  remindersSetting,
} from '../../utils/reminders/reminder-settings';
import { userIdSetting } from '../../utils/connection/settings';
import { Field, inputValue, StatusLine, type Status } from '../core/Field';

const NOTIFICATIONS = { permissions: ['notifications'] as const };

/**
 * The toolbar count of due callbacks and the reminders. Both are about the
 * agent's own callbacks, so both wait for a saved Convoso user ID. Each change
 * is saved at once; the background refreshes the badge when it sees it.
 */
export function PowerToolsSection() {
  const [userId, setUserId] = useState<string | null>(null);
  const [dueBadge, setDueBadge] = useState(false);
  const [badgeMinutes, setBadgeMinutes] = useState('');
  const [reminders, setReminders] = useState(false);
  const [reminderMinutes, setReminderMinutes] = useState('');
  const [errors, setErrors] = useState<{ badgeMinutes?: string; reminderMinutes?: string }>({});
  const [status, setStatus] = useState<Status>(null);

  useEffect(() => {
    const readUser = () => void userIdSetting.get().then((r) => setUserId(r.value));
    readUser();
    void Promise.all([dueBadgeSetting.get(), dueBadgeMinutesSetting.get(), remindersSetting.get(), reminderMinutesSetting.get()]).then(
      async ([badge, bMin, rem, rMin]) => {
        setDueBadge(badge.value);
        setBadgeMinutes(String(bMin.value));
        setReminderMinutes(String(rMin.value));
        // Reminders count as on only while the browser still grants notifications.
        setReminders(rem.value && (await browser.permissions.contains({ permissions: ['notifications'] })));
      },
    );
    return userIdSetting.watch(readUser);
  }, []);

  const noUser = userId === '';

  async function save<T>(setting: Setting<T>, value: unknown, what: string): Promise<boolean> {
    const result = await setting.set(value);
    setStatus(result.ok ? { kind: 'ok', message: `${what} saved.` } : { kind: 'error', message: result.message });
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
    const asked = browser.permissions.request({ permissions: [...NOTIFICATIONS.permissions] });
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

  async function saveMinutes(field: 'badgeMinutes' | 'reminderMinutes', text: string) {
    const setting = field === 'badgeMinutes' ? dueBadgeMinutesSetting : reminderMinutesSetting;
    const result = await setting.set(Number(text.trim() === '' ? NaN : text));
    setErrors((e) => ({ ...e, [field]: result.ok ? undefined : result.message }));
    if (result.ok) setStatus({ kind: 'ok', message: field === 'badgeMinutes' ? 'Refresh interval saved.' : 'Reminder time saved.' });
  }

  return (
    <section class="card" aria-labelledby="power-tools-title">
      <h2 id="power-tools-title">Toolbar count and reminders</h2>
      {noUser && <p class="hint">Save your Convoso user ID above to use these: they are about your own callbacks.</p>}
      <div class="field">
        <label class="checkbox">
          <input type="checkbox" checked={dueBadge} disabled={noUser || userId === null} onChange={(e) => toggleBadge(e.currentTarget.checked)} />
          Show my due callbacks on the toolbar icon
        </label>
        <p class="hint">Pending and past-due callbacks dated today or earlier (account time zone). Red when any is past due.</p>
      </div>
      <Field id="due-badge-minutes" label="Refresh the count every (minutes)" error={errors.badgeMinutes}>
        {(aria) => (
          <input
            type="number"
            min={1}
            max={60}
            inputMode="numeric"
            value={badgeMinutes}
            disabled={noUser}
            {...aria}
            onInput={(e) => setBadgeMinutes(inputValue(e))}
            onChange={(e) => void saveMinutes('badgeMinutes', inputValue(e))}
          />
        )}
      </Field>
      <div class="field">
        <label class="checkbox">
          <input type="checkbox" checked={reminders} disabled={noUser || userId === null} onChange={(e) => toggleReminders(e.currentTarget.checked)} />
          Remind me before my callbacks are due
        </label>
        <p class="hint">A browser notification for each of your callbacks; the browser asks you to allow notifications.</p>
      </div>
      <Field id="reminder-minutes" label="Remind me this many minutes before" error={errors.reminderMinutes}>
        {(aria) => (
          <input
            type="number"
            min={1}
            max={120}
            inputMode="numeric"
            value={reminderMinutes}
            disabled={noUser}
            {...aria}
            onInput={(e) => setReminderMinutes(inputValue(e))}
            onChange={(e) => void saveMinutes('reminderMinutes', inputValue(e))}
          />
        )}
      </Field>
      <StatusLine status={status} />
    </section>
  );
}
