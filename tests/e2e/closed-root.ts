import type { CDPSession, Page } from 'playwright-core';

// The badge and its chips live in closed shadow roots, which Playwright's
// locators do not enter (nor can any page script). The tests read them the way
// assistive technology does: through the browser's accessibility tree (DevTools
// Protocol), and press them with the real mouse and keyboard (trusted input).

const sessions = new WeakMap<Page, Promise<CDPSession>>();

export function cdpOf(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (!session) {
    session = page.context().newCDPSession(page).then(async (s) => {
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

export interface ByRoleOptions {
  name?: string | RegExp;
  exact?: boolean;
}

function nameMatches(actual: string, name: ByRoleOptions['name'], exact?: boolean): boolean {
  if (name === undefined) return true;
  if (name instanceof RegExp) return name.test(actual);
  return exact ? actual === name : actual.toLowerCase().includes(name.toLowerCase());
}

/** Backend node ids of every element with this role (and accessible name), closed shadow roots included. */
async function findByRole(page: Page, role: string, options: ByRoleOptions): Promise<number[]> {
  const session = await cdpOf(page);
  const { nodes } = (await session.send('Accessibility.getFullAXTree')) as { nodes: AXNode[] };
  return nodes
    .filter((n) => !n.ignored && n.role?.value === role && n.backendDOMNodeId !== undefined && nameMatches(n.name?.value ?? '', options.name, options.exact))
    .map((n) => n.backendDOMNodeId as number);
}

async function callOn<T>(page: Page, backendNodeId: number, fn: string): Promise<T> {
  const session = await cdpOf(page);
  const { object } = await session.send('DOM.resolveNode', { backendNodeId });
  const { result } = await session.send('Runtime.callFunctionOn', {
    objectId: object.objectId,
    functionDeclaration: fn,
    returnByValue: true,
  });
  await session.send('Runtime.releaseObject', { objectId: object.objectId! });
  return result.value as T;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A lazy handle on "the element with this role and name", like a Playwright locator (it waits for it to exist). */
export class RoleInShadow {
  constructor(
    private readonly page: Page,
    private readonly role: string,
    private readonly options: ByRoleOptions = {},
  ) {}

  count(): Promise<number> {
    return findByRole(this.page, this.role, this.options).then((ids) => ids.length);
  }

  /** The single match, waiting up to `timeout` for it. */
  private async node(timeout = 10_000): Promise<number> {
    const until = Date.now() + timeout;
    for (;;) {
      const ids = await findByRole(this.page, this.role, this.options);
      if (ids.length > 1) throw new Error(`${ids.length} elements have role ${this.role} and name ${String(this.options.name)}`);
      if (ids.length === 1) return ids[0]!;
      if (Date.now() > until) throw new Error(`No element with role ${this.role} and name ${String(this.options.name)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /**
   * Runs `use` on the current match. The badge redraws its shadow root's content on
   * every render, so a node found a moment ago may be gone: like Playwright's
   * auto-waiting, find it again and retry until `timeout`, instead of failing on it.
   */
  private async withNode<T>(use: (backendNodeId: number) => Promise<T>, timeout = 10_000): Promise<T> {
    const until = Date.now() + timeout;
    for (;;) {
      const id = await this.node(Math.max(0, until - Date.now()));
      try {
        return await use(id);
      } catch (error) {
        if (!isStaleNode(error) || Date.now() > until) throw error;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  async waitFor(options: { state?: 'attached' | 'detached'; timeout?: number } = {}): Promise<void> {
    if (options.state !== 'detached') {
      await this.node(options.timeout);
      return;
    }
    const until = Date.now() + (options.timeout ?? 10_000);
    while ((await this.count()) > 0) {
      if (Date.now() > until) throw new Error(`Role ${this.role} ${String(this.options.name)} is still there`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async textContent(): Promise<string | null> {
    return this.withNode((id) => callOn(this.page, id, 'function () { return this.textContent; }'));
  }

  /** The text of each element inside it that holds text only (what `getByText(…, { exact: true })` would find). */
  async leafTexts(): Promise<string[]> {
    return this.withNode((id) =>
      callOn(this.page, id, 'function () { return [...this.querySelectorAll("*")].filter((e) => e.childElementCount === 0).map((e) => e.textContent.trim()); }'),
    );
  }

  async getAttribute(name: string): Promise<string | null> {
    return this.withNode((id) => callOn(this.page, id, `function () { return this.getAttribute(${JSON.stringify(name)}); }`));
  }

  /** Whether keyboard focus is on it (inside its shadow root, the document only sees the host). */
  async isFocused(): Promise<boolean> {
    return this.withNode((id) => callOn(this.page, id, 'function () { return this.getRootNode().activeElement === this; }'));
  }

  async focus(): Promise<void> {
    await this.withNode((id) => callOn(this.page, id, 'function () { this.focus(); }'));
  }

  async boundingBox(): Promise<Box | null> {
    try {
      return await this.withNode((id) => boxOf(this.page, id));
    } catch {
      return null;
    }
  }

  /** A real (trusted) left click at its centre. */
  async click(): Promise<void> {
    const session = await cdpOf(this.page);
    await this.withNode(async (id) => {
      await session.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: id });
      const box = await boxOf(this.page, id);
      // Still in the page where it was measured: a redraw in between sends the click to its replacement's spot, found again.
      if (!(await callOn<boolean>(this.page, id, 'function () { return this.isConnected; }'))) throw new Error('Node is detached from document');
      await this.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    });
  }
}

/** Errors that mean "the node found is not in the page any more": find it again. */
function isStaleNode(error: unknown): boolean {
  return /detached|No node|Could not find node|Could not compute|not rendered|Cannot find context|No quads/i.test(String(error));
}

async function boxOf(page: Page, backendNodeId: number): Promise<Box> {
  const session = await cdpOf(page);
  const { quads } = await session.send('DOM.getContentQuads', { backendNodeId });
  const q = quads[0];
  if (!q) throw new Error('No quads: the node is not rendered');
  const xs = [q[0]!, q[2]!, q[4]!, q[6]!];
  const ys = [q[1]!, q[3]!, q[5]!, q[7]!];
  return { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
}

export const byRole = (page: Page, role: string, options?: ByRoleOptions) => new RoleInShadow(page, role, options);

/** How many elements match `selector` inside the shadow roots of `hostTag` elements. */
export async function countInShadows(page: Page, hostTag: string, selector: string): Promise<number> {
  const session = await cdpOf(page);
  const { root } = await session.send('DOM.getDocument', { depth: -1, pierce: true });
  type N = { nodeId: number; localName?: string; children?: N[]; shadowRoots?: N[]; contentDocument?: N };
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
 * Runs `expression` in the content script's isolated world of the page's main
 * frame: what code in a compromised content script could do.
 */
export async function evaluateInContentScript(page: Page, expression: string): Promise<unknown> {
  const session = await page.context().newCDPSession(page);
  const contexts: { id: number; auxData?: { isDefault?: boolean; type?: string }; origin: string; name: string }[] = [];
  session.on('Runtime.executionContextCreated', (e) => contexts.push(e.context as never));
  await session.send('Runtime.enable');
  const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.origin.startsWith('chrome-extension://'));
  if (!world) throw new Error('No content script world in this page');
  const { result, exceptionDetails } = await session.send('Runtime.evaluate', { contextId: world.id, expression, awaitPromise: true, returnByValue: true });
  await session.detach();
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
  return result.value;
}
