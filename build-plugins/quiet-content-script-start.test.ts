import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { withoutStartMessage } from './quiet-content-script-start';

const contextSource = () => readFile(createRequire(import.meta.url).resolve('wxt/utils/content-script-context'), 'utf8');

describe('withoutStartMessage (WXT\'s content-script start-up window message)', () => {
  it('drops the window message from the installed WXT and keeps the document event', async () => {
    const code = await contextSource();
    expect(code).toContain('window.postMessage(');
    const out = withoutStartMessage(code)!;
    expect(out).not.toBeNull();
    expect(out).not.toContain('postMessage');
    expect(out).toContain('document.dispatchEvent(new CustomEvent(ContentScriptContext.SCRIPT_STARTED_MESSAGE_TYPE');
    expect(out).toContain('document.addEventListener(ContentScriptContext.SCRIPT_STARTED_MESSAGE_TYPE');
  });

  it.each([
    ['no message at all (WXT changed)', 'stopOldScripts() { document.dispatchEvent(e); }'],
    [
      'two messages',
      'window.postMessage({ type: ContentScriptContext.SCRIPT_STARTED_MESSAGE_TYPE, a: 1 }, "*"); window.postMessage({ type: ContentScriptContext.SCRIPT_STARTED_MESSAGE_TYPE, a: 2 }, "*");',
    ],
  ])('gives null for %s', (_, code) => {
    expect(withoutStartMessage(code)).toBeNull();
  });
});
