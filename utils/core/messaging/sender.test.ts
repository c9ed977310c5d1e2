import { describe, expect, it } from 'vitest';
import { asItsPage, framedIn, senderRole, type SenderRole } from './sender';
import { createTabPages } from './tab-pages';

const OWN = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${OWN}`;
const FRAMES = ['/badge.html', '/chip.html'];
const tab = { id: 1, index: 0, windowId: 1, highlighted: false, active: true, pinned: false, incognito: false } as never;
const crmTab = { id: 7, url: 'https://crm.example.com/lead/1' } as never;

describe('senderRole', () => {
  const table: [string, Parameters<typeof senderRole>[0], SenderRole][] = [
    ['the popup', { id: OWN, url: `${ORIGIN}/popup.html` }, 'extension-page'],
    ['the search tab', { id: OWN, url: `${ORIGIN}/search.html?lead_id=1`, tab, frameId: 0 }, 'extension-page'],
    ['the options page', { id: OWN, url: `${ORIGIN}/options.html` }, 'extension-page'],
    ['the badge framed in a CRM page', { id: OWN, url: `${ORIGIN}/badge.html#1`, tab: crmTab, frameId: 4 }, 'page-frame'],
    ['a chip framed in a CRM page', { id: OWN, url: `${ORIGIN}/chip.html#1`, tab: crmTab, frameId: 9 }, 'page-frame'],
    ['the badge opened as a tab of its own', { id: OWN, url: `${ORIGIN}/badge.html#1`, tab: crmTab, frameId: 0 }, 'unknown'],
    ['the badge without a tab', { id: OWN, url: `${ORIGIN}/badge.html#1` }, 'unknown'],
    ['the badge in a tab whose address is not a web page', { id: OWN, url: `${ORIGIN}/chip.html#1`, tab: { id: 7, url: 'file:///x.html' } as never, frameId: 3 }, 'unknown'],
    ['the badge in a tab whose address the browser keeps back', { id: OWN, url: `${ORIGIN}/badge.html#1`, tab: { id: 7 } as never, frameId: 3 }, 'unknown'],
    ['a content script on https', { id: OWN, url: 'https://crm.example.com/lead/1', tab }, 'content-script'],
    ['a content script on http', { id: OWN, url: 'http://localhost:8787/crm/lead.html', tab }, 'content-script'],
    ['another extension', { id: 'otherextensionidotherextensionid', url: 'chrome-extension://other/x.html' }, 'unknown'],
    ['another extension framing its own page', { id: 'otherextensionidotherextensionid', url: 'chrome-extension://other/badge.html', tab: crmTab, frameId: 2 }, 'unknown'],
    ['a page url without a tab', { id: OWN, url: 'https://crm.example.com/' }, 'unknown'],
    ['a file page', { id: OWN, url: 'file:///tmp/x.html', tab }, 'unknown'],
    ['no id at all', { url: `${ORIGIN}/popup.html` }, 'unknown'],
    ['a look-alike origin', { id: OWN, url: `chrome-extension://${OWN}x/popup.html` }, 'unknown'],
  ];
  it.each(table)('%s', (_name, sender, role) => {
    expect(senderRole(sender, { id: OWN, origin: ORIGIN, frames: FRAMES })).toBe(role);
  });

  it('takes a framed page’s tab address from what its content script said, where the browser keeps it back (Firefox)', () => {
    const pages = createTabPages(false);
    const framed = { id: OWN, url: `${ORIGIN}/badge.html#1`, tab: { id: 7 } as never, frameId: 3 };
    const own = { id: OWN, origin: ORIGIN, frames: FRAMES, pageOf: pages.pageOf };
    expect(senderRole(framed, own)).toBe('unknown');
    // A subframe's content script does not name the tab's page; the top frame's does.
    pages.heard({ id: OWN, url: 'https://ads.example.com/x', tab: { id: 7 } as never, frameId: 12 });
    expect(senderRole(framed, own)).toBe('unknown');
    pages.heard({ id: OWN, url: 'https://crm.example.com/lead/1', tab: { id: 7 } as never, frameId: 0 });
    expect(senderRole(framed, own)).toBe('page-frame');
    expect(framedIn(framed, own)).toBe('https://crm.example.com/lead/1');
    // The browser's own word wins when it gives one.
    expect(framedIn({ ...framed, tab: { id: 7, url: 'https://crm.example.com/lead/2' } as never }, own)).toBe('https://crm.example.com/lead/2');
  });
});

describe('asItsPage', () => {
  it('names the tab’s web page as the sender’s address, keeping the tab and frame', () => {
    expect(asItsPage({ id: OWN, url: `${ORIGIN}/badge.html#1`, tab: crmTab, frameId: 4 }, 'https://crm.example.com/lead/1')).toEqual({
      id: OWN,
      url: 'https://crm.example.com/lead/1',
      tab: crmTab,
      frameId: 4,
    });
  });
});
