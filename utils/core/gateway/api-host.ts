import { browser } from 'wxt/browser';
import type { ServiceError } from '../messaging/replies';
import { DEFAULT_BASE_URL } from '../api/client';
import { originPattern } from '../hosts/match-pattern';

// The last check before the token leaves the background: it goes to Convoso's
// API host, or to the host the user saved in the options (a sealed setting, so
// only the options page, an import or a policy can have chosen it) and only
// while the browser grants the extension access to that host. Whatever wrote
// the address, a host the user never granted receives nothing.

const DEFAULT_API_ORIGIN = new URL(DEFAULT_BASE_URL).origin;

export type HostCheck = (originPattern: string) => Promise<boolean>;

const granted: HostCheck = async (pattern) => {
  try {
    return await browser.permissions.contains({ origins: [pattern] });
  } catch {
    return false;
  }
};

/** null when the token may be sent to `baseUrl` now; otherwise the reason, for the user. */
export async function apiHostRefusal(baseUrl: string, isGranted: HostCheck = granted): Promise<ServiceError | null> {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return { kind: 'refused', message: 'The API address in the options is not a valid web address.' };
  }
  if (url.origin === DEFAULT_API_ORIGIN) return null;
  const pattern = originPattern(baseUrl);
  if (pattern && (url.protocol === 'https:' || url.protocol === 'http:') && (await isGranted(pattern))) return null;
  return {
    kind: 'refused',
    message: `The browser does not grant the extension access to ${url.host}, so the token was not sent there. Open the options to grant access to it.`,
  };
}
