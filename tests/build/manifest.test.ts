import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';

type ManifestFn = (env: { browser: string; mode: string; manifestVersion: 2 | 3; command: 'build' | 'serve' }) => Record<string, any>;
const manifest = (browser: string, mode: string) => (config.manifest as ManifestFn)({ browser, mode, manifestVersion: 3, command: 'build' });
const afterHook = (mode: string, generated: Record<string, any>, manifestVersion: 2 | 3 = 3) => {
  const hooks = config.hooks as Record<string, (wxt: unknown, m: Record<string, any>) => void>;
  const hook = hooks['build:manifestGenerated']!;
  hook({ config: { mode, manifestVersion } }, generated);
  return generated;
};

describe('manifest permissions', () => {
  it('asks a production build only for the Convoso API and what the code uses', () => {
    const m = manifest('chrome', 'production');
    expect(m.host_permissions).toEqual(['https://api.convoso.com/*']);
    // idle: the toolbar count and reminders pause while nobody is at the computer.
    expect(m.permissions).toEqual(['storage', 'scripting', 'alarms', 'contextMenus', 'idle']);
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

  it.each(['production', 'test'])('declares every origin Firefox (MV2) may be asked for at run time, in a %s build', (mode) => {
    // What WXT 0.21 generates for Firefox: host permissions folded into `permissions`,
    // optional_host_permissions silently dropped.
    const generated = { manifest_version: 2, permissions: ['storage', 'scripting', 'https://api.convoso.com/*'], content_scripts: [] };
    const m = afterHook(mode, generated, 2);
    expect(m.optional_permissions).toEqual(['https://*/*', 'http://*/*']);
    expect(m.permissions).toEqual(['storage', 'scripting', 'https://api.convoso.com/*']);
    expect(manifest('firefox', mode).optional_host_permissions).toEqual(m.optional_permissions);
  });

  it('leaves MV3 manifests to optional_host_permissions', () => {
    const m = afterHook('production', { manifest_version: 3, content_scripts: [] }, 3);
    expect(m.optional_permissions).toBeUndefined();
    expect(manifest('chrome', 'production').optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
  });

  it('does not declare an origin twice when the manifest already lists it', () => {
    const m = afterHook('production', { manifest_version: 2, optional_permissions: ['http://*/*'] }, 2);
    expect(m.optional_permissions).toEqual(['http://*/*', 'https://*/*']);
  });
});
