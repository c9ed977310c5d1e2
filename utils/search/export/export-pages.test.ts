import { describe, expect, it, vi } from 'vitest';
import type { Callback, SearchPage } from '../../core/api/model';
import type { SearchQueryInput } from '../../core/api/query-input';
import { OFFSET_MAX } from '../../core/api/vocabulary';
import { BOM } from './csv';
import { exportPages, type PageReply } from './export-pages';

const cb = (id: number): Callback =>
  ({
    id: String(id), leadId: '1', listId: '', campaignId: '', userId: '', stage: 'pending', stageLabel: 'Pending',
    recipient: 'system', recipientLabel: 'System', callbackTime: null, createdAt: null, modifiedAt: null, seenAt: null,
    status: '', statusName: '', userName: '', campaignName: '', campaignType: '', directoryName: '', comments: '', context: '', raw: {},
  }) as Callback;

/** A fake API over `total` callbacks (ids 1..total); `atLeast`: answers carry no usable total. */
function api(total: number, opts: { atLeast?: boolean } = {}) {
  const asked: SearchQueryInput[] = [];
  const fetchPage = vi.fn(async (q: SearchQueryInput): Promise<PageReply> => {
    asked.push(q);
    const offset = Number(q.offset);
    const limit = Number(q.limit);
    const results = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => cb(offset + i + 1));
    const page: SearchPage = opts.atLeast
      ? { offset, limit, total: offset + results.length, results, ...(results.length === limit && { totalAtLeast: true as const }) }
      : { offset, limit, total, results };
    return { ok: true, page };
  });
  return { asked, fetchPage };
}

const rowIds = (chunks: string[]) =>
  chunks.slice(1).join('').split('\r\n').filter(Boolean).map((line) => line.split(',')[0]);

describe('exportPages', () => {
  it('pages through the whole result with the filters kept, header first, every row once', async () => {
    const { asked, fetchPage } = api(25);
    const chunks: string[] = [];
    const progress: unknown[] = [];
    const result = await exportPages({
      query: { stage: 'PENDING', offset: 40, limit: 20 },
      fetchPage,
      write: (c) => chunks.push(c),
      onProgress: (p) => progress.push(p),
      pageSize: 10,
    });
    expect(result).toEqual({ ok: true, rows: 25, capped: false, total: 25 });
    expect(asked).toEqual([
      { stage: 'PENDING', offset: 0, limit: 10 },
      { stage: 'PENDING', offset: 10, limit: 10 },
      { stage: 'PENDING', offset: 20, limit: 10 },
    ]);
    expect(chunks[0]!.startsWith(`${BOM}Callback ID,`)).toBe(true);
    expect(rowIds(chunks)).toEqual(Array.from({ length: 25 }, (_, i) => String(i + 1)));
    expect(progress).toEqual([
      { rows: 10, expected: 25 },
      { rows: 20, expected: 25 },
      { rows: 25, expected: 25 },
    ]);
  });

  it('an empty result is a file with the header only', async () => {
    const { fetchPage } = api(0);
    const chunks: string[] = [];
    expect(await exportPages({ query: {}, fetchPage, write: (c) => chunks.push(c), pageSize: 10 })).toEqual({
      ok: true, rows: 0, capped: false, total: 0,
    });
    expect(rowIds(chunks)).toEqual([]);
  });

  it('follows full pages when Convoso gives no usable total', async () => {
    const { asked, fetchPage } = api(20, { atLeast: true });
    const chunks: string[] = [];
    const result = await exportPages({ query: {}, fetchPage, write: (c) => chunks.push(c), pageSize: 10 });
    expect(result).toEqual({ ok: true, rows: 20, capped: false, total: 20 });
    expect(asked.map((q) => q.offset)).toEqual([0, 10, 20]);
  });

  it('stops at the API offset limit and says the result was larger', async () => {
    const pageSize = 5000;
    const { asked, fetchPage } = api(OFFSET_MAX + 20_000);
    let rows = 0;
    const result = await exportPages({
      query: {},
      fetchPage,
      write: (c) => (rows += c.split('\r\n').length - 1),
      pageSize,
    });
    expect(result).toEqual({ ok: true, rows: OFFSET_MAX + pageSize, capped: true, total: OFFSET_MAX + 20_000 });
    expect(asked.at(-1)!.offset).toBe(OFFSET_MAX);
    expect(rows).toBe(OFFSET_MAX + pageSize + 1);
  });

  it('cancel: no page is asked after the signal, and the answer in flight is dropped', async () => {
    const controller = new AbortController();
    const { asked, fetchPage } = api(100);
    const inner = fetchPage.getMockImplementation()!;
    fetchPage.mockImplementation(async (q) => {
      const reply = await inner(q);
      if (q.offset === 10) controller.abort();
      return reply;
    });
    const chunks: string[] = [];
    const result = await exportPages({ query: {}, fetchPage, write: (c) => chunks.push(c), signal: controller.signal, pageSize: 10 });
    expect(result).toEqual({ ok: false, cancelled: true });
    expect(asked.map((q) => q.offset)).toEqual([0, 10]);
    expect(rowIds(chunks)).toHaveLength(10);
  });

  it('an aborted signal sends nothing', async () => {
    const { fetchPage } = api(100);
    const controller = new AbortController();
    controller.abort();
    expect(await exportPages({ query: {}, fetchPage, write: () => undefined, signal: controller.signal })).toEqual({ ok: false, cancelled: true });
    expect(fetchPage).not.toHaveBeenCalled();
  });

  it('reports the first error and stops', async () => {
    const { fetchPage } = api(100);
    const inner = fetchPage.getMockImplementation()!;
    fetchPage.mockImplementation(async (q) =>
      q.offset === 20 ? { ok: false, error: { kind: 'timeout', message: 'Convoso did not answer in time.' } as never } : inner(q),
    );
    const result = await exportPages({ query: {}, fetchPage, write: () => undefined, pageSize: 10 });
    expect(result).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    expect(fetchPage).toHaveBeenCalledTimes(3);
  });
});
