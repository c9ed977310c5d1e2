import { FLEETS, fleetPerHour } from './stats';
import type { Figures } from './stats';

/** One case's figures. */
export interface Outcome extends Figures {
  name: string;
  /** After the last fault ended: how long until the toolbar count was right again (ms), or null if never. */
  countRightAfterMs?: number | null;
}

export interface FleetResult {
  chipRows: number;
  distinctLeads: number;
  hours: number;
  popupRetryLoop: boolean;
  outcomes: Outcome[];
}

const seconds = (ms: number | null | undefined) => (ms === undefined ? '' : ms === null ? 'never' : `${Math.round(ms / 1000)} s`);

/** The figures as a Markdown table, the fleet's hourly calls beside each case. */
export function report(result: FleetResult): string {
  const head = ['case', 'calls', 'per agent-hour', 'peak req/s', ...FLEETS.map((n) => `${n.toLocaleString('en-US')} agents / h`), 'count right after'];
  const rows = result.outcomes.map((o) => [
    o.name,
    String(o.calls),
    String(o.perAgentHour),
    String(o.peakPerSecond),
    ...FLEETS.map((n) => fleetPerHour(o.perAgentHour, n).toLocaleString('en-US')),
    seconds(o.countRightAfterMs),
  ]);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const byPurpose = result.outcomes.map((o) => `- ${o.name}: ${Object.entries(o.byPurpose).map(([k, v]) => `${k} ${v}`).join(', ')}; failed ${o.failed}`);
  return [
    `Chips ask for ${result.chipRows} rows a visit; ${result.distinctLeads} distinct leads in ${result.hours} h; popup retry loop: ${result.popupRetryLoop ? 'yes' : 'no'}.`,
    '',
    line(head),
    line(head.map(() => '---')),
    ...rows.map(line),
    '',
    'Requests by purpose:',
    ...byPurpose,
    '',
  ].join('\n');
}
