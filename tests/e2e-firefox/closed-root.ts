import type { Page } from 'puppeteer-core';

// Reaching into a CLOSED shadow root from the test, as the browser's automation (not a
// page script) can: the badge's root is closed so that the page cannot read it, and its
// listeners ignore untrusted events, so neither `host.shadowRoot` nor `el.click()` from
// the page works. WebDriver BiDi can:
// - `browsingContext.locateNodes` with `includeShadowTree: 'all'` serializes closed roots
//   too (measured on Firefox ESR 153), which gives the root's sharedId; a second
//   locateNodes with that root as start node finds elements inside it;
// - `script.callFunction` in a sandbox realm reads a located node (the page's own
//   scripts cannot reach a sandbox, so they cannot tamper with what the test reads);
// - the click is puppeteer's real mouse input (`input.performActions`), trusted.
// Puppeteer has no public API for raw BiDi commands: `bidi()` below is the one place
// that uses its internals (the BiDi Frame's `browsingContext`, whose session puppeteer's
// own Frame and Mouse classes send through; puppeteer-core 24.43.1).

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

async function locate(page: Page, params: object): Promise<SerializedNode[]> {
  const { context, send } = bidi(page);
  const { result } = await send('browsingContext.locateNodes', { context, ...params });
  return (result as { nodes: SerializedNode[] }).nodes;
}

/**
 * The elements matching `selector` inside the shadow roots (open or closed) of the
 * elements matching `hostSelector`, in document order.
 */
export async function queryInShadowRoots(page: Page, hostSelector: string, selector: string): Promise<NodeRef[]> {
  const hosts = await locate(page, {
    locator: { type: 'css', value: hostSelector },
    // Depth 1 serializes the host's shadow root reference (closed ones too with 'all').
    serializationOptions: { includeShadowTree: 'all', maxDomDepth: 1 },
  });
  const found: NodeRef[] = [];
  for (const host of hosts) {
    const rootId = host.value?.shadowRoot?.sharedId;
    if (!rootId) continue;
    const nodes = await locate(page, {
      locator: { type: 'css', value: selector },
      startNodes: [{ sharedId: rootId }],
      serializationOptions: { maxDomDepth: 0 },
    });
    for (const node of nodes) if (node.sharedId) found.push({ sharedId: node.sharedId });
  }
  return found;
}

/**
 * Runs `fn` (source of a function taking the element, returning a string) on `node` in a
 * sandbox realm of the page, and returns its result.
 */
export async function readNode(page: Page, node: NodeRef, fn: string): Promise<string> {
  const { context, send } = bidi(page);
  const { result } = await send('script.callFunction', {
    functionDeclaration: fn,
    arguments: [node],
    awaitPromise: false,
    target: { context, sandbox: 'convoso-e2e' },
  });
  const evaluated = result as { type: string; result?: { type: string; value?: unknown }; exceptionDetails?: { text?: string } };
  if (evaluated.type !== 'success') throw new Error(`readNode: ${evaluated.exceptionDetails?.text ?? 'exception'}`);
  if (evaluated.result?.type !== 'string') throw new Error(`readNode: expected a string, got ${evaluated.result?.type}`);
  return evaluated.result.value as string;
}

/** Clicks the centre of `node` with the real (trusted) mouse, as a user would. */
export async function clickNode(page: Page, node: NodeRef): Promise<void> {
  // A DOMRect does not serialize from a sandbox (Xray): pass its numbers as JSON.
  const rect = JSON.parse(
    await readNode(page, node, '(el) => { const r = el.getBoundingClientRect(); return JSON.stringify([r.x, r.y, r.width, r.height]); }'),
  ) as [number, number, number, number];
  const [x, y, width, height] = rect;
  if (width === 0 || height === 0) throw new Error('clickNode: the element has no box (not rendered)');
  await page.mouse.click(x + width / 2, y + height / 2);
}
