import { afterEach, describe, expect, it, vi } from 'vitest';
import { summarizeLead } from '../../lookup/summarize-lead';
import { BROWSER_CLOCK, resolveZones, wallToInstant, zoneLabel, zonedWallMs } from './time-zone';

// With no account zone set, the browser's clock is read through Date's local-time
// methods: the same readings as Intl in the browser's zone, across daylight-saving
// changes, without building the first Intl formatter (about 12 ms in a service
// worker that was just started, before a stopped worker's first answer).

const LA = 'America/Los_Angeles';
const wall = (text: string) => Date.parse(`${text}Z`);
const iso = (ms: number) => new Date(ms).toISOString();

const savedTz = process.env.TZ;
/** Node re-reads the process's zone when TZ is set: this "browser" is in `zone`. */
function browserIn(zone: string): void {
  process.env.TZ = zone;
}
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
  vi.restoreAllMocks();
});

describe('the browser’s clock without Intl', () => {
  it('an unset account zone is the browser’s clock, a named one stays named', () => {
    expect(resolveZones({})).toEqual({ account: BROWSER_CLOCK, browser: BROWSER_CLOCK });
    expect(resolveZones({ account: '' })).toEqual({ account: BROWSER_CLOCK, browser: BROWSER_CLOCK });
    expect(resolveZones({ account: 'america/los_angeles' })).toEqual({ account: LA, browser: BROWSER_CLOCK });
  });

  it.each([
    // Winter, summer, and each side of both 2025 changes in Los Angeles.
    '2025-01-15T17:00:00.250Z',
    '2025-07-15T17:00:00Z',
    '2025-03-09T09:59:59Z',
    '2025-03-09T10:00:00Z',
    '2025-11-02T08:59:59Z',
    '2025-11-02T09:00:00Z',
  ])('reads %s as Intl does in the browser’s zone', (instant) => {
    browserIn(LA);
    expect(iso(zonedWallMs(Date.parse(instant), BROWSER_CLOCK))).toBe(iso(zonedWallMs(Date.parse(instant), LA)));
  });

  it.each([
    ['2025-01-15T09:00:00', '2025-01-15T17:00:00.000Z'],
    // 2:30 does not exist that night: read an hour on.
    ['2025-03-09T02:30:00', '2025-03-09T10:30:00.000Z'],
    // 1:30 happens twice: the first is taken.
    ['2025-11-02T01:30:00', '2025-11-02T08:30:00.000Z'],
  ])('finds the instant the browser’s clock reads %s, as for a named zone', (reading, instant) => {
    browserIn(LA);
    expect(iso(wallToInstant(wall(reading), BROWSER_CLOCK))).toBe(instant);
  });

  it('labels an account time only where the browser’s clock reads otherwise', () => {
    const nine = wall('2025-01-15T09:00:00');
    browserIn(LA);
    expect(zoneLabel(nine, { account: LA })).toBe('');
    browserIn('America/New_York');
    expect(zoneLabel(nine, { account: LA })).toBe('PT');
    expect(zoneLabel(nine, {})).toBe('');
  });

  it('summarising a lead with no account zone builds no Intl formatter', () => {
    const built = vi.spyOn(Intl, 'DateTimeFormat');
    const soon = new Date(Date.now() + 30 * 60_000);
    const local = new Date(soon.getTime() - soon.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
    const summary = summarizeLead('55', {
      offset: 0,
      limit: 20,
      total: 1,
      results: [
        {
          id: '1', leadId: '55', listId: '1', campaignId: '2', userId: '3', stage: 'pending', stageLabel: 'PENDING',
          recipient: 'personal', recipientLabel: 'USERONLY', callbackTime: { local }, createdAt: null, modifiedAt: null,
          seenAt: null, status: 'LIVE', statusName: '', userName: 'Agent', campaignName: 'Campaign', campaignType: 'Normal',
          directoryName: '', comments: '', context: '', raw: {},
        },
      ],
    }, new Date());
    expect(summary.urgency).toBe('due_soon');
    expect(built).not.toHaveBeenCalled();
  });
});
