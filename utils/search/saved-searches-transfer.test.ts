import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { applyImport } from '../core/transfer/apply-import';
import { exportSettings } from '../core/transfer/export-settings';
import { planImport } from '../core/transfer/plan-import';
import { savedSearchesSetting, type SavedSearch } from './saved-searches-setting';
import { savedSearchesTransferField } from './saved-searches-transfer';

const parts = { fields: [savedSearchesTransferField], sections: [] };
const list: SavedSearch[] = [
  { name: 'Mine', query: 'user_id=77' },
  { name: 'Overdue', query: 'stage=PASTDUE' },
  { name: 'Solar', query: 'campaign_id=3' },
];

beforeEach(() => fakeBrowser.reset());

describe('saved searches in the settings file', () => {
  it('are exported once there are any, and an import replaces them', async () => {
    expect((await exportSettings(parts)).file.settings).not.toHaveProperty('savedSearches');
    await savedSearchesSetting.set(list);
    const { file } = await exportSettings(parts, new Date('2026-11-26T10:00:00Z'));
    expect(file.settings.savedSearches).toEqual(list);

    await savedSearchesSetting.set([]);
    const plan = await planImport(JSON.stringify(file), parts);
    expect(plan.rejected).toEqual([]);
    expect(plan.accepted).toContainEqual({ label: 'Saved searches', message: "Replaced by the file's 3." });
    expect(await applyImport(plan)).toEqual({ ok: true });
    expect((await savedSearchesSetting.get()).value).toEqual(list);
  });

  it('a malformed list is rejected and nothing is imported', async () => {
    const text = JSON.stringify({ format: 'convoso-callbacks-settings', version: 1, settings: { savedSearches: [{ name: '', query: 1 }] }, sites: [] });
    const plan = await planImport(text, parts);
    expect(plan.rejected.map((r) => r.label)).toEqual(['Saved searches']);
  });

  it('a list that cannot be read is left out of an export, not exported empty (issue 20.8)', async () => {
    await fakeBrowser.storage.local.set({ savedSearches: [{ name: 'plain', query: '' }] });
    const { file, problems } = await exportSettings(parts);
    expect(file.settings).not.toHaveProperty('savedSearches');
    expect(problems).toEqual(['Saved searches was stored in an unreadable form; using the default.']);
  });
});
