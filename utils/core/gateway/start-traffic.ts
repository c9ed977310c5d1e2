import { browser } from 'wxt/browser';
import { route, type Route } from '../messaging/router';
import { readTrafficPolicy, watchTrafficPolicy } from '../storage/traffic-policy';
import { trafficStatus, type TrafficNotice } from './gateway-messages';
import { DEFAULT_REQUESTS_PER_MINUTE } from './token-bucket';
import type { TrafficGate } from './traffic-gate';

/**
 * The gate's part of the background: the administrator's request budget, the
 * notices to the extension's pages when a pause starts or ends, and the answer
 * to a page that asks whether one is running.
 */
export function startTraffic(gate: TrafficGate): Route[] {
  const applyPolicy = () =>
    void readTrafficPolicy().then((policy) => gate.setRate(policy.requestsPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE), () => undefined);
  applyPolicy();
  watchTrafficPolicy(applyPolicy);
  gate.onPause((pausedUntil) => {
    const notice: TrafficNotice = { type: 'traffic', pausedUntil };
    // No page open is no one to tell.
    void Promise.resolve()
      .then(() => browser.runtime.sendMessage(notice))
      .catch(() => undefined);
  });
  return [route(trafficStatus, async () => ({ ok: true as const, pausedUntil: await gate.pausedUntil() }))];
}
