import { describe, expect, it } from 'vitest';
import { clip } from './clip';

describe('clip', () => {
  it.each<[string, number, string]>([
    ['short', 10, 'short'],
    ['exactly10!', 10, 'exactly10!'],
    ['eleven chars', 10, 'eleven ch…'],
    ['ab😀cd', 4, 'ab…'],
    ['', 3, ''],
  ])('clip(%j, %i) -> %j', (text, max, expected) => {
    expect(clip(text, max)).toBe(expected);
    expect(clip(text, max).length).toBeLessThanOrEqual(Math.max(max, text.length <= max ? text.length : max));
  });

  it('cuts a megabyte name to the limit', () => {
    expect(clip('x'.repeat(1_000_000), 120)).toHaveLength(120);
  });
});
