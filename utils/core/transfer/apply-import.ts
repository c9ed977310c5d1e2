import { browser } from 'wxt/browser';
import { writeSettings } from '../storage/setting';
import type { ImportPlan } from './transfer-parts';

/**
 * Saves a plan, all or nothing: asks for the hosts it needs (first, inside the
 * click), then writes every value in one storage call, then runs what follows
 * (the sites' registration).
 */
export async function applyImport(plan: ImportPlan): Promise<{ ok: true } | { ok: false; message: string }> {
  if (plan.rejected.length > 0) return { ok: false, message: 'Nothing was imported: the file has rejected items.' };
  if (plan.origins.length > 0) {
    let granted = false;
    try {
      granted = await browser.permissions.request({ origins: [...new Set(plan.origins)] });
    } catch {
      granted = false;
    }
    if (!granted) return { ok: false, message: 'The browser did not grant access to the new hosts, so nothing was imported.' };
  }
  try {
    await writeSettings(plan.writes);
  } catch (error) {
    return { ok: false, message: `Nothing was imported: ${error instanceof Error ? error.message : String(error)}` };
  }
  for (const next of plan.after) await next().catch(() => undefined);
  return { ok: true };
}
