import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { DayEvent } from './day';

// The agent at work, as the extension's pages and content scripts speak for
// them: each event of the day becomes the messages the real content script,
// popup or tab view sends to the background, and their follow-ups.

type Reply = { ok: boolean; refreshing?: boolean; summaries?: Record<string, { ok: boolean; refreshing?: boolean }>; error?: { kind: string; retryAfterMs?: number } };

// The background knows its pages by their origin, `new URL(runtime.getURL('/')).origin`;
// Node's URL gives a chrome-extension: address the origin 'null', so that is the
// origin extension pages have here.
const ORIGIN = new URL(fakeBrowser.runtime.getURL('/')).origin;

async function send(message: Record<string, unknown>, sender: Record<string, unknown>): Promise<Reply> {
  const replies = await fakeBrowser.runtime.onMessage.trigger(message, { id: fakeBrowser.runtime.id, ...sender });
  return (replies.find((r) => r !== undefined) ?? { ok: false }) as Reply;
}

const page = (url: string, tabId: number) => ({ url, tab: { id: tabId, index: 0, windowId: 1 }, frameId: 0 });

/** The badge's or a chip's frame (an extension page) inside the web page `url` of tab `tabId`. */
const framed = (path: string, url: string, tabId: number, frameId: number) => ({
  url: `${ORIGIN}${path}`,
  tab: { id: tabId, index: 0, windowId: 1, url },
  frameId,
});

/** What the popup does when a search comes back rate-limited: the version of the UI under test decides. */
export type PopupRetry = ((retryAfterMs: number | undefined, waitedMs: number) => number | null) | null;

export interface Agent {
  play(event: DayEvent): Promise<void>;
}

export function createAgent(options: { wait: (ms: number) => Promise<void>; popupRetry: PopupRetry }): Agent {
  let lastPopupSearch: Record<string, unknown> | null = null;

  async function lead(e: Extract<DayEvent, { kind: 'lead' }>) {
    const url = `https://crm.example.com/leads/${e.leadId}?lead_id=${e.leadId}`;
    const sender = page(url, e.tabId);
    if (!e.spa) await send({ type: 'site-config' }, sender);
    // The content script names the lead; the badge's frame asks for its callbacks.
    await send({ type: 'page-lead', leadId: e.leadId }, sender);
    const badge = framed(`/badge.html#${e.leadId}`, url, e.tabId, 1);
    const reply = await send({ type: 'lead-summary', leadId: e.leadId }, badge);
    if (reply.ok && reply.refreshing) await send({ type: 'lead-summary', leadId: e.leadId, afterRefresh: true }, badge);
  }

  async function chips(e: Extract<DayEvent, { kind: 'chips' }>) {
    const url = 'https://list.example.com/leads';
    await send({ type: 'site-config' }, page(url, e.tabId));
    // One frame per row on screen, each asking for its own lead.
    await Promise.all(
      e.leadIds.map(async (leadId, i) => {
        const chip = framed(`/chip.html#${leadId}`, url, e.tabId, 2 + i);
        const reply = await send({ type: 'lead-summaries', leadIds: [leadId] }, chip);
        if (reply.summaries?.[leadId]?.refreshing) await send({ type: 'lead-summaries', leadIds: [leadId], afterRefresh: true }, chip);
      }),
    );
  }

  /** One search from the popup, with the UI's own waits on a rate-limited answer if it has them. */
  async function popupSearch(message: Record<string, unknown>, sender: Record<string, unknown>) {
    let waited = 0;
    for (;;) {
      const reply = await send(message, sender);
      const retry = !reply.ok && reply.error?.kind === 'rate-limited' && options.popupRetry ? options.popupRetry(reply.error.retryAfterMs, waited) : null;
      if (retry === null) return;
      waited += retry;
      await options.wait(retry);
    }
  }

  async function popup(e: Extract<DayEvent, { kind: 'popup' }>) {
    const sender = { url: `${ORIGIN}/popup.html`, documentId: `popup-${e.session}` };
    await send({ type: 'settings-status' }, sender);
    // The popup shows the last search and refreshes it; the agent then searches and turns a page.
    if (lastPopupSearch) await popupSearch(lastPopupSearch, sender);
    await options.wait(8_000);
    const query = { ...e.query, offset: 0, limit: 20 };
    await popupSearch({ type: 'search', query }, sender);
    if (e.oneSearch) return;
    await options.wait(15_000);
    lastPopupSearch = { type: 'search', query: { ...query, offset: 20 } };
    await popupSearch(lastPopupSearch, sender);
  }

  async function exportCsv(e: Extract<DayEvent, { kind: 'export' }>) {
    const sender = { url: `${ORIGIN}/search.html`, documentId: 'tab-view', tab: { id: 900, index: 1, windowId: 1 } };
    for (let i = 0; i < e.pages; i++) {
      const reply = await send({ type: 'search', purpose: 'export', query: { offset: i * 1000, limit: 1000 } }, sender);
      if (!reply.ok) return;
    }
  }

  return {
    play(event) {
      switch (event.kind) {
        case 'lead':
          return lead(event);
        case 'chips':
          return chips(event);
        case 'popup':
          return popup(event);
        case 'export':
          return exportCsv(event);
      }
    },
  };
}
