import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { defineSetting } from './setting';
import { STORAGE_KEYS } from './storage-keys';

// An administrator presets settings through browser policy (storage.managed; the
// keys are in public/managed_schema.json). The core reads the policy; each feature
// parses and applies its own keys with the checks it gives user input
// (utils/connection/policy.ts, utils/sites/policy.ts), and the background applies
// them all (entrypoints/background). Policy values are not trusted.

/** The policy as the browser gives it: unchecked. */
export type PolicyValues = Readonly<Record<string, unknown>>;

/** A feature's part of applying the policy: it copies its own keys over the user's values. */
export type PolicyApplier = (values: PolicyValues) => Promise<unknown>;

function asValues(raw: unknown): PolicyValues {
  return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as PolicyValues) : {};
}

/**
 * storage.managed now. Chromium answers only once its policy service has
 * loaded, seconds after the browser starts (about 6 s measured on a test
 * machine, with no policy at all): never wait on this for something a person is
 * doing. A browser without a policy store (Firefox without one) means nothing set.
 */
export async function readPolicy(): Promise<PolicyValues> {
  try {
    return asValues(await browser.storage.managed.get());
  } catch {
    return {};
  }
}

/**
 * The policy as the background last applied it, so a page knows at once what is
 * locked (readPolicy may take seconds). Sealed like every setting.
 */
export const appliedPolicySetting = defineSetting(
  STORAGE_KEYS.appliedPolicy,
  'Your administrator’s settings as last applied',
  v.record(v.string(), v.unknown()),
  {},
);

/** The policy without waiting: the one last applied, at once. */
export async function lastAppliedPolicy(): Promise<PolicyValues> {
  return (await appliedPolicySetting.get()).value;
}

/**
 * Applies the policy with every feature's applier, one run at a time, and
 * records it as applied. A run asked for while one is going runs after it.
 */
export function createPolicyRun(appliers: readonly PolicyApplier[]): () => Promise<void> {
  let tail: Promise<void> = Promise.resolve();
  async function run() {
    const values = await readPolicy();
    for (const apply of appliers) await apply(values).catch(() => undefined);
    const applied = await appliedPolicySetting.get();
    if (applied.problem || JSON.stringify(applied.value) !== JSON.stringify(values)) {
      await appliedPolicySetting.set(values, { replace: true });
    }
  }
  return () => (tail = tail.then(run, run));
}

/**
 * The background's wiring: the policy is applied when the extension is installed
 * or updated, when the browser starts, and when the policy changes (Chrome
 * reports changes; Firefox reads its policy when it starts).
 */
export function startPolicy(appliers: readonly PolicyApplier[]): () => Promise<void> {
  const run = createPolicyRun(appliers);
  const apply = () => void run().catch(() => undefined);
  browser.runtime.onInstalled.addListener(apply);
  browser.runtime.onStartup.addListener(apply);
  browser.storage.managed?.onChanged?.addListener(apply);
  return run;
}

/** Calls back when the policy changes (Chrome), with the new values. */
export function watchPolicy(cb: (values: PolicyValues) => void): () => void {
  const listener = () => void readPolicy().then(cb);
  const event = browser.storage.managed?.onChanged;
  try {
    event?.addListener(listener);
  } catch {
    return () => undefined;
  }
  return () => event?.removeListener(listener);
}
