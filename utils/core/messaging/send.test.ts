import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { send } from './send';

beforeEach(() => fakeBrowser.reset());
afterEach(() => vi.restoreAllMocks());

// The popup has no page to reload: the sentence must not ask for one.
const NO_ANSWER = { ok: false, error: { kind: 'internal', message: 'The extension did not answer. Try again.' } };

describe('send', () => {
  it('passes the background reply through', async () => {
    const reply = { ok: true, page: { offset: 0, limit: 20, total: 0, results: [] } };
    fakeBrowser.runtime.onMessage.addListener(() => Promise.resolve(reply));
    expect(await send({ type: 'search', query: {} })).toEqual(reply);
  });

  it.each<[string, () => void]>([
    ['no listener answers', () => {}],
    ['the answer is not a reply', () => fakeBrowser.runtime.onMessage.addListener(() => Promise.resolve('odd'))],
    ['the answer is undefined', () => fakeBrowser.runtime.onMessage.addListener(() => Promise.resolve(undefined))],
    [
      'sending throws',
      () =>
        fakeBrowser.runtime.onMessage.addListener(() => {
          throw new Error('Could not establish connection. Receiving end does not exist.');
        }),
    ],
  ])('when %s, answers an internal error that offers trying again', async (_, setup) => {
    setup();
    expect(await send({ type: 'settings-status' })).toEqual(NO_ANSWER);
  });

  it('a content script orphaned by an extension update is told to reload its page, which is all that helps there', async () => {
    vi.spyOn(fakeBrowser.runtime, 'id', 'get').mockReturnValue(undefined as unknown as string);
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error('Extension context invalidated.'));
    expect(await send({ type: 'lead-summary', leadId: '424242' })).toEqual({
      ok: false,
      error: { kind: 'internal', message: 'The extension was updated or reloaded. Reload this page to use it again.' },
    });
  });
});
