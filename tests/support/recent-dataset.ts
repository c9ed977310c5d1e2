import { buildDataset, type Dataset } from '../../mock-api/data';

// Every test starts its own local API, and building its 12,250 callbacks costs about
// 150 ms of CPU: more than a whole test's reset on a busy 2-core machine. A data set
// built a few seconds ago is what a test that runs a few seconds already works with,
// so one is reused for that long, each test getting its own copy (tests change
// records, e.g. complete a callback).

const MAX_AGE_MS = 10_000;
let recent: { at: number; dataset: Dataset } | null = null;

/** The local API's default data set, centred on a moment at most 10 s ago, as a fresh copy. */
export function recentDataset(now = Date.now()): Dataset {
  if (!recent || now - recent.at > MAX_AGE_MS || now < recent.at) recent = { at: now, dataset: buildDataset({ now: new Date(now) }) };
  return copyOf(recent.dataset);
}

function copyOf(dataset: Dataset): Dataset {
  return {
    ...dataset,
    now: new Date(dataset.now),
    callbacks: dataset.callbacks.map((c) => ({ ...c, record: { ...c.record } })),
    leads: dataset.leads.map((l) => ({ ...l })),
  };
}
