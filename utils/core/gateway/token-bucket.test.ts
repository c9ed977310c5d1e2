import { describe, expect, it } from 'vitest';
import { BURST, SPACING_MS, createTokenBucket } from './token-bucket';

/** Sends as soon as the bucket allows, from t = 0 until `until`, and gives the send times. */
function drain(bucket: ReturnType<typeof createTokenBucket>, until: number, reserve = 0): number[] {
  const sent: number[] = [];
  let t = 0;
  while (t <= until) {
    const wait = bucket.waitMs(t, reserve);
    if (wait > 0) {
      t += wait;
      continue;
    }
    bucket.take(t);
    sent.push(t);
  }
  return sent.filter((at) => at <= until);
}

describe('createTokenBucket', () => {
  it('lets a burst go at once, at most 5 a second, then the rate per minute', () => {
    const sent = drain(createTokenBucket(60), 60_000);
    expect(sent.slice(0, BURST)).toEqual(Array.from({ length: BURST }, (_, i) => i * SPACING_MS));
    // A minute: the burst plus one a second, never more.
    expect(sent.length).toBeLessThanOrEqual(BURST + 60);
    expect(sent.length).toBeGreaterThanOrEqual(60);
  });

  it('never sends more than 5 in any second', () => {
    const sent = drain(createTokenBucket(600), 30_000);
    for (let i = 5; i < sent.length; i++) expect(sent[i]! - sent[i - 5]!).toBeGreaterThanOrEqual(1000);
  });

  it('keeps a reserve for what a person is looking at', () => {
    const bucket = createTokenBucket(60);
    let t = 0;
    // Chips take what they may, down to the reserve.
    while (bucket.waitMs(t, 3) <= SPACING_MS) {
      t += bucket.waitMs(t, 3);
      bucket.take(t);
    }
    const next = t + SPACING_MS;
    expect(bucket.waitMs(next, 3)).toBeGreaterThan(0);
    // The badge's request goes as soon as the spacing allows.
    expect(bucket.waitMs(next, 0)).toBe(0);
  });

  it('follows a new rate from the administrator', () => {
    const bucket = createTokenBucket(60);
    bucket.setRate(6);
    expect(drain(bucket, 60_000).length).toBeLessThanOrEqual(BURST + 6);
  });
});
