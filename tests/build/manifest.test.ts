import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';

type ManifestFn = (env: { browser: string; mode: string; manifestVersion: 2 | 3; command: 'build' | 'serve' }) => Record<string, any>;
const manifest = (browser: string, mode: string) => (config.manifest as ManifestFn)({ browser, mode, manifestVersion: 3, command: 'build' });
const afterHook = (mode: string, generated: Record<string, any>) => {
  const hooks = config.hooks as Record<string, (wxt: unknown, m: Record<string, any>) => void>;
  const hook = hooks['build:manifestGenerated']!;
  hook({ config: { mode } }, generated);
  return generated;
};

describe('manifest permissions', () => {
  it('asks a production build only for the Convoso API and what the code uses', () => {
    const m = manifest('chrome', 'production');
    expect(m.host_permissions).toEqual(['https://api.convoso.com/*']);
    expect(m.permissions).toEqual(['storage', 'scripting', 'alarms', 'contextMenus']);
    expect(m.optional_permissions).toEqual(['notifications']);
    expect(JSON.stringify(m)).not.toMatch(/localhost|127\.0\.0\.1/);
  });

  it.each(['test', 'development'])('lets a %s build reach the local mock API', (mode) => {
    expect(manifest('chrome', mode).host_permissions).toEqual([
      'https://api.convoso.com/*',
      'http://127.0.0.1/*',
      'http://localhost/*',
    ]);
  });

  it('runs the static content script on localhost only in test and dev builds', () => {
    const generated = () => ({ content_scripts: [{ matches: ['https://admin.convoso.com/*'], js: ['content-scripts/content.js'] }] });
    expect(afterHook('production', generated()).content_scripts[0].matches).toEqual(['https://admin.convoso.com/*']);
    expect(afterHook('test', generated()).content_scripts[0].matches).toEqual(['https://admin.convoso.com/*', 'http://localhost/*']);
    expect(afterHook('development', generated()).content_scripts[0].matches).toEqual(['https://admin.convoso.com/*', 'http://localhost/*']);
  });

  it('declares the omnibox keyword and the shortcut that opens the popup, per manifest version', () => {
    const m = manifest('chrome', 'production');
    expect(m.omnibox).toEqual({ keyword: 'cb' });
    expect(Object.keys(m.commands)).toEqual(['_execute_action']);
    const mv2 = (config.manifest as ManifestFn)({ browser: 'firefox', mode: 'production', manifestVersion: 2, command: 'build' });
    expect(Object.keys(mv2.commands)).toEqual(['_execute_browser_action']);
  });

  it('gives Firefox an add-on id and its data-collection declaration', () => {
    const m = manifest('firefox', 'production');
    expect(m.browser_specific_settings.gecko.id).toBe('convoso-callbacks@convoso-callbacks.dev');
    expect(m.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
    expect(manifest('chrome', 'production').browser_specific_settings).toBeUndefined();
  });
});
