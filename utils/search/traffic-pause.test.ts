import { describe, expect, it } from 'vitest';
import { pauseOf, pauseText } from './traffic-pause';

describe('traffic notices', () => {
  it.each<[unknown, number | null | undefined]>([
    [{ type: 'traffic', pausedUntil: 1_750_000_000_000 }, 1_750_000_000_000],
    [{ type: 'traffic', pausedUntil: null }, null],
    [{ type: 'traffic', pausedUntil: 'soon' }, undefined],
    [{ type: 'traffic', pausedUntil: Number.POSITIVE_INFINITY }, undefined],
    [{ type: 'search', query: {} }, undefined],
    ['traffic', undefined],
  ])('%o announces %s', (message, pause) => {
    expect(pauseOf(message)).toBe(pause);
  });

  it('says when the gate tries again, on this computer’s clock', () => {
    expect(pauseText(new Date(2025, 5, 3, 10, 42, 30).getTime(), 'en-US')).toBe('Convoso asked to slow down, trying again at 10:42 AM');
  });
});
