import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURE_LEADS } from '../../mock-api/server';
import { launchExtension, screen, type ExtensionSession } from '../harness';

// Issue 8, items 5 and 8: an API address that answers with a redirect to another host.
// The browser must not follow it: neither `?auth_token=` (GET) nor the form body
// (POST, 307/308) may reach the other host, and the user sees why.

let ext: ExtensionSession | undefined;
const servers: Server[] = [];
afterEach(async () => {
  await ext?.close();
  ext = undefined;
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('an API address that redirects elsewhere', () => {
  it.each([
    ['GET', 302],
    ['POST', 307],
  ] as const)('%s with a %s: nothing reaches the other host and the popup says so', async (method, status) => {
    const stolen: string[] = [];
    const elsewhere = await serve((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        stolen.push(`${req.method} ${req.url} ${body}`);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true,"data":{"offset":0,"limit":20,"total":0,"results":[]}}');
      });
    });
    const redirector = await serve((req, res) => {
      req.resume();
      res.writeHead(status, { location: `${elsewhere}/steal${req.url?.slice(req.url.indexOf('?')) ?? ''}` }).end();
    });
    ext = await launchExtension({ method });
    // Saved the trusted way, as the options page would (both hosts are loopback, granted in test builds).
    await ext.setStorage('local', { apiBaseUrl: `${redirector}/v1` });
    const page = await ext.openPage('popup.html');
    await screen(page).getByLabel('Lead ID').fill(FIXTURE_LEADS.withCallbacks);
    await screen(page).getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => screen(page).getByText(/answered with a redirect to another address/).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(stolen).toEqual([]);
  });
});

describe('an answer too large to read', () => {
  it('a gzip bomb (40 KB on the wire, 40 MB inflated) is cut off and reported as too large', async () => {
    const { gzipSync } = await import('node:zlib');
    const bomb = gzipSync(Buffer.concat([Buffer.from('{"success":true,"data":{"results":['), Buffer.alloc(40 * 1024 * 1024, 0x20), Buffer.from(']}}')]));
    const api = await serve((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': bomb.length }).end(bomb);
    });
    ext = await launchExtension();
    await ext.setStorage('local', { apiBaseUrl: `${api}/v1` });
    const page = await ext.openPage('popup.html');
    await screen(page).getByLabel('Lead ID').fill(FIXTURE_LEADS.withCallbacks);
    await screen(page).getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => screen(page).getByText(/answer was too large to read/).isVisible(), { timeout: 30_000 }).toBe(true);
  });
});
