import { Field, inputValue, StatusLine } from '../core/Field';
import { usePowerTools } from './use-power-tools';

/**
 * The toolbar count of due callbacks and the reminders. Both are about the
 * agent's own callbacks, so both wait for a saved Convoso user ID (`userId`:
 * the saved one, '' for none, null while it is read). Each change is saved at
 * once; the background refreshes the count when it sees it.
 */
export function PowerToolsSection(props: { userId: string | null }) {
  const tools = usePowerTools();
  const noUser = props.userId === '';
  const off = noUser || props.userId === null;
  return (
    <section class="card" aria-labelledby="power-tools-title">
      <h2 id="power-tools-title">Toolbar count and reminders</h2>
      {noUser && <p class="hint">Save your Convoso user ID above to use these: they are about your own callbacks.</p>}
      {tools.problems.length > 0 ? (
        <div class="notice notice--inline" role="alert">
          <p>Some of these settings could not be read, so their defaults are shown:</p>
          <ul>
            {tools.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          <p>They are kept as they are until you change them here.</p>
        </div>
      ) : null}
      <div class="field">
        <label class="checkbox">
          <input type="checkbox" checked={tools.dueBadge} disabled={off} aria-describedby="due-badge-hint" onChange={(e) => tools.toggleBadge(e.currentTarget.checked)} />
          Show my due callbacks on the toolbar icon
        </label>
        <p class="hint" id="due-badge-hint">
          Pending and past-due callbacks dated today or earlier (account time zone). Red when any is past due.
        </p>
      </div>
      <Field id="due-badge-minutes" label="Refresh the count every (minutes)" error={tools.errors.badgeMinutes}>
        {(aria) => (
          <input
            type="number"
            min={1}
            max={60}
            inputMode="numeric"
            value={tools.badgeMinutes}
            disabled={noUser}
            {...aria}
            onInput={(e) => tools.setBadgeMinutes(inputValue(e))}
            onChange={(e) => void tools.saveMinutes('badgeMinutes', inputValue(e))}
          />
        )}
      </Field>
      <div class="field">
        <label class="checkbox">
          <input type="checkbox" checked={tools.reminders} disabled={off} aria-describedby="reminders-hint" onChange={(e) => tools.toggleReminders(e.currentTarget.checked)} />
          Remind me before my callbacks are due
        </label>
        <p class="hint" id="reminders-hint">
          A browser notification for each of your callbacks; the browser asks you to allow notifications.
        </p>
      </div>
      <Field id="reminder-minutes" label="Remind me this many minutes before" error={tools.errors.reminderMinutes}>
        {(aria) => (
          <input
            type="number"
            min={1}
            max={120}
            inputMode="numeric"
            value={tools.reminderMinutes}
            disabled={noUser}
            {...aria}
            onInput={(e) => tools.setReminderMinutes(inputValue(e))}
            onChange={(e) => void tools.saveMinutes('reminderMinutes', inputValue(e))}
          />
        )}
      </Field>
      <StatusLine status={tools.status} />
    </section>
  );
}
