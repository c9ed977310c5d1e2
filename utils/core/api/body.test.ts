import { describe, expect, it } from 'vitest';
import { jsonTooDeep, readBodyCapped } from './body';

function streamed(chunks: Uint8Array[], headers: Record<string, string> = {}) {
  let pulled = 0;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks[pulled++];
      if (next) controller.enqueue(next);
      else controller.close();
    },
    cancel() {
      cancelled = true;
    },
  });
  return { response: new Response(body, { headers }), pulled: () => pulled, cancelled: () => cancelled };
}

describe('readBodyCapped', () => {
  it('reads a body under the cap, multi-byte characters split across chunks included', async () => {
    const bytes = new TextEncoder().encode('{"a":"é漢"}');
    const s = streamed([bytes.slice(0, 7), bytes.slice(7)]);
    expect(await readBodyCapped(s.response, 100)).toEqual({ ok: true, text: '{"a":"é漢"}' });
  });
  it('stops reading and cancels the stream once past the cap (an endless or inflated body)', async () => {
    const chunk = new Uint8Array(1024).fill(32);
    const s = streamed(Array.from({ length: 1000 }, () => chunk));
    expect(await readBodyCapped(s.response, 4096)).toEqual({ ok: false, tooLarge: true });
    expect(s.pulled()).toBeLessThan(10);
    expect(s.cancelled()).toBe(true);
  });
  it('refuses an announced Content-Length over the cap without reading', async () => {
    const s = streamed([new Uint8Array(10)], { 'content-length': '60000000' });
    expect(await readBodyCapped(s.response, 1024)).toEqual({ ok: false, tooLarge: true });
    expect(s.pulled()).toBeLessThanOrEqual(1);
  });
});

describe('jsonTooDeep', () => {
  it.each([
    ['{"data":{"results":[{"a":[1,{"b":2}]}]}}', false],
    ['"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["', false],
    ['{"s":"\\"[[[[[[[[[["}', false],
    ['['.repeat(65) + ']'.repeat(65), true],
    ['{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000), true],
  ])('%#', (text, deep) => expect(jsonTooDeep(text, 64)).toBe(deep));
});
