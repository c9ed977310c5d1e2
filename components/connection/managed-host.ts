import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { extraApiOrigin } from '../../utils/connection/api-origin';
import type { ConnectionPolicy } from '../../utils/connection/connection-policy';
import type { ConnectionAction } from './connection-state';

/** Asks the browser for access to an API address outside the manifest. Must run before any other await of a click: the prompt needs the click. */
export async function askForHost(url: string): Promise<boolean> {
  const origin = extraApiOrigin(url);
  if (!origin) return true;
  try {
    return await browser.permissions.request({ origins: [origin] });
  } catch {
    return false;
  }
}

export const hostOf = (url: string) => new URL(url).host;

/**
 * An administrator's API host outside the manifest still needs the user's grant
 * once: whether it has it (null: no such host), and the *Grant access* button's action.
 */
export function useManagedHost(policy: ConnectionPolicy, dispatch: (action: ConnectionAction) => void) {
  const [granted, setGranted] = useState<boolean | null>(null);
  const managedExtra = policy.baseUrl ? extraApiOrigin(policy.baseUrl) : null;
  useEffect(() => {
    if (!managedExtra) return setGranted(null);
    void browser.permissions.contains({ origins: [managedExtra] }).catch(() => false).then(setGranted);
  }, [managedExtra]);

  async function grant() {
    const url = policy.baseUrl!;
    const ok = await askForHost(url);
    setGranted(ok);
    dispatch({
      type: 'status',
      part: 'api',
      status: ok ? { kind: 'ok', message: `Access to ${hostOf(url)} granted.` } : { kind: 'error', message: `The browser did not grant access to ${hostOf(url)}; the extension cannot reach the API.` },
    });
  }

  return { granted, setGranted, grant };
}
