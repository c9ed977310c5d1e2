import type { TrafficPolicy } from '../../utils/core/storage/traffic-policy';
import { appliedRefreshMinutes, MAX_CHOSEN_REFRESH, refreshFixedByPolicy, refreshFloorNote } from '../../utils/reminders/refresh-floor';
import { Field, inputValue, StatusLine } from '../core/Field';
import { OFF_BY_POLICY, PolicyToggle } from './PolicyToggle';
import { usePowerTools } from './use-power-tools';

function UnreadableNotice(props: { problems: string[] }) {
  if (props.problems.length === 0) return null;
  return (
    <div class="notice notice--inline" role="alert">
      <p>Some of these settings could not be read, so their defaults are shown:</p>
      <ul>
        {props.problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      <p>They are kept as they are until you change them here.</p>
    </div>
  );
}

/**
 * The toolbar count of due callbacks and the reminders. Both are about the
 * agent's own callbacks, so both wait for a saved Convoso user ID (`userId`:
 * the saved one, '' for none, null while it is read). Each change is saved at
 * once; the background refreshes the count when it sees it. What the
 * administrator's `policy` turns off or limits is shown locked, with why; the
 * agent's stored choice stays as it is.
 */
export function PowerToolsSection(props: { userId: string | null; policy?: TrafficPolicy }) {
  const policy = props.policy ?? { problems: [] };
  const floor = policy.minRefreshMinutes;
  const tools = usePowerTools(floor);
  const noUser = props.userId === '';
  const off = noUser || props.userId === null;
  const countOff = policy.allowToolbarCount === false;
  const remindersOff = policy.allowReminders === false;
  const stored = tools.storedBadgeMinutes;
  const shownMinutes = tools.badgeDraft ?? (stored === null ? '' : String(appliedRefreshMinutes(stored, floor)));
  const floorNote = stored === null ? null : refreshFloorNote(stored, floor);
  return (
    <section class="card" aria-labelledby="power-tools-title">
      <h2 id="power-tools-title">Toolbar count and reminders</h2>
      {noUser && <p class="hint">Save your Convoso user ID above to use these: they are about your own callbacks.</p>}
      <UnreadableNotice problems={tools.problems} />
      <PolicyToggle
        id="due-badge"
        label="Show my due callbacks on the toolbar icon"
        hint="Pending and past-due callbacks dated today or earlier (account time zone). Red when any is past due."
        checked={tools.dueBadge}
        disabled={off}
        offByPolicy={countOff}
        onToggle={tools.toggleBadge}
      />
      <Field
        id="due-badge-minutes"
        label="Refresh the count every (minutes)"
        error={tools.errors.badgeMinutes}
        locked={countOff ? OFF_BY_POLICY : (floorNote ?? undefined)}
      >
        {(aria) => (
          <input
            type="number"
            min={floor !== undefined && !refreshFixedByPolicy(floor) ? floor : 1}
            max={MAX_CHOSEN_REFRESH}
            inputMode="numeric"
            value={shownMinutes}
            disabled={noUser || countOff || refreshFixedByPolicy(floor)}
            {...aria}
            onInput={(e) => tools.setBadgeMinutes(inputValue(e))}
            onChange={(e) => void tools.saveMinutes('badgeMinutes', inputValue(e))}
          />
        )}
      </Field>
      <PolicyToggle
        id="reminders"
        label="Remind me before my callbacks are due"
        hint="A browser notification for each of your callbacks; the browser asks you to allow notifications."
        checked={tools.reminders}
        disabled={off}
        offByPolicy={remindersOff}
        onToggle={tools.toggleReminders}
      />
      <Field id="reminder-minutes" label="Remind me this many minutes before" error={tools.errors.reminderMinutes} locked={remindersOff ? OFF_BY_POLICY : undefined}>
        {(aria) => (
          <input
            type="number"
            min={1}
            max={120}
            inputMode="numeric"
            value={tools.reminderMinutes}
            disabled={noUser || remindersOff}
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
