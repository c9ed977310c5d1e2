import { describe, expect, it } from 'vitest';
import { appliedRefreshMinutes, refreshBelowFloor, refreshFixedByPolicy, refreshFloorNote } from './refresh-floor';

describe('the policy’s shortest refresh over the agent’s interval', () => {
  it.each([
    [5, undefined, 5],
    [5, 30, 30],
    [45, 30, 45],
    [60, 90, 90],
  ])('chosen %i, policy minimum %s: refreshes every %i minutes', (chosen, floor, applied) => {
    expect(appliedRefreshMinutes(chosen, floor)).toBe(applied);
  });

  it.each([
    ['10', 30, 'Your administrator set the shortest refresh to 30 minutes: choose 30 or more.'],
    ['30', 30, null],
    ['10', undefined, null],
    // Not a whole number of minutes: the setting's own check says so.
    ['0', 30, null],
    ['abc', 30, null],
    ['', 30, null],
  ])('typed %j under a minimum of %s: %s', (text, floor, problem) => {
    expect(refreshBelowFloor(text, floor)).toBe(problem);
  });

  it('says what applies beside the field', () => {
    expect(refreshFloorNote(5, undefined)).toBeNull();
    expect(refreshFloorNote(5, 30)).toBe('Your administrator set the shortest refresh to 30 minutes: it refreshes every 30 minutes, not the 5 you chose.');
    expect(refreshFloorNote(30, 30)).toBe('Your administrator set the shortest refresh to 30 minutes.');
    expect(refreshFloorNote(15, 61)).toBe('Your administrator set the refresh to every 61 minutes.');
    expect([60, 61].map(refreshFixedByPolicy)).toEqual([false, true]);
  });
});
