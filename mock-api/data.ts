import { createRng, type Rng } from './prng';
import {
  AGENTS, AREA_CODES, COMMENTS, FIRST_NAMES, LAST_NAMES, LISTS, STATUSES,
  campaignById, listById, type Agent,
} from './catalog';
import { FIXTURE_CALLBACK_ID_BASE, FIXTURE_LEAD_LIST, type FixtureCallback, type FixtureLead } from './fixtures';
import { formatDate, formatDateTime, formatDateTime12h, quarterHourFrom, toSortableTime, dayAt } from './time-format';

export { FIXTURE_LEADS, XSS_PAYLOAD, TABLE_LEAD_IDS, FIXTURE_CALLBACK_COUNTS, FIXTURE_LEAD_LIST } from './fixtures';

/** One result object, fields in the spec's order, every value a string. */
export interface CallbackRecord {
  id: string;
  lead_id: string;
  list_id: string;
  campaign_id: string;
  status: string;
  created_at: string;
  callback_time: string;
  modified_at: string;
  user: string;
  recipient: string;
  comments: string;
  context: string;
  callback_seen: string;
  stage: string;
  class: string;
  user_name: string;
  directory_name: string;
  campaign_name: string;
  campaign_type: string;
  status_name: string;
  /** Not in the spec, seen in the wild: present on some records only. */
  phone_number?: string;
}

/** What the filters compare against, computed once. */
export type StageKey = 'PENDING' | 'PASTDUE' | 'COMPLETED' | 'DISMISSED' | 'MISSED' | 'OTHER';

export interface StoredCallback {
  record: CallbackRecord;
  accountId: string;
  /** callback_time as `YYYY-MM-DD HH:mm:ss` whatever its shape. */
  sortKey: string;
  date: string;
  stageKey: StageKey;
  recipientKey: 'system' | 'personal';
}

export interface Lead {
  id: string;
  listId: string;
  name: string;
  phone: string;
}

export interface Dataset {
  seed: number;
  now: Date;
  /** Sorted by callback_time, then id. */
  callbacks: readonly StoredCallback[];
  leads: readonly Lead[];
}

export const DEFAULT_SEED = 20250603;
/** The spec's example total. */
export const TOTAL_CALLBACKS = 12250;
const LEAD_COUNT = 3000;

/**
 * Stage filters are disjoint: PASTDUE is the `past_due` class, PENDING the
 * pending/new stages without it, so the five filters add up to the total.
 */
export function stageKeyOf(stage: string, cls: string): StageKey {
  const s = stage.toLowerCase();
  if (s === 'completed') return 'COMPLETED';
  if (s === 'dismissed') return 'DISMISSED';
  if (s === 'missed') return 'MISSED';
  if (cls === 'past_due') return 'PASTDUE';
  if (s === 'pending' || s === 'new') return 'PENDING';
  return 'OTHER';
}

function store(record: CallbackRecord): StoredCallback {
  const sortKey = toSortableTime(record.callback_time);
  return {
    record,
    accountId: campaignById(record.campaign_id).accountId,
    sortKey,
    date: sortKey.slice(0, 10),
    stageKey: stageKeyOf(record.stage, record.class),
    recipientKey: record.recipient.toLowerCase() === 'system' ? 'system' : 'personal',
  };
}

