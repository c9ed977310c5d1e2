import type { CDPSession, Page } from 'puppeteer-core';
import { inFirefox } from './browsers';
import { queryAll, toMatcher, type Step } from './dom-query';
import type { RoleOptions } from './screen';
import { sleep } from './wait';

// The badge and its chips live in closed shadow roots, which no page script can open
// (nor puppeteer's page-side queries). The tests reach them as the browser's automation
// can, and press them with the real mouse and keyboard (their listeners ignore untrusted
// events):
// - Chromium: the accessibility tree over the DevTools Protocol, as assistive technology
//   reads them (Accessibility.getFullAXTree, closed roots included);
// - Firefox: WebDriver BiDi. `browsingContext.locateNodes` with `includeShadowTree: 'all'`
//   serializes closed roots too, and `script.callFunction` in a sandbox realm (which the
//   page's scripts cannot reach) finds elements by role and name there
//   (tests/harness/dom-query.ts) and reads them. Puppeteer has no public API for raw BiDi
//   commands: `bidi()` is the one place that uses its internals (puppeteer-core 24.43.1).

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The hosts of the extension's closed roots on a CRM page. */
export const HOSTS = 'convoso-callbacks, convoso-callbacks-chip';

/** A lazy handle on "the element with this role and name" inside the closed roots, like a locator. */
export interface ShadowRole {
  count(): Promise<number>;
  waitFor(options?: { state?: 'attached' | 'detached'; timeout?: number }): Promise<void>;
  textContent(): Promise<string | null>;
  innerText(): Promise<string>;
  /** The text of each element inside it that holds text only (what `getByText(…, { exact: true })` would find). */
  leafTexts(): Promise<string[]>;
  getAttribute(name: string): Promise<string | null>;
  /** Whether keyboard focus is on it (inside its shadow root, the document only sees the host). */
  isFocused(): Promise<boolean>;
  focus(): Promise<void>;
  boundingBox(): Promise<Box | null>;
  /** A real (trusted) left click at its centre. */
  click(): Promise<void>;
}

/** Reads and presses one kind of node; `withNode` finds the single match again for each use. */
interface Driver<N> {
  find(): Promise<N[]>;
  call<T>(node: N, fn: string): Promise<T>;
  box(node: N): Promise<Box>;
  scrollIntoView(node: N): Promise<void>;
}

/** Errors that mean "the node found is not in the page any more": find it again. */
const isStaleNode = (error: unknown) => /detached|No node|Could not find node|Could not compute|not rendered|Cannot find context|No quads|no such node|stale/i.test(String(error));

function shadowHandle<N>(page: Page, driver: Driver<N>, what: string): ShadowRole {
  const node = async (timeout = 10_000): Promise<N> => {
    const until = Date.now() + timeout;
    for (;;) {
      const found = await driver.find();
      if (found.length > 1) throw new Error(`${found.length} elements are ${what}`);
      if (found.length === 1) return found[0]!;
      if (Date.now() > until) throw new Error(`No element is ${what}`);
      await sleep(50);
    }
  };
  // The badge redraws its shadow root's content on every render, so a node found a moment
  // ago may be gone: find it again and retry until `timeout`, instead of failing on it.
  const withNode = async <T>(use: (n: N) => Promise<T>, timeout = 10_000): Promise<T> => {
    const until = Date.now() + timeout;
    for (;;) {
      const n = await node(Math.max(0, until - Date.now()));
      try {
        return await use(n);
      } catch (error) {
        if (!isStaleNode(error) || Date.now() > until) throw error;
        await sleep(50);
      }
    }
  };
  const call = <T>(fn: string) => withNode((n) => driver.call<T>(n, fn));
  return {
    count: async () => (await driver.find()).length,
    async waitFor(options = {}) {
      if (options.state !== 'detached') {
        await node(options.timeout);
        return;
      }
      const until = Date.now() + (options.timeout ?? 10_000);
      while ((await driver.find()).length > 0) {
        if (Date.now() > until) throw new Error(`An element is still ${what}`);
        await sleep(50);
      }
    },
    textContent: () => call('function () { return this.textContent; }'),
    innerText: () => call('function () { return this.innerText; }'),
    leafTexts: () => call('function () { return [...this.querySelectorAll("*")].filter((e) => e.childElementCount === 0).map((e) => e.textContent.trim()); }'),
    getAttribute: (name) => call(`function () { return this.getAttribute(${JSON.stringify(name)}); }`),
    isFocused: () => call('function () { return this.getRootNode().activeElement === this; }'),
    focus: () => call('function () { this.focus(); }'),
    async boundingBox() {
      try {
        return await withNode((n) => driver.box(n));
      } catch {
        return null;
      }
    },
    async click() {
      await withNode(async (n) => {
        await driver.scrollIntoView(n);
        const box = await driver.box(n);
        // Still in the page where it was measured: a redraw in between sends the click to its replacement's spot, found again.
        if (!(await driver.call<boolean>(n, 'function () { return this.isConnected; }'))) throw new Error('Node is detached from document');
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      });
    },
  };
}

