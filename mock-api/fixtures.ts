// Leads whose callbacks never depend on the seed: tests and demo pages name them.
// Times are minutes relative to the server's start, rounded up to a quarter hour,
// so "past due" and "upcoming" stay true whatever day the mock starts.

export const FIXTURE_LEADS = {
  /** 3 callbacks: one past due (yesterday), one upcoming (about 2 h from start), one completed (3 days ago). */
  withCallbacks: '424242',
  /** Shown on the pages, but has no callback at all. */
  noCallbacks: '777777',
  /** SPA lead A: 2 callbacks (1 upcoming Pending, 1 Dismissed). */
  leadA: '515151',
  /** SPA lead B: 5 callbacks (2 past due, 2 upcoming, 1 Missed). */
  leadB: '525252',
  /** 1 upcoming callback whose comments are XSS_PAYLOAD. */
  xss: '666666',
} as const;

export const XSS_PAYLOAD = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';

export interface FixtureCallback {
  minutesFromStart: number;
  stage: string;
  class: string;
  recipient: string;
  comments: string;
  /** `12h` writes callback_time as `YYYY-MM-DD hh:mm AM`. */
  format?: '12h';
}

export interface FixtureLead {
  leadId: string;
  firstName: string;
  lastName: string;
  phone: string;
  address: string;
  city: string;
  state: string;
  zip: string;
  listId: string;
  callbacks: readonly FixtureCallback[];
}

const HOUR = 60;
const DAY = 24 * HOUR;

const NAMED: readonly FixtureLead[] = [
  {
    leadId: FIXTURE_LEADS.withCallbacks,
    firstName: 'Maria', lastName: 'Gonzalez', phone: '5125550142',
    address: '1187 Cedar Ridge Dr', city: 'Austin', state: 'TX', zip: '78745', listId: '123401',
    callbacks: [
      { minutesFromStart: -26 * HOUR, stage: 'PENDING', class: 'past_due', recipient: 'USERONLY', comments: 'Customer asked to call back after 5pm' },
      { minutesFromStart: 2 * HOUR, stage: 'Pending', class: '', recipient: 'system', comments: 'Wants spouse on the line before deciding' },
      { minutesFromStart: -3 * DAY, stage: 'Completed', class: '', recipient: 'USERONLY', comments: '' },
    ],
  },
  {
    leadId: FIXTURE_LEADS.noCallbacks,
    firstName: 'Daniel', lastName: 'Okafor', phone: '2145550177',
    address: '42 Magnolia Ct', city: 'Plano', state: 'TX', zip: '75024', listId: '123401',
    callbacks: [],
  },
  {
    leadId: FIXTURE_LEADS.leadA,
    firstName: 'Priya', lastName: 'Raman', phone: '6025550115',
    address: '3300 E Camelback Rd Apt 12', city: 'Phoenix', state: 'AZ', zip: '85018', listId: '123408',
    callbacks: [
      { minutesFromStart: 4 * HOUR, stage: 'Pending', class: '', recipient: 'USERONLY', comments: 'Interested, needs to check the utility bill first' },
      { minutesFromStart: -5 * DAY, stage: 'Dismissed', class: '', recipient: 'system', comments: 'Duplicate callback' },
    ],
  },
  {
    leadId: FIXTURE_LEADS.leadB,
    firstName: 'Thomas', lastName: 'Becker', phone: '3055550190',
    address: '901 Brickell Key Blvd', city: 'Miami', state: 'FL', zip: '33131', listId: '123415',
    callbacks: [
      { minutesFromStart: -3 * DAY, stage: 'Missed', class: '', recipient: 'personal', comments: 'Busy at work, try lunch time' },
      { minutesFromStart: -90, stage: 'PENDING', class: 'past_due', recipient: 'USERONLY', comments: 'Call back re: quote #A-2291' },
      { minutesFromStart: -2 * DAY, stage: 'Pending', class: 'past_due', recipient: 'system', comments: 'Left voicemail', format: '12h' },
      { minutesFromStart: DAY, stage: 'New', class: '', recipient: 'system', comments: '' },
      { minutesFromStart: 3 * DAY, stage: 'Pending', class: '', recipient: 'personal', comments: 'Appointment confirmation call', format: '12h' },
    ],
  },
  {
    leadId: FIXTURE_LEADS.xss,
    firstName: 'Xavier', lastName: 'Sims', phone: '4045550166',
    address: '77 Peachtree St NE', city: 'Atlanta', state: 'GA', zip: '30303', listId: '123401',
    callbacks: [
      { minutesFromStart: HOUR, stage: 'Pending', class: '', recipient: 'USERONLY', comments: XSS_PAYLOAD },
    ],
  },
];

