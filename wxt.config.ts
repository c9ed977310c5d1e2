import path from 'node:path';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { quietContentScriptStart } from './build-plugins/quiet-content-script-start';

// Test builds (`wxt build --mode test`: the real-browser tests and the demo) and
// `npm run dev` may also reach the local mock API; a production build never asks
// for loopback hosts.
const LOCAL_HOSTS = ['http://127.0.0.1/*', 'http://localhost/*'];
const API_HOSTS = ['https://api.convoso.com/*'];
const isLocal = (mode: string) => mode === 'test' || mode === 'development';
// Any CRM site or API address the user adds is asked for at run time, never up front.
const OPTIONAL_HOSTS = ['https://*/*', 'http://*/*'];

// Agent power tools (issue 12): alarms refresh the toolbar count and reminders,
// a context menu and `cb 12345` in the address bar open a lead's callbacks, a
// shortcut opens the popup. `notifications` is asked for only when the agent
// turns reminders on.
const powerTools = (manifestVersion: number) => ({
  permissions: ['alarms', 'contextMenus', 'idle'],
  optional_permissions: ['notifications'],
  omnibox: { keyword: 'cb' },
  commands: {
    [manifestVersion === 2 ? '_execute_browser_action' : '_execute_action']: {
      suggested_key: { default: 'Alt+Shift+C' },
      description: 'Open Convoso Callbacks',
    },
  },
});

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: a reader (and a reviewer) sees where each name comes from.
  imports: false,
  vite: () => ({ plugins: [preact(), quietContentScriptStart()] }),
  // Firefox's sources archive holds what a reviewer needs to rebuild the package
  // (`npm ci && npm run build:firefox`), nothing of the tests, the bench, the demo or the
  // local API. WXT already leaves out dot-folders, node_modules, *.test.* and .output.
  zip: {
    excludeSources: [
      'tests/**',
      '**/*.e2e.ts',
      'mock-api/**',
      'scripts/**',
      'vitest.config.ts',
      'bench-results/**',
      'demo-output/**',
      '.output/**',
    ],
  },
  hooks: {
    // Test builds only: the real-browser tests' bridge page (tests/harness/bridge/), the one
    // test-only module. A production build never contains it (tests/build/production-bundle.test.ts).
    'entrypoints:resolved'(wxt, entrypoints) {
      if (wxt.config.mode !== 'test') return;
      entrypoints.push({
        type: 'unlisted-page',
        name: 'test-bridge',
        inputPath: path.resolve(import.meta.dirname, 'tests/harness/bridge/test-bridge.html'),
        outputDir: wxt.config.outDir,
        options: {},
        skipped: false,
      });
    },
    // Test and dev builds' static content script also runs on the local demo CRM
    // (localhost only, so 127.0.0.1 stays free for the "add a CRM site" tests).
    'build:manifestGenerated'(wxt, manifest) {
      // WXT 0.21 drops optional_host_permissions from MV2 manifests and moves it nowhere;
      // Firefox refuses permissions.request for any origin its manifest does not declare,
      // so Add site and a non-default API address would always fail there.
      if (wxt.config.manifestVersion === 2) {
        const declared = manifest.optional_permissions ?? [];
        manifest.optional_permissions = [...declared, ...OPTIONAL_HOSTS.filter((o) => !declared.includes(o))];
      }
      if (!isLocal(wxt.config.mode)) return;
      for (const script of manifest.content_scripts ?? []) script.matches = [...(script.matches ?? []), 'http://localhost/*'];
    },
  },
  manifest: ({ browser, mode, manifestVersion }) => ({
    ...powerTools(manifestVersion),
    name: 'Convoso Callbacks',
    description:
      "Search your Convoso account's System and Personal callbacks from the toolbar and see each lead's callbacks on your CRM pages.",
    permissions: ['storage', 'scripting', ...powerTools(manifestVersion).permissions],
    host_permissions: isLocal(mode) ? [...API_HOSTS, ...LOCAL_HOSTS] : API_HOSTS,
    optional_host_permissions: OPTIONAL_HOSTS,
    action: { default_title: 'Convoso Callbacks' },
    // Administrators preset the API address, sites and rules through browser policy.
    storage: { managed_schema: 'managed_schema.json' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'convoso-callbacks@convoso-callbacks.dev',
              // data_collection_permissions needs Firefox 140 (142 on Android).
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
