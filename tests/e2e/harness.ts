import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { DEMO_TOKEN, startMockApi, type MockApi } from '../../mock-api/server';
import { findChromium } from './chromium-path';

// Code passed to worker.evaluate runs inside Chromium's service worker, where `chrome` exists.
declare const chrome: any;

export const EXTENSION_DIR = path.resolve(import.meta.dirname, '../../.output/chrome-mv3-test');

// This machine has no network; without these Chromium keeps trying to reach Google.
const QUIET_FLAGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--no-default-browser-check',
];

export interface LaunchOptions {
  /** Saved API token; `null` leaves the extension unconfigured. */
  token?: string | null;
  tokenStorage?: 'local' | 'session';
  method?: 'GET' | 'POST';
  pageSize?: number;
  timeoutMs?: number;
  extensionDir?: string;
  /** The demo shows a real window when a display exists. */
  headless?: boolean;
  /** 0 (the default) picks a free port. */
  apiPort?: number;
  /** CRM sites as the options page saves them ({ id, pattern, mode, rules }). */
  sites?: unknown[];
  /** The agent's own Convoso user ID (the options' "Convoso user ID"); unset by default. */
  userId?: string;
  /** The browser's own IANA zone (Chromium's TZ, pages and service worker alike); default the machine's. */
  browserTimeZone?: string;
}

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  api: MockApi;
  /** Opens an extension page (`popup.html`, `options.html`, `search.html?lead_id=1`) in a tab. */
  openPage(pagePath: string): Promise<Page>;
  /** A demo CRM page on localhost, where the test build's static content script runs. */
  crmUrl(pagePath: string): string;
  /** The same page on 127.0.0.1, which only a user-added CRM site covers. */
  crmUrlOtherHost(pagePath: string): string;
  /** Writes extension storage from inside the service worker, sealing settings as the options page would. */
  setStorage(area: 'local' | 'session', items: Record<string, unknown>): Promise<void>;
  getStorage(area: 'local' | 'session'): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function launchExtension(opts: LaunchOptions = {}): Promise<ExtensionSession> {
  const api = await startMockApi({ port: opts.apiPort ?? 0 });
  const profile = await mkdtemp(path.join(tmpdir(), 'convoso-e2e-'));
  const extensionDir = opts.extensionDir ?? EXTENSION_DIR;
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: await findChromium(),
      headless: opts.headless ?? true,
      viewport: { width: 1280, height: 800 },
      args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, ...QUIET_FLAGS],
      ...(opts.browserTimeZone && { env: { ...process.env, TZ: opts.browserTimeZone }, timezoneId: opts.browserTimeZone }),
    });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    const port = new URL(api.url).port;

    // Settings are stored sealed (utils/settings/sealed.ts): the test build's
    // background exposes the trusted path that seals and opens them, so tests
    // write and read plain values as before. Other keys pass through unchanged.
    const setStorage = (area: 'local' | 'session', items: Record<string, unknown>) =>
      worker.evaluate(async ([a, i]) => {
        const hook = (globalThis as any).__convosoTestStorage;
        if (!hook) throw new Error('This build has no test storage hook: build it with --mode test.');
        await hook.write(a, i);
      }, [area, items] as const);
    const getStorage = (area: 'local' | 'session') =>
      worker.evaluate(async (a) => {
        const hook = (globalThis as any).__convosoTestStorage;
        if (!hook) throw new Error('This build has no test storage hook: build it with --mode test.');
        return hook.read(a);
      }, area) as Promise<Record<string, unknown>>;

    const token = opts.token === undefined ? DEMO_TOKEN : opts.token;
    const where = opts.tokenStorage ?? 'local';
    const local: Record<string, unknown> = {
      apiBaseUrl: api.apiBase,
      tokenStorage: where,
      requestMethod: opts.method ?? 'GET',
    };
    if (opts.pageSize !== undefined) local.pageSize = opts.pageSize;
    if (opts.timeoutMs !== undefined) local.requestTimeoutMs = opts.timeoutMs;
    if (opts.sites !== undefined) local.sites = opts.sites;
    if (opts.userId !== undefined) local.userId = opts.userId;
    if (token !== null && where === 'local') local.token = token;
    await setStorage('local', local);
    if (token !== null && where === 'session') await setStorage('session', { token });

    const ctx = context;
    return {
      context: ctx,
      extensionId,
      worker,
      api,
      async openPage(pagePath) {
        const page = await ctx.newPage();
        await page.goto(`chrome-extension://${extensionId}/${pagePath.replace(/^\//, '')}`);
        return page;
      },
      crmUrl: (p) => `http://localhost:${port}${p}`,
      crmUrlOtherHost: (p) => `http://127.0.0.1:${port}${p}`,
      setStorage,
      getStorage,
      async close() {
        await ctx.close();
        await api.close();
        await rm(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context?.close();
    await api.close();
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
}

/** The popup in a tab, once its form is ready (its first field is there). */
export async function openPopup(session: ExtensionSession): Promise<Page> {
  const page = await session.openPage('popup.html');
  await page.getByLabel('Lead ID').waitFor();
  return page;
}
