import { describe, expect, it } from 'vitest';
import { shorten } from './shorten';

describe('shorten', () => {
  it.each([
    ['', 10, '', false],
    ['short', 10, 'short', false],
    ['  spaced\n\nlines  ', 20, 'spaced lines', false],
    ['exactly ten', 11, 'exactly ten', false],
    ['call back after five please', 20, 'call back after…', true],
    ['abcdefghijklmnopqrstuvwxyz', 10, 'abcdefghij…', true],
    ['<script>alert(1)</script> long text here', 12, '<script>aler…', true],
  ])('%j at %i', (input, max, text, truncated) => {
    expect(shorten(input, max)).toEqual({ text, truncated });
  });
});
