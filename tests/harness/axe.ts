import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';
import { findNode, withCdp } from './shadow-cdp';

// axe-core inside the real browser. Its source is evaluated through the browser's automation
// (page.evaluate), which an extension page's CSP does not block the way a <script> would.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const SEVERE = new Set(['serious', 'critical']);

/** Readable one-liners, so a failing test says what and where. */
export const describeFindings = (findings: AxeFinding[]) => findings.map((f) => `${f.impact} ${f.id}: ${f.help} at ${f.targets.join(', ')}`);

async function ensureAxe(page: Page) {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
}

/** Serious and critical axe violations of the whole page (open shadow roots included). */
export async function severeViolations(page: Page): Promise<AxeFinding[]> {
  await ensureAxe(page);
  const found = (await page.evaluate(async () => {
    const result = await (globalThis as any).axe.run(document, { resultTypes: ['violations'] });
    if (result.passes.length === 0) throw new Error('axe checked nothing on this page');
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n: any) => JSON.stringify(n.target)),
    }));
  })) as AxeFinding[];
  return found.filter((f) => SEVERE.has(f.impact ?? ''));
}

/**
 * Serious and critical violations inside the badge's shadow root, open or closed (Chromium).
 * A closed root is out of reach of page scripts (axe included), so the DevTools protocol
 * finds it (DOM.getDocument with pierce), hands it to a function in the page, and that
 * function copies its markup, inline <style> included, into an open root on a twin host
 * in the body, the original hidden meanwhile; axe then checks the twin (styles, layout and
 * colours as rendered), and the twin is removed and the original shown again. Works the
 * same today (open root) and once the badge moves to a closed one.
 */
export async function severeBadgeViolations(page: Page, hostTag = 'convoso-callbacks'): Promise<AxeFinding[]> {
  await ensureAxe(page);
  return withCdp(page, async (cdp, root) => {
    const host = findNode(root, (n) => n.nodeName.toLowerCase() === hostTag && !!n.shadowRoots?.[0]);
    const shadow = host?.shadowRoots?.[0];
    if (!shadow) throw new Error(`no <${hostTag}> with a shadow root on the page`);
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
    const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId!,
      awaitPromise: true,
      returnByValue: true,
      functionDeclaration: `async function () {
        const host = this.host;
        const twin = document.createElement('axe-badge-twin');
        twin.style.cssText = host.style.cssText;
        const open = twin.attachShadow({ mode: 'open' });
        for (const node of this.childNodes) open.append(node.cloneNode(true));
        // In <body>: the badge's host sits under <html>, outside the body, where axe's layout
        // grid never looks, so it could not work out any colour there (it marks contrast
        // "incomplete" and moves on). The badge is position:fixed, so it renders the same.
        document.body.append(twin);
        // Hide the original while the twin is checked: two copies stacked on each other
        // leave axe unable to tell a text's background, and it would skip colour contrast.
        const hidden = [...this.children].map((el) => [el, el.style.cssText]);
        for (const [el] of hidden) el.style.setProperty('visibility', 'hidden', 'important');
        try {
          if (!open.querySelector('button')) throw new Error('the badge copy has no button: nothing to check');
          const result = await axe.run({ include: [twin] }, { resultTypes: ['violations'] });
          if (result.passes.length === 0) throw new Error('axe checked nothing in the badge');
          return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
        } finally {
          twin.remove();
          for (const [el, css] of hidden) el.style.cssText = css;
        }
      }`,
    });
    if (exceptionDetails) throw new Error(`axe on the badge failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return (result.value as AxeFinding[]).filter((f) => SEVERE.has(f.impact ?? ''));
  });
}
