import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createSiteSync, type SiteSync } from '../../utils/sites/background/site-sync';

// fakeBrowser leaves permissions and scripting unimplemented: a small stand-in
// with the browser's observable behaviour, for tests only.

export interface FakeScripting {
  granted: Set<string>;
  registered: Map<string, { id: string; matches: string[]; js: string[]; runAt?: string; persistAcrossSessions?: boolean }>;
  /** What the next permissions.request answers (the user's click on the prompt). */
  answer: boolean;
  requests: string[][];
  /** The background's site sync, answering the options page's 'sync-sites' requests as the real one does. */
  sync: SiteSync;
}

export function installFakeScripting(): FakeScripting {
  const fake: FakeScripting = { granted: new Set(), registered: new Map(), answer: true, requests: [], sync: createSiteSync() };
  fakeBrowser.runtime.onMessage.addListener((message: any) =>
    message?.type === 'sync-sites' ? fake.sync.request().then((failures) => ({ ok: true, failures })) : undefined,
  );
  const p = fakeBrowser.permissions as any;
  p.request = vi.fn(async ({ origins = [] }: { origins?: string[] }) => {
    fake.requests.push(origins);
    if (!fake.answer) return false;
    origins.forEach((o) => fake.granted.add(o));
    return true;
  });
  p.contains = vi.fn(async ({ origins = [] }: { origins?: string[] }) => origins.every((o) => fake.granted.has(o)));
  p.remove = vi.fn(async ({ origins = [] }: { origins?: string[] }) => {
    origins.forEach((o) => fake.granted.delete(o));
    return true;
  });
  const s = fakeBrowser.scripting as any;
  s.registerContentScripts = vi.fn(async (scripts: any[]) => {
    for (const script of scripts) {
      if (fake.registered.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
    }
    for (const script of scripts) fake.registered.set(script.id, { ...script });
  });
  s.getRegisteredContentScripts = vi.fn(async () => [...fake.registered.values()].map((x) => ({ ...x })));
  s.unregisterContentScripts = vi.fn(async (filter?: { ids?: string[] }) => {
    const ids = filter?.ids ?? [...fake.registered.keys()];
    for (const id of ids) {
      if (!fake.registered.has(id)) throw new Error(`Nonexistent script ID '${id}'`);
    }
    ids.forEach((id) => fake.registered.delete(id));
  });
  return fake;
}
