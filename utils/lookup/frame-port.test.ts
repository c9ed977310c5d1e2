import { describe, expect, it } from 'vitest';
import { frameHash, readFrameHash } from './frame-port';

describe("a frame's address", () => {
  it.each([
    ['#424242/shown', { leadId: '424242', shown: true }],
    ['#424242', { leadId: '424242', shown: false }],
    ['#0042/shown', { leadId: null, shown: true }],
    ['#<script>', { leadId: null, shown: false }],
    ['', { leadId: null, shown: false }],
  ])('%s -> %j', (hash, read) => {
    expect(readFrameHash(hash)).toEqual(read);
  });

  it('round-trips', () => {
    expect(readFrameHash(frameHash('7', false))).toEqual({ leadId: '7', shown: false });
    expect(readFrameHash(frameHash('7'))).toEqual({ leadId: '7', shown: true });
  });
});
