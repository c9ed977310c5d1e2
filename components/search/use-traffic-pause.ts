import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { send } from '../../utils/core/messaging/send';
import type { trafficStatus } from '../../utils/core/gateway/gateway-messages';
import { pauseOf } from '../../utils/search/traffic-pause';

/**
 * Until when the background's gate holds requests because Convoso asked to slow
 * down (ms since epoch), or null: asked once when the page opens, then kept in
 * step by the background's notices. A pause that has passed ends by itself.
 */
export function useTrafficPause(now: () => number = Date.now): number | null {
  const [until, setUntil] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    void send<typeof trafficStatus>({ type: 'traffic-status' }).then((reply) => {
      // A background without the gate's status answers with an error: no pause to show.
      if (live && reply.ok) setUntil(reply.pausedUntil);
    });
    // Returns nothing: this page answers no one's messages.
    const onNotice = (message: unknown) => {
      const pause = pauseOf(message);
      if (pause !== undefined) setUntil(pause);
    };
    browser.runtime.onMessage.addListener(onNotice);
    return () => {
      live = false;
      browser.runtime.onMessage.removeListener(onNotice);
    };
  }, []);
  const [, setTick] = useState(0);
  useEffect(() => {
    if (until === null) return;
    const timer = setTimeout(() => setTick((n) => n + 1), Math.max(0, until - now()) + 50);
    return () => clearTimeout(timer);
  }, [until]);
  return until !== null && until > now() ? until : null;
}
