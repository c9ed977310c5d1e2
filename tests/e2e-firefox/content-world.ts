import type { Page } from 'puppeteer-core';

// Running code in the extension's content-script world of a web page in Firefox, as a
// compromised renderer could. WebDriver BiDi does not offer that world: Firefox's
// `script.getRealms` lists only the page's own realm and the sandboxes BiDi itself made
// (measured on Firefox ESR 153), never an extension's content-script sandbox. An
// extension page can: `tabs.executeScript` runs code in the extension's content-script
// sandbox of that tab: the very sandbox the manifest's content script runs in (its
// top-level globals are visible, see storage-isolation.e2e.ts), with its `browser.*`
// and Firefox's privileged `Element.openOrClosedShadowRoot`. Globals persist between
// calls, so a listener added in one call can be read in the next. The test build's host access (localhost) is what allows the injection.

/**
 * Evaluates `code` (an expression; a promise is awaited) in the content-script world
 * of the tab whose URL is `tabUrl`, from the extension page `extensionPage`, and
 * returns its result, which must be JSON-serialisable.
 */
export async function inContentScriptWorld<T = unknown>(extensionPage: Page, tabUrl: string, code: string): Promise<T> {
  const json = await extensionPage.evaluate(
    async (url, source) => {
      const b = (globalThis as unknown as { browser: any }).browser;
      // Not query({ url }): a match pattern with a port is not portable.
      const tab = (await b.tabs.query({})).find((t: { url?: string }) => t.url === url);
      if (!tab) throw new Error(`no tab at ${url}`);
      // JSON inside the world: an Xray-wrapped object would not clone back as is.
      const [result] = await b.tabs.executeScript(tab.id, { code: `Promise.resolve(${source}).then((v) => JSON.stringify(v ?? null))` });
      return result as string;
    },
    tabUrl,
    code,
  );
  return JSON.parse(json) as T;
}