function makeLeads(rng: Rng): Lead[] {
  const leads: Lead[] = [];
  let id = 2104000;
  for (let i = 0; i < LEAD_COUNT; i++) {
    id += rng.int(1, 5);
    leads.push({
      id: String(id),
      listId: rng.pick(LISTS).id,
      name: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`,
      phone: `${rng.pick(AREA_CODES)}555${String(rng.int(0, 9999)).padStart(4, '0')}`,
    });
  }
  return leads;
}

interface Draft {
  record: Omit<CallbackRecord, 'id'>;
  createdMs: number;
}

function randomDraft(rng: Rng, now: Date, leads: readonly Lead[]): Draft {
  const lead = rng.pick(leads);
  const list = listById(lead.listId);
  const campaign = campaignById(list.campaignId);
  const when = dayAt(now, rng.int(-60, 30), rng.int(8, 19), rng.pick([0, 15, 30, 45]));
  const past = when.getTime() < now.getTime();
  const stage = past
    ? rng.weighted<string>([['Completed', 35], ['Dismissed', 20], ['Missed', 15], ['Pending', 15], ['PENDING', 10], ['New', 5]])
    : rng.weighted<string>([['Pending', 45], ['PENDING', 15], ['New', 30], ['Dismissed', 10]]);
  const open = stage === 'Pending' || stage === 'PENDING' || stage === 'New';
  const cls = past && open ? 'past_due' : '';
  const recipient = rng.weighted<string>([['USERONLY', 45], ['system', 40], ['personal', 15]]);
  const agent: Agent | undefined = recipient === 'system' && rng.chance(0.3) ? undefined : rng.pick(AGENTS);

  const createdMs = Math.min(when.getTime(), now.getTime()) - rng.int(5 * 60, 10 * 86400) * 1000;
  const modifiedMs = open ? createdMs + rng.int(0, 600) * 1000 : createdMs + rng.next() * (now.getTime() - createdMs);
  const seen = !open || rng.chance(0.4) ? formatDateTime(new Date(modifiedMs)) : '';
  const [status, statusName] = open ? rng.pick(STATUSES.slice(0, 3)) : rng.pick(STATUSES);

  const record: Omit<CallbackRecord, 'id'> = {
    lead_id: lead.id,
    list_id: list.id,
    campaign_id: campaign.id,
    status: stage === 'Dismissed' ? 'DISMISSED' : (status ?? ''),
    created_at: formatDateTime(new Date(createdMs)),
    callback_time: rng.chance(0.1) ? formatDateTime12h(when) : formatDateTime(when),
    modified_at: formatDateTime(new Date(modifiedMs)),
    user: agent?.id ?? '',
    recipient,
    comments: rng.chance(0.25) ? '' : rng.pick(COMMENTS),
    context: rng.chance(0.3) ? '' : String(rng.int(100000, 999999)),
    callback_seen: seen,
    stage,
    class: cls,
    user_name: agent?.name ?? '',
    directory_name: list.directoryName,
    campaign_name: campaign.name,
    campaign_type: campaign.type,
    status_name: stage === 'Dismissed' ? '' : (statusName ?? ''),
  };
  if (rng.chance(0.3)) record.phone_number = lead.phone;
  return { record, createdMs };
}

function fixtureRecord(lead: FixtureLead, cb: FixtureCallback, id: number, now: Date, n: number): CallbackRecord {
  const when = quarterHourFrom(now, cb.minutesFromStart);
  const list = listById(lead.listId);
  const campaign = campaignById(list.campaignId);
  const agent = AGENTS[n % AGENTS.length] as Agent;
  const created = new Date(Math.min(when.getTime(), now.getTime()) - 2 * 86400_000);
  created.setSeconds(7, 0);
  const modified = new Date(created.getTime() + 3600_000);
  const closed = ['completed', 'dismissed', 'missed'].includes(cb.stage.toLowerCase());
  return {
    id: String(id),
    lead_id: lead.leadId,
    list_id: list.id,
    campaign_id: campaign.id,
    status: cb.stage === 'Dismissed' ? 'DISMISSED' : 'CALLBK',
    created_at: formatDateTime(created),
    callback_time: cb.format === '12h' ? formatDateTime12h(when) : formatDateTime(when),
    modified_at: formatDateTime(modified),
    user: agent.id,
    recipient: cb.recipient,
    comments: cb.comments,
    context: String(104569 + n),
    callback_seen: closed ? formatDateTime(modified) : '',
    stage: cb.stage,
    class: cb.class,
    user_name: agent.name,
    directory_name: list.directoryName,
    campaign_name: campaign.name,
    campaign_type: campaign.type,
    status_name: cb.stage === 'Dismissed' ? '' : 'Call Back',
    phone_number: lead.phone,
  };
}

function compareStored(a: StoredCallback, b: StoredCallback): number {
  if (a.sortKey !== b.sortKey) return a.sortKey < b.sortKey ? -1 : 1;
  return Number(a.record.id) - Number(b.record.id);
}

/** The whole fake tenant. Same seed and same `now` give the same data, byte for byte. */
export function buildDataset(opts: { seed?: number; now?: Date } = {}): Dataset {
  const seed = opts.seed ?? DEFAULT_SEED;
  const now = opts.now ?? new Date();
  const rng = createRng(seed);
  const leads = makeLeads(rng);

  const fixtures: CallbackRecord[] = [];
  let n = 0;
  for (const lead of FIXTURE_LEAD_LIST) {
    for (const cb of lead.callbacks) {
      fixtures.push(fixtureRecord(lead, cb, FIXTURE_CALLBACK_ID_BASE + n, now, n));
      n++;
    }
  }

  const drafts: Draft[] = [];
  for (let i = 0; i < TOTAL_CALLBACKS - fixtures.length; i++) drafts.push(randomDraft(rng, now, leads));
  // Ids grow with creation time, as a database's would.
  drafts.sort((a, b) => a.createdMs - b.createdMs);
  const generated = drafts.map((d, i): CallbackRecord => ({ id: String(40001 + i), ...d.record }));

  const callbacks = [...generated, ...fixtures].map(store).sort(compareStored);
  return { seed, now, callbacks, leads };
}

/** For the CLI banner and tests: the local date the data is centred on. */
export function datasetDay(ds: Dataset): string {
  return formatDate(ds.now);
}