const TABLE_PEOPLE: readonly (readonly [string, string, string, string])[] = [
  ['Angela', 'Brooks', 'Dallas', 'TX'], ['Marcus', 'Reed', 'Tempe', 'AZ'], ['Hannah', 'Kowalski', 'Columbus', 'OH'],
  ['Victor', 'Alvarez', 'Tampa', 'FL'], ['Grace', 'Liu', 'Denver', 'CO'], ['Samuel', 'Ortiz', 'Raleigh', 'NC'],
  ['Ruth', 'Fischer', 'Las Vegas', 'NV'], ['Andre', 'Jackson', 'Atlanta', 'GA'], ['Paula', 'Nguyen', 'Houston', 'TX'],
  ['Kevin', "O'Neill", 'Mesa', 'AZ'], ['Diana', 'Petrov', 'Orlando', 'FL'], ['Jorge', 'Salazar', 'El Paso', 'TX'],
  ['Monica', 'Hughes', 'Dayton', 'OH'], ['Trevor', 'Banks', 'Boulder', 'CO'], ['Yolanda', 'Price', 'Durham', 'NC'],
  ['Frank', 'Moretti', 'Reno', 'NV'], ['Leah', 'Goldberg', 'Savannah', 'GA'], ['Omar', 'Haddad', 'Austin', 'TX'],
  ['Beth', 'Larsen', 'Tucson', 'AZ'], ['Curtis', 'Wade', 'Miami', 'FL'], ['Irene', 'Castillo', 'San Antonio', 'TX'],
  ['Neil', 'Sharma', 'Cincinnati', 'OH'], ['Tina', 'Marsh', 'Aurora', 'CO'], ['Roy', 'Dunn', 'Charlotte', 'NC'],
  ['Stella', 'Ibarra', 'Henderson', 'NV'], ['Wesley', 'Cole', 'Macon', 'GA'],
];

/** The 26 generated rows of leads.html after the four named leads; row i has i % 4 callbacks. */
const TABLE_ROWS: readonly FixtureLead[] = TABLE_PEOPLE.map(([firstName, lastName, city, state], i) => ({
  leadId: String(610001 + i),
  firstName,
  lastName,
  phone: `${['512', '602', '614', '813', '720', '919', '702', '404'][i % 8]}55501${String(i + 10).padStart(2, '0')}`,
  address: `${100 + i * 37} ${['Oak', 'Pine', 'Maple', 'Elm', 'Birch'][i % 5]} St`,
  city,
  state,
  zip: String(30000 + i * 1373),
  listId: String(123401 + (i % 20) * 7),
  callbacks: [
    { minutesFromStart: (i + 1) * 3 * HOUR, stage: 'Pending', class: '', recipient: 'USERONLY', comments: 'Asked for a callback next week' },
    { minutesFromStart: -(i + 1) * 200, stage: 'PENDING', class: 'past_due', recipient: 'system', comments: '' },
    { minutesFromStart: -(i + 2) * DAY, stage: 'Completed', class: '', recipient: 'personal', comments: 'Appointment confirmation call' },
  ].slice(0, i % 4),
}));

export const FIXTURE_LEAD_LIST: readonly FixtureLead[] = [...NAMED, ...TABLE_ROWS];

/** Lead ids of leads.html's table, in row order. */
export const TABLE_LEAD_IDS: readonly string[] = [
  FIXTURE_LEADS.withCallbacks,
  FIXTURE_LEADS.noCallbacks,
  FIXTURE_LEADS.leadA,
  FIXTURE_LEADS.leadB,
  ...TABLE_ROWS.map((l) => l.leadId),
];

/** How many callbacks each fixture lead has, whatever the seed. */
export const FIXTURE_CALLBACK_COUNTS: Readonly<Record<string, number>> = Object.fromEntries(
  FIXTURE_LEAD_LIST.map((l) => [l.leadId, l.callbacks.length]),
);

/** Fixture callbacks get ids from here up, in FIXTURE_LEAD_LIST order. */
export const FIXTURE_CALLBACK_ID_BASE = 990001;

export function fixtureLead(leadId: string): FixtureLead | undefined {
  return FIXTURE_LEAD_LIST.find((l) => l.leadId === leadId);
}
