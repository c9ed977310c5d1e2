import { describe, expect, it, vi } from 'vitest';
import { apiHostRefusal } from './api-host';

describe('apiHostRefusal: where the token may go', () => {
  const grants = (...patterns: string[]) => vi.fn(async (p: string) => patterns.includes(p));

  it('Convoso’s API host always (the manifest grants it)', async () => {
    const check = grants();
    expect(await apiHostRefusal('https://api.convoso.com/v1', check)).toBeNull();
    expect(check).not.toHaveBeenCalled();
  });
  it.each([
    ['https://api.corp.example/v1', ['https://api.corp.example/*'], true],
    ['https://api.corp.example:8443/v1', ['https://api.corp.example/*'], true],
    ['https://api.corp.example/v1', [], false],
    ['http://elsewhere.example/v1', [], false],
    ['http://127.0.0.1:8787/v1', ['http://127.0.0.1/*'], true],
    ['http://api.convoso.com/v1', [], false],
    ['https://api.convoso.com.evil.example/v1', [], false],
    ['not a url', [], false],
  ])('%s with %j granted: allowed %s', async (base, granted, allowed) => {
    const refusal = await apiHostRefusal(base, grants(...granted));
    if (allowed) expect(refusal).toBeNull();
    else expect(refusal).toMatchObject({ kind: 'refused', message: expect.any(String) });
  });
  it('asks the browser at the moment of each request (a revoked grant counts at once)', async () => {
    let granted = true;
    const check = vi.fn(async () => granted);
    expect(await apiHostRefusal('https://api.corp.example/v1', check)).toBeNull();
    granted = false;
    expect(await apiHostRefusal('https://api.corp.example/v1', check)).toMatchObject({
      message: 'The browser does not grant the extension access to api.corp.example, so the token was not sent there. Open the options to grant access to it.',
    });
    expect(check).toHaveBeenCalledTimes(2);
  });
  it('a browser that cannot answer counts as not granted', async () => {
    expect(await apiHostRefusal('https://api.corp.example/v1', async () => Promise.reject(new Error('x')).catch(() => false))).not.toBeNull();
  });
});
