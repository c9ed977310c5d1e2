import { send } from '../core/messaging/send';
import type { syncSites } from './sites-messages';

/**
 * Asks the background, which alone registers the CRM sites' scripts, to
 * reconcile them with the stored list and access now, and waits until it has.
 * Gives back, by site id, why a registration failed; an unreachable background
 * is treated as nothing failed (it reconciles on the storage change anyway).
 */
export async function askBackgroundToSyncSites(): Promise<Record<string, string>> {
  const reply = await send<typeof syncSites>({ type: 'sync-sites' });
  return reply?.ok ? reply.failures : {};
}