/** The element inside the extension's closed shadow roots with this role (and accessible name). */
export function shadowRole(page: Page, role: string, options: RoleOptions = {}): ShadowRole {
  const what = `role ${role}${options.name === undefined ? '' : ` named ${String(options.name)}`}`;
  if (!inFirefox(page)) return shadowHandle(page, chromiumByRole(page, role, options), what);
  const step: Step = { by: 'role', role, ...(options.name !== undefined && { name: toMatcher(options.name) }), ...(options.exact && { exact: true }) };
  return shadowHandle(page, firefoxByQuery(page, [step]), what);
}

/** How many elements match `selector` inside the shadow roots of `hostTag` elements. */
export async function countInShadows(page: Page, hostTag: string, selector: string): Promise<number> {
  if (!inFirefox(page)) return chromiumCountInShadows(page, hostTag, selector);
  return (await firefoxByQuery(page, [{ by: 'css', selector }], hostTag).find()).length;
}

// ------------------------------------------------------------------ Chromium: DevTools Protocol

const sessions = new WeakMap<Page, Promise<CDPSession>>();

export function cdpOf(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (!session) {
    session = page.createCDPSession().then(async (s) => {
      await s.send('DOM.enable');
      await s.send('Accessibility.enable');
      return s;
    });
    sessions.set(page, session);
  }
  return session;
}

interface AXNode {
  ignored?: boolean;
  role?: { value?: string };
  name?: { value?: string };
  backendDOMNodeId?: number;
}

function nameMatches(actual: string, name: RoleOptions['name'], exact?: boolean): boolean {
  if (name === undefined) return true;
  if (name instanceof RegExp) return name.test(actual);
  return exact ? actual === name : actual.toLowerCase().includes(name.toLowerCase());
}

function chromiumByRole(page: Page, role: string, options: RoleOptions): Driver<number> {
  return {
    async find() {
      const session = await cdpOf(page);
      const { nodes } = (await session.send('Accessibility.getFullAXTree')) as { nodes: AXNode[] };
      return nodes
        .filter((n) => !n.ignored && n.role?.value === role && n.backendDOMNodeId !== undefined && nameMatches(n.name?.value ?? '', options.name, options.exact))
        .map((n) => n.backendDOMNodeId as number);
    },
    async call<T>(backendNodeId: number, fn: string): Promise<T> {
      const session = await cdpOf(page);
      const { object } = await session.send('DOM.resolveNode', { backendNodeId });
      const { result } = await session.send('Runtime.callFunctionOn', { objectId: object.objectId, functionDeclaration: fn, returnByValue: true });
      await session.send('Runtime.releaseObject', { objectId: object.objectId! });
      return result.value as T;
    },
    async box(backendNodeId) {
      const session = await cdpOf(page);
      const { quads } = await session.send('DOM.getContentQuads', { backendNodeId });
      const q = quads[0];
      if (!q) throw new Error('No quads: the node is not rendered');
      const xs = [q[0]!, q[2]!, q[4]!, q[6]!];
      const ys = [q[1]!, q[3]!, q[5]!, q[7]!];
      return { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
    },
    async scrollIntoView(backendNodeId) {
      await (await cdpOf(page)).send('DOM.scrollIntoViewIfNeeded', { backendNodeId });
    },
  };
}

async function chromiumCountInShadows(page: Page, hostTag: string, selector: string): Promise<number> {
  const session = await cdpOf(page);
  const { root } = await session.send('DOM.getDocument', { depth: -1, pierce: true });
  type N = { nodeId: number; localName?: string; children?: N[]; shadowRoots?: N[] };
  const roots: number[] = [];
  const walk = (n: N) => {
    if (n.localName === hostTag) for (const s of n.shadowRoots ?? []) roots.push(s.nodeId);
    for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) walk(c);
  };
  walk(root as N);
  let count = 0;
  for (const nodeId of roots) count += (await session.send('DOM.querySelectorAll', { nodeId, selector })).nodeIds.length;
  return count;
}

/**
 * Runs `expression` in the content script's isolated world of the page's main frame:
 * what code in a compromised content script could do (Chromium).
 */
export async function evaluateInContentScript(page: Page, expression: string, extensionId?: string): Promise<unknown> {
  const session = await page.createCDPSession();
  const contexts: { id: number; auxData?: { isDefault?: boolean; type?: string }; origin: string; name: string }[] = [];
  session.on('Runtime.executionContextCreated', (e) => contexts.push(e.context as never));
  try {
    await session.send('Runtime.enable');
    const world = contexts.find(
      (c) => c.auxData?.type === 'isolated' && (c.origin.startsWith('chrome-extension://') || c.name === 'Convoso Callbacks' || (extensionId !== undefined && c.origin.includes(extensionId))),
    );
    if (!world) throw new Error(`No content script world in this page: ${JSON.stringify(contexts)}`);
    const { result, exceptionDetails } = await session.send('Runtime.evaluate', { contextId: world.id, expression, awaitPromise: true, returnByValue: true });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value;
  } finally {
    await session.detach().catch(() => undefined);
  }
}

