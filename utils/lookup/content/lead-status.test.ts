import { describe, expect, it } from 'vitest';
import type { LeadReply } from '../lookup-messages';
import { drawsAtOnce } from './lead-status';

const summary = { total: 0, callbacks: [] } as unknown as Extract<LeadReply, { ok: true }>['summary'];
const error = (kind: string): LeadReply => ({ ok: false, error: { kind, message: 'x' } }) as LeadReply;

describe('drawsAtOnce (an early answer already in, drawn without "Looking up…" first)', () => {
  it.each<[string, LeadReply | undefined, boolean]>([
    ['no answer yet', undefined, false],
    ['a summary', { ok: true, summary, asOf: 0 }, true],
    ['a stale summary being refreshed', { ok: true, summary, asOf: 0, refreshing: true }, true],
    ['not set up', error('no-token'), true],
    ['the API refused the token', error('auth'), true],
    ['the tab is paused', error('paused'), true],
    ['the extension did not answer (asked again later)', error('internal'), false],
    ['a superseded lookup (shows nothing)', error('aborted'), false],
  ])('%s', (_, reply, expected) => {
    expect(drawsAtOnce(reply)).toBe(expected);
  });
});
