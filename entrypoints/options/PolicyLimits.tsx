import type { TrafficPolicy } from '../../utils/core/storage/traffic-policy';

const minutes = (n: number) => `${n} ${n === 1 ? 'minute' : 'minutes'}`;

/** The limits the administrator's policy sets, as the options list them: label and value, in a fixed order. */
export function policyLimitRows(policy: TrafficPolicy): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  if (policy.requestsPerMinute !== undefined) rows.push(['Requests to Convoso per minute', String(policy.requestsPerMinute)]);
  if (policy.minRefreshMinutes !== undefined) rows.push(['Shortest refresh of the toolbar count and reminders', minutes(policy.minRefreshMinutes)]);
  if (policy.leadCacheMinutes !== undefined) rows.push(['A lead’s callbacks shown without asking again for', minutes(policy.leadCacheMinutes)]);
  const off = [
    policy.allowInlineChips === false ? 'inline chips (sites set to them show the badge)' : '',
    policy.allowToolbarCount === false ? 'the toolbar count' : '',
    policy.allowReminders === false ? 'reminders' : '',
  ].filter(Boolean);
  if (off.length > 0) rows.push(['Turned off', off.join(', ')]);
  return rows;
}

/** In the Administrator section: the traffic limits in force by policy, read-only; nothing when none is set. */
export function PolicyLimits(props: { policy: TrafficPolicy }) {
  const rows = policyLimitRows(props.policy);
  if (rows.length === 0) return null;
  return (
    <section class="card" aria-labelledby="limits-title">
      <h3 id="limits-title">Limits set by your administrator</h3>
      <p class="hint">Set by browser policy; they apply to every agent and cannot be changed here.</p>
      <dl class="limits">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
