import { browser } from 'wxt/browser';
import { onMenuClicked, onOmniboxEntered } from '../../../utils/reminders/lookup-anywhere';
import { onReminderClicked } from '../../../utils/reminders/reminders';
import { readArea, writeArea } from '../../support/sealed-areas';
// Every module that defines sealed settings, for what they register (protectKey): a key
// the bridge does not know as sealed would be written plain, and the extension refuses it.
import '../../../utils/connection/settings';
import '../../../utils/core/gateway/saved-connection';
import '../../../utils/core/storage/managed';
import '../../../utils/reminders/reminder-settings';
import '../../../utils/search/saved-searches-setting';
import '../../../utils/sites/store';

// The one test-only module: an extension page that only test builds contain (the
// `entrypoints:resolved` hook in wxt.config.ts adds it in `--mode test`; a build-level
// test checks that production builds do not). The real-browser harness opens it and
// runs code in it (tests/harness/session.ts, `inExtension`) with what no test can reach
// otherwise:
// - whole storage areas, sealed settings opened and written as the options page would;
// - the handlers the browser calls for a context-menu click, `cb` in the address bar and a
//   click on a reminder: browser UI that no test can click. They only open tabs and clear
//   notifications, which an extension page does the same as the background.
// Alarms, permissions, the toolbar and the rest are the browser's own APIs (`browser`).

export interface Bridge {
  browser: typeof browser;
  readArea: typeof readArea;
  writeArea: typeof writeArea;
  onMenuClicked: typeof onMenuClicked;
  onOmniboxEntered: typeof onOmniboxEntered;
  onReminderClicked: typeof onReminderClicked;
}

const bridge: Bridge = { browser, readArea, writeArea, onMenuClicked, onOmniboxEntered, onReminderClicked };
const g = globalThis as Record<string, unknown>;
// tsx (the bench, the demo) compiles the functions it sends here with esbuild's keepNames.
g.__name ??= (fn: unknown) => fn;
g.bridge = bridge;
