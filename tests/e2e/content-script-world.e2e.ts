import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { FIXTURE_LEADS } from '../../mock-api/server';
import { badgeFor, badgeScreen, badgeText, evaluateInContentScript, inContentScriptWorld, launchExtension, type ExtensionSession } from '../harness';

// Issue 20, item 7, and item 1's data flow: what the content script's world (a
// compromised page renderer runs code there) receives from the background. Convoso
// answers with a reason naming a lead's owner; the agent reads it in the badge's
// frame; the content script's world never gets it, nor any summary.

let ext: ExtensionSession | undefined;
afterEach(async () => {
  await ext?.close();
  ext = undefined;
});

const SERVER_TEXT = 'Internal: lead 4242 owner Dana Whitfield';

/** Runs `code` (an expression; a promise is awaited; JSON result) in the content script's world of `page`, in either browser. */
async function inWorld<T>(session: ExtensionSession, page: Page, code: string): Promise<T> {
  if (session.name === 'chromium') return (await evaluateInContentScript(page, `(async () => JSON.stringify(await (${code})))()`, session.extensionId).then((v) => JSON.parse(v as string))) as T;
  const extensionPage = await session.openPage('popup.html');
  try {
    return await inContentScriptWorld<T>(extensionPage, page.url(), code);
  } finally {
    await extensionPage.close();
  }
}

describe('what the content script’s world receives', () => {
  it('no server text and no summary: errors as their kind and a fixed sentence; the badge’s frame has the reason', async () => {
    ext = await launchExtension();
    ext.api.setFaults({ successFalse: { code: 9999, text: SERVER_TEXT } });
    const lead = FIXTURE_LEADS.withCallbacks;
    const page = await ext.newPage();
    await page.goto(ext.crmUrl(`/crm/lead.html?lead_id=${lead}`));
    // The agent sees Convoso's reason, in the badge's own frame.
    await expect.poll(() => badgeText(page, lead)).toBe("Couldn't load callbacks");
    await badgeFor(page, lead).click();
    await expect.poll(() => badgeScreen(page).getByRole('dialog').textContent()).toContain(SERVER_TEXT);

    const replies = await inWorld<unknown[]>(
      ext,
      page,
      `(async () => {
        const runtime = (globalThis.browser ?? globalThis.chrome).runtime;
        const ask = (m) => runtime.sendMessage(m).catch((e) => ({ thrown: String(e) }));
        return [
          await ask({ type: 'page-lead', leadId: '${lead}' }),
          await ask({ type: 'lead-summary', leadId: '${lead}' }),
          await ask({ type: 'lead-summaries', leadIds: ['${lead}'] }),
          await ask({ type: 'site-config' }),
          await ask({ type: 'search', query: { lead_id: '${lead}' } }),
        ];
      })()`,
    );
    const text = JSON.stringify(replies);
    expect(text).not.toContain('4242');
    expect(text).not.toContain('Dana');
    expect(text).not.toContain('Convoso said');
    expect(replies[0]).toEqual({ ok: true });
    for (const refused of replies.slice(1, 3).concat(replies.slice(4))) expect(refused).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(replies[3]).toMatchObject({ ok: true, config: { mode: 'badge' } });
  });
});
