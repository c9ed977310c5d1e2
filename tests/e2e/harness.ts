import path from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { DEMO_TOKEN, startMockApi, type MockApi } from '../../mock-api/server';
import { recentDataset } from '../support/recent-dataset';
import { extensionWorker, giveBack, takeBrowser } from './browser-pool';

export const EXTENSION_DIR = path.resolve(import.meta.dirname, '../../.output/chrome-mv3-test');

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
  /**
   * A browser of its own, not one handed on by earlier tests. A reload of the whole
   * extension (chrome.runtime.reload) went unanswered in a browser that had served a
   * few dozen tests, while it works in a new one.
   */
  ownBrowser?: boolean;
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
  const api = await startMockApi({ port: opts.apiPort ?? 0, dataset: recentDataset() });
  let context: BrowserContext | undefined;
  try {
    // A new browser, or the previous test's with the extension reset (browser-pool.ts).
    const browser = await takeBrowser({
      extensionDir: opts.extensionDir ?? EXTENSION_DIR,
      headless: opts.headless ?? true,
      ...(opts.browserTimeZone && { browserTimeZone: opts.browserTimeZone }),
      ...(opts.ownBrowser && { ownBrowser: true }),
    });
    context = browser.context;
    const { extensionId, worker } = browser;
    const port = new URL(api.url).port;

    // Settings are stored sealed (utils/core/storage/sealed.ts): the test build's
    // background exposes the trusted path that seals and opens them, so tests
    // write and read plain values as before. Other keys pass through unchanged.
    // The worker is looked up at each call: a test may have stopped or reloaded it.
    const currentWorker = () => extensionWorker(context!, extensionId) ?? worker;
    const setStorage = (area: 'local' | 'session', items: Record<string, unknown>) =>
      currentWorker().evaluate(async ([a, i]) => {
        const hook = (globalThis as any).__convosoTestStorage;
        if (!hook) throw new Error('This build has no test storage hook: build it with --mode test.');
        await hook.write(a, i);
      }, [area, items] as const);
    const getStorage = (area: 'local' | 'session') =>
      currentWorker().evaluate(async (a) => {
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
        await giveBack(ctx);
        await api.close();
      },
    };
  } catch (error) {
    if (context) await giveBack(context);
    await api.close();
    throw error;
  }
}

/** The popup in a tab, once its form is ready (its first field is there). */
export async function openPopup(session: ExtensionSession): Promise<Page> {
  const page = await session.openPage('popup.html');
  await page.getByLabel('Lead ID').waitFor();
  return page;
}
