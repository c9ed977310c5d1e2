import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHostAccess, type HostUser } from './host-access';

beforeEach(() => {
  fakeBrowser.reset();
  (fakeBrowser.permissions as any).remove = vi.fn(async () => true);
});

const remove = () => vi.mocked(fakeBrowser.permissions.remove);
const user = (inUse: readonly string[] | null, fixed: readonly string[] = []): HostUser => ({ fixed, inUse: async () => inUse });

describe('host access', () => {
  it('gives back a host no feature uses', async () => {
    await createHostAccess([user(['https://crm.example.com/*']), user([])]).release('https://old.example.com/*');
    expect(remove()).toHaveBeenCalledWith({ origins: ['https://old.example.com/*'] });
  });

  it.each([
    ['the same host with another path', 'https://crm.example.com/leads/*'],
    ['a wildcard over it', 'https://*.example.com/*'],
    ['any scheme', '*://crm.example.com/*'],
  ])('keeps it while a feature uses %s', async (_, used) => {
    await createHostAccess([user([]), user([used])]).release('https://crm.example.com/contacts/*');
    expect(remove()).not.toHaveBeenCalled();
  });

  it('keeps it while a feature cannot tell what it uses', async () => {
    await createHostAccess([user([]), user(null)]).release('https://old.example.com/*');
    expect(remove()).not.toHaveBeenCalled();
  });

  it('never gives back what the manifest grants, but does give back a wildcard over it', async () => {
    const access = createHostAccess([user([], ['https://admin.convoso.com/*']), user([], ['https://api.convoso.com/*'])]);
    await access.release('https://admin.convoso.com/*');
    await access.release('https://api.convoso.com/*');
    expect(remove()).not.toHaveBeenCalled();
    await access.release('*://*.convoso.com/*');
    expect(remove()).toHaveBeenCalledWith({ origins: ['*://*.convoso.com/*'] });
  });

  it('never throws: a refused removal or a failing source keeps the access', async () => {
    remove().mockRejectedValue(new Error('You cannot remove required permissions.'));
    await expect(createHostAccess([user([])]).release('http://localhost/*')).resolves.toBeUndefined();
    await expect(createHostAccess([{ fixed: [], inUse: () => Promise.reject(new Error('x')) }]).release('https://a.example/*')).resolves.toBeUndefined();
  });
});