// ------------------------------------------------------------------ Firefox: WebDriver BiDi

/** A node located over BiDi, usable as an argument or start node in later commands. */
export interface NodeRef {
  sharedId: string;
}

interface BidiSession {
  send(method: string, params: object): Promise<{ result: unknown }>;
}

interface BidiFrameInternals {
  browsingContext?: { id?: string; userContext?: { browser?: { session?: BidiSession } } };
}

/** The page's BiDi browsing context id and puppeteer's BiDi session (internal API). */
function bidi(page: Page): { context: string; send: BidiSession['send'] } {
  const browsingContext = (page.mainFrame() as unknown as BidiFrameInternals).browsingContext;
  const session = browsingContext?.userContext?.browser?.session;
  if (!browsingContext?.id || !session) {
    throw new Error('closed-root.ts: puppeteer-core internals changed (no BiDi browsingContext/session on the frame)');
  }
  return { context: browsingContext.id, send: (method, params) => session.send(method, params) };
}

interface SerializedNode {
  sharedId?: string;
  value?: { shadowRoot?: SerializedNode | null };
}

type Evaluated = { type: string; result?: { type: string; value?: unknown }; exceptionDetails?: { text?: string } };

/** Calls `fn` (source) in a sandbox realm of the page with `args` (node references or JSON values). */
async function callInSandbox(page: Page, fn: string, args: unknown[]): Promise<{ type: string; value?: unknown }> {
  const { context, send } = bidi(page);
  const { result } = await send('script.callFunction', {
    functionDeclaration: fn,
    arguments: args.map((a) => (a && typeof a === 'object' && 'sharedId' in a ? a : { type: 'string', value: JSON.stringify(a) })),
    awaitPromise: false,
    target: { context, sandbox: 'convoso-e2e' },
    serializationOptions: { maxDomDepth: 0 },
  });
  const evaluated = result as Evaluated;
  if (evaluated.type !== 'success') throw new Error(`callInSandbox: ${evaluated.exceptionDetails?.text ?? 'exception'}`);
  return evaluated.result!;
}

/** The shadow roots (open or closed) of the elements matching `hostSelector`. */
async function shadowRootsOf(page: Page, hostSelector: string): Promise<NodeRef[]> {
  const { context, send } = bidi(page);
  const { result } = await send('browsingContext.locateNodes', {
    context,
    locator: { type: 'css', value: hostSelector },
    // Depth 1 serializes the host's shadow root reference (closed ones too with 'all').
    serializationOptions: { includeShadowTree: 'all', maxDomDepth: 1 },
  });
  return (result as { nodes: SerializedNode[] }).nodes.flatMap((host) => (host.value?.shadowRoot?.sharedId ? [{ sharedId: host.value.shadowRoot.sharedId }] : []));
}

function firefoxByQuery(page: Page, steps: Step[], hostSelector = HOSTS): Driver<NodeRef> {
  // The arguments after a node arrive as JSON text (parsed here), so the query travels as data.
  const query = `function (root, stepsJson) { const __name = (f) => f; return (${queryAll.toString()})(root, JSON.parse(stepsJson)); }`;
  const json = async <T>(node: NodeRef, fn: string): Promise<T> => {
    const out = await callInSandbox(page, `function (el) { return JSON.stringify((${fn}).call(el) ?? null); }`, [node]);
    return JSON.parse(out.value as string) as T;
  };
  return {
    async find() {
      const found: NodeRef[] = [];
      for (const root of await shadowRootsOf(page, hostSelector)) {
        const out = await callInSandbox(page, query, [root, steps]);
        for (const item of (out.value as { sharedId?: string }[] | undefined) ?? []) if (item.sharedId) found.push({ sharedId: item.sharedId });
      }
      return found;
    },
    call: json,
    async box(node) {
      // A DOMRect does not serialize from a sandbox (Xray): its numbers as JSON.
      const [x, y, width, height] = await json<number[]>(node, 'function () { const r = this.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; }');
      if (!width || !height) throw new Error('No quads: the node is not rendered');
      return { x: x!, y: y!, width, height };
    },
    async scrollIntoView(node) {
      await json(node, 'function () { this.scrollIntoView({ block: "nearest", inline: "nearest" }); }');
    },
  };
}

/**
 * Evaluates `code` (an expression; a promise is awaited) in the extension's content-script
 * world of the tab at `tabUrl`, from the extension page `extensionPage`, and returns its
 * JSON result (Firefox). BiDi does not offer that world: Firefox's `script.getRealms` lists
 * only the page's own realm and BiDi's sandboxes. An extension page can:
 * `tabs.executeScript` runs code in the very sandbox the manifest's content script runs in,
 * with its `browser.*` and Firefox's privileged `Element.openOrClosedShadowRoot`. Globals
 * persist between calls. The test build's host access (localhost) allows the injection.
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
