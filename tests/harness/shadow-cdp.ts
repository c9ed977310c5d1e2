import type { CDPSession, Page } from 'puppeteer-core';

// Reaching into a shadow root whether it is open or closed, in Chromium: page scripts see
// only open roots, the DevTools protocol sees both (DOM.getDocument with pierce).

export interface DomNode {
  nodeName: string;
  backendNodeId: number;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

export const attr = (node: DomNode, name: string): string | undefined => {
  const a = node.attributes ?? [];
  for (let i = 0; i < a.length; i += 2) if (a[i] === name) return a[i + 1];
  return undefined;
};

/** The first node (depth first, shadow roots included) for which `match` holds. */
export function findNode(root: DomNode, match: (n: DomNode) => boolean): DomNode | undefined {
  if (match(root)) return root;
  for (const child of [...(root.shadowRoots ?? []), ...(root.children ?? [])]) {
    const hit = findNode(child, match);
    if (hit) return hit;
  }
  return undefined;
}

export async function withCdp<T>(page: Page, use: (cdp: CDPSession, root: DomNode) => Promise<T>): Promise<T> {
  const cdp = await page.createCDPSession();
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    return await use(cdp, root as DomNode);
  } finally {
    await cdp.detach();
  }
}

/** Waits for a node matching `match` anywhere in the page, closed shadow roots included. */
export async function waitForNode(page: Page, match: (n: DomNode) => boolean, what: string, timeoutMs = 15_000): Promise<DomNode> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const hit = await withCdp(page, async (_cdp, root) => findNode(root, match));
    if (hit) return hit;
    if (Date.now() > end) throw new Error(`never found ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Clicks the middle of a node found through the protocol, as a user's mouse would. */
export async function clickNode(page: Page, node: DomNode): Promise<void> {
  const { model } = await withCdp(page, (cdp) => cdp.send('DOM.getBoxModel', { backendNodeId: node.backendNodeId }));
  const q = model.border;
  await page.mouse.click((q[0]! + q[4]!) / 2, (q[1]! + q[5]!) / 2);
}
