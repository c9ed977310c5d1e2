import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { settingsStatus } from './settings-status';
import { writeArea } from '../../../tests/support/sealed-areas';

const TOKEN = 'test-token-not-real-0001';

beforeEach(() => fakeBrowser.reset());

describe('settings-status handler', () => {
  it('reports nothing saved as the defaults, with no user ID and no problems', async () => {
    expect(await settingsStatus()).toEqual({
      ok: true,
      status: {
        hasToken: false,
        tokenHint: '',
        tokenStorage: 'local',
        baseUrl: 'https://api.convoso.com/v1',
        method: 'GET',
        pageSize: 20,
        userId: '',
        timeZone: '',
        problems: [],
      },
    });
  });

  it('reports the saved settings and user ID, and only a hint of the token', async () => {
    await writeArea('local', { token: TOKEN, apiBaseUrl: 'http://localhost:9/v1', requestMethod: 'POST', pageSize: 50, userId: '1234' });
    const reply = await settingsStatus();
    expect(reply).toEqual({
      ok: true,
      status: {
        hasToken: true,
        tokenHint: '••••0001',
        tokenStorage: 'local',
        baseUrl: 'http://localhost:9/v1',
        method: 'POST',
        pageSize: 50,
        userId: '1234',
        timeZone: '',
        problems: [],
      },
    });
    expect(JSON.stringify(reply)).not.toContain(TOKEN);
  });

  it.each<[string, unknown]>([
    ['a number', 1234],
    ['text that is no ID', 'me'],
    ['zero', '0'],
  ])('a user ID stored as %s falls back to none and is reported beside the other problems', async (_, stored) => {
    await writeArea('local', { token: TOKEN, userId: stored, pageSize: 'lots' });
    const reply = await settingsStatus();
    expect(reply).toMatchObject({ ok: true, status: { hasToken: true, userId: '', pageSize: 20 } });
    expect(reply.ok && reply.status.problems).toEqual([
      'The default page size was stored in an unreadable form; using the default.',
      'Your Convoso user ID was stored in an unreadable form; using the default.',
    ]);
  });
});
