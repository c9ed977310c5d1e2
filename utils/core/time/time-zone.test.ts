import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, resolveZones, timeZoneNames, wallToInstant, zoneAbbreviation, zoneLabel, zonedWallMs } from './time-zone';

const LA = 'America/Los_Angeles';
const NY = 'America/New_York';
const wall = (text: string) => Date.parse(`${text}Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19);

describe('zonedWallMs: what a zone’s clock reads at an instant', () => {
  it.each([
    ['2025-01-15T17:00:00Z', LA, '2025-01-15T09:00:00'],
    ['2025-01-15T17:00:00Z', NY, '2025-01-15T12:00:00'],
    ['2025-07-15T17:00:00Z', LA, '2025-07-15T10:00:00'],
    ['2025-07-15T17:00:00Z', 'Asia/Kolkata', '2025-07-15T22:30:00'],
    ['2025-07-15T23:30:00Z', 'Australia/Sydney', '2025-07-16T09:30:00'],
    ['2025-01-15T00:30:00Z', 'UTC', '2025-01-15T00:30:00'],
  ])('%s in %s', (instant, zone, reading) => {
    expect(iso(zonedWallMs(Date.parse(instant), zone))).toBe(reading);
  });
});

describe('wallToInstant: which instant a reading of the account’s clock is', () => {
  it.each([
    [LA, '2025-01-15T09:00:00', '2025-01-15T17:00:00.000Z'],
    [LA, '2025-07-15T09:00:00', '2025-07-15T16:00:00.000Z'],
    // Spring forward (2025-03-09 2:00 PST → 3:00 PDT): the day before and after keep their offsets.
    [LA, '2025-03-09T01:30:00', '2025-03-09T09:30:00.000Z'],
    [LA, '2025-03-09T03:30:00', '2025-03-09T10:30:00.000Z'],
    // 2:30 does not exist that night: read an hour on.
    [LA, '2025-03-09T02:30:00', '2025-03-09T10:30:00.000Z'],
    // Fall back (2025-11-02 2:00 PDT → 1:00 PST): 1:30 happens twice, the first is taken.
    [LA, '2025-11-02T01:30:00', '2025-11-02T08:30:00.000Z'],
    ['Europe/Berlin', '2025-03-30T12:00:00', '2025-03-30T10:00:00.000Z'],
  ])('%s %s', (zone, reading, instant) => {
    expect(new Date(wallToInstant(wall(reading), zone)).toISOString()).toBe(instant);
  });
});

describe('zone names', () => {
  it('canonicalTimeZone accepts any case and refuses what Intl does not know', () => {
    expect(canonicalTimeZone('america/los_angeles')).toBe(LA);
    expect(canonicalTimeZone(' UTC ')).toBe('UTC');
    expect(canonicalTimeZone('Mars/Olympus_Mons')).toBeNull();
    expect(canonicalTimeZone('')).toBeNull();
  });
  it('resolveZones falls back on the browser’s zone for an empty or unknown account zone', () => {
    expect(resolveZones({ account: '', browser: NY })).toEqual({ account: NY, browser: NY });
    expect(resolveZones({ account: 'Nowhere/Town', browser: NY })).toEqual({ account: NY, browser: NY });
    expect(resolveZones({ account: LA, browser: NY })).toEqual({ account: LA, browser: NY });
  });
  it('zoneAbbreviation prefers the short generic name, else the offset', () => {
    expect(zoneAbbreviation(LA, Date.parse('2025-01-15T17:00:00Z'))).toBe('PT');
    expect(zoneAbbreviation(LA, Date.parse('2025-07-15T17:00:00Z'))).toBe('PT');
    expect(zoneAbbreviation(NY, Date.parse('2025-01-15T17:00:00Z'))).toBe('ET');
    expect(zoneAbbreviation('Europe/Berlin', Date.parse('2025-01-15T17:00:00Z'))).toBe('GMT+1');
  });
  it('zoneLabel: empty when both clocks read the same, else the account zone', () => {
    const at = wall('2025-01-15T09:00:00');
    expect(zoneLabel(at, { account: LA, browser: LA })).toBe('');
    expect(zoneLabel(at, { account: '', browser: NY })).toBe('');
    expect(zoneLabel(at, { account: LA, browser: NY })).toBe('PT');
    expect(zoneLabel(at, { account: NY, browser: LA })).toBe('ET');
    // Same offsets, other names: nothing to tell the agent.
    expect(zoneLabel(at, { account: 'America/Detroit', browser: NY })).toBe('');
  });
  it('timeZoneNames lists IANA zones, UTC included', () => {
    const names = timeZoneNames();
    expect(names).toContain(LA);
    expect(names).toContain('UTC');
  });
});
