import { fakeBrowser } from 'wxt/testing/fake-browser';
import { installFakeScripting } from '../../tests/support/fake-scripting';

// What WXT's fake browser leaves out and a day of the real background needs:
// events that never fire here (permissions, menus, omnibox), an idle state the
// simulation sets, and alarms that go off when the fake clock reaches them.

type Listener = (...args: never[]) => unknown;

export interface FakeEvent {
  addListener(cb: Listener): void;
  removeListener(cb: Listener): void;
  hasListener(cb: Listener): boolean;
  hasListeners(): boolean;
  trigger(...args: unknown[]): Promise<unknown[]>;
}

export function fakeEvent(): FakeEvent {
  const listeners: Listener[] = [];
  return {
    addListener: (cb) => void listeners.push(cb),
    removeListener: (cb) => {
      const i = listeners.indexOf(cb);
      if (i >= 0) listeners.splice(i, 1);
    },
    hasListener: (cb) => listeners.includes(cb),
    hasListeners: () => listeners.length > 0,
    trigger: async (...args) => Promise.all(listeners.map((l) => (l as (...a: unknown[]) => unknown)(...args))),
  };
}

export type IdleState = 'active' | 'idle' | 'locked';

export interface SimBrowser {
  idle: { state: IdleState; onStateChanged: FakeEvent };
  /** Sets the idle state, telling the background as the browser would. */
  setIdle(state: IdleState): Promise<void>;
  /** Fires every alarm due by now (periodic ones move to their next time). Returns how many fired. */
  fireAlarms(): Promise<number>;
  /** The next alarm's time, or Infinity. */
  nextAlarmAt(): Promise<number>;
}

export function installSimBrowser(): SimBrowser {
  fakeBrowser.reset();
  const scripting = installFakeScripting();
  scripting.granted.add('https://crm.example.com/*');
  scripting.granted.add('https://list.example.com/*');
  const b = fakeBrowser as unknown as Record<string, Record<string, unknown>>;
  const permissions = b.permissions!;
  permissions.onAdded = fakeEvent();
  permissions.onRemoved = fakeEvent();
  permissions.getAll = async () => ({ origins: [...scripting.granted], permissions: ['notifications'] });
  b.contextMenus = { removeAll: async () => undefined, create: () => undefined, onClicked: fakeEvent() };
  b.omnibox = { setDefaultSuggestion: () => undefined, onInputChanged: fakeEvent(), onInputEntered: fakeEvent() };
  const idle = { state: 'active' as IdleState, onStateChanged: fakeEvent() };
  b.idle = {
    queryState: async () => idle.state,
    setDetectionInterval: () => undefined,
    onStateChanged: idle.onStateChanged,
  };
  (b.storage!.managed as Record<string, unknown>).onChanged ??= fakeEvent();

  return {
    idle,
    async setIdle(state) {
      if (idle.state === state) return;
      idle.state = state;
      await idle.onStateChanged.trigger(state);
    },
    async fireAlarms() {
      const now = Date.now();
      const due = (await fakeBrowser.alarms.getAll()).filter((a) => a.scheduledTime <= now);
      for (const alarm of due) {
        const fired = { ...alarm };
        const period = (alarm.periodInMinutes ?? 0) * 60_000;
        // As a browser does: a periodic alarm goes on from its time, late ones do not pile up.
        if (period > 0) while (alarm.scheduledTime <= now) alarm.scheduledTime += period;
        else await fakeBrowser.alarms.clear(alarm.name);
        void fakeBrowser.alarms.onAlarm.trigger(fired);
      }
      return due.length;
    },
    async nextAlarmAt() {
      const all = await fakeBrowser.alarms.getAll();
      return all.length ? Math.min(...all.map((a) => a.scheduledTime)) : Infinity;
    },
  };
}
