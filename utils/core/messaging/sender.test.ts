import { describe, expect, it } from 'vitest';
import { senderRole, type SenderRole } from './sender';

const OWN = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${OWN}`;
const tab = { id: 1, index: 0, windowId: 1, highlighted: false, active: true, pinned: false, incognito: false } as never;

describe('senderRole', () => {
  const table: [string, Parameters<typeof senderRole>[0], SenderRole][] = [
    ['the popup', { id: OWN, url: `${ORIGIN}/popup.html` }, 'extension-page'],
    ['the search tab', { id: OWN, url: `${ORIGIN}/search.html?lead_id=1`, tab }, 'extension-page'],
    ['the options page', { id: OWN, url: `${ORIGIN}/options.html` }, 'extension-page'],
    ['a content script on https', { id: OWN, url: 'https://crm.example.com/lead/1', tab }, 'content-script'],
    ['a content script on http', { id: OWN, url: 'http://localhost:8787/crm/lead.html', tab }, 'content-script'],
    ['another extension', { id: 'otherextensionidotherextensionid', url: 'chrome-extension://other/x.html' }, 'unknown'],
    ['a page url without a tab', { id: OWN, url: 'https://crm.example.com/' }, 'unknown'],
    ['a file page', { id: OWN, url: 'file:///tmp/x.html', tab }, 'unknown'],
    ['no id at all', { url: `${ORIGIN}/popup.html` }, 'unknown'],
    ['a look-alike origin', { id: OWN, url: `chrome-extension://${OWN}x/popup.html` }, 'unknown'],
  ];
  it.each(table)('%s', (_name, sender, role) => {
    expect(senderRole(sender, OWN, ORIGIN)).toBe(role);
  });
});
