// The fixed parts of the fake call center: campaigns, lead lists and agents.
// They do not depend on the seed, so fixtures can name them.

export interface Campaign {
  id: string;
  name: string;
  type: 'Normal' | 'Manual';
  accountId: string;
}

export interface LeadList {
  id: string;
  directoryName: string;
  campaignId: string;
}

export interface Agent {
  id: string;
  name: string;
}

/** The fake tenant most data belongs to; a second one owns two campaigns. */
export const ACCOUNTS = { main: '5501', partner: '5502' } as const;

export const CAMPAIGNS: readonly Campaign[] = [
  { id: '1001', name: 'Solar Outreach - Residential', type: 'Normal', accountId: ACCOUNTS.main },
  { id: '1002', name: 'Medicare Advantage Enrollment', type: 'Normal', accountId: ACCOUNTS.main },
  { id: '1003', name: 'Auto Insurance Renewals', type: 'Manual', accountId: ACCOUNTS.main },
  { id: '1004', name: 'Home Warranty Follow-up', type: 'Normal', accountId: ACCOUNTS.main },
  { id: '1005', name: 'Debt Relief Inbound', type: 'Normal', accountId: ACCOUNTS.main },
  { id: '1006', name: 'Final Expense Callbacks', type: 'Manual', accountId: ACCOUNTS.main },
  { id: '1007', name: 'Roofing Estimates - Spring', type: 'Normal', accountId: ACCOUNTS.partner },
  { id: '1008', name: 'Student Loan Consolidation', type: 'Normal', accountId: ACCOUNTS.partner },
];

const LIST_NAMES: readonly (readonly [string, string])[] = [
  ['1001', 'Solar TX - Web Leads May'],
  ['1001', 'Solar AZ - Home Show Signups'],
  ['1001', 'Solar Referrals Q2'],
  ['1002', 'Medicare T65 - Direct Mail'],
  ['1002', 'Medicare AEP Inbound Overflow'],
  ['1002', 'Medicare Aged Leads 2024'],
  ['1003', 'Auto Renewals - 30 Day'],
  ['1003', 'Auto Renewals - Lapsed'],
  ['1004', 'Home Warranty Expiring'],
  ['1004', 'Home Warranty Web Quotes'],
  ['1005', 'Debt Relief - TV Response'],
  ['1005', 'Debt Relief - Facebook'],
  ['1005', 'Debt Relief Callback Pool'],
  ['1006', 'Final Expense - Seniors FL'],
  ['1006', 'Final Expense - Seniors OH'],
  ['1007', 'Roofing Storm Leads - Dallas'],
  ['1007', 'Roofing Door Knock Follow-ups'],
  ['1008', 'Student Loans - Grad Leads'],
  ['1008', 'Student Loans - PSLF Inquiries'],
  ['1008', 'Student Loans - Aged'],
];

export const LISTS: readonly LeadList[] = LIST_NAMES.map(([campaignId, directoryName], i) => ({
  id: String(123401 + i * 7),
  directoryName,
  campaignId,
}));

const AGENT_NAMES = [
  'Olivia Martinez', 'Liam Johnson', 'Ava Thompson', 'Noah Williams', 'Sophia Brown',
  'Jackson Davis', 'Isabella Garcia', 'Lucas Miller', 'Mia Wilson', 'Ethan Moore',
  'Harper Taylor', 'Aiden Anderson', 'Amelia Thomas', 'Caden Jackson', 'Evelyn White',
  'Grayson Harris', 'Abigail Martin', 'Mason Clark', 'Emily Lewis', 'Logan Robinson',
  'Ella Walker', 'Carter Young', 'Scarlett Allen', 'Jayden King', 'Grace Wright',
  'Dylan Scott', 'Chloe Torres', 'Owen Nguyen', 'Zoey Hill', 'Wyatt Flores',
  'Lily Green', 'Henry Adams', 'Nora Nelson', 'Sebastian Baker', 'Riley Hall',
  'Julian Rivera', 'Layla Campbell', 'Levi Mitchell', 'Hannah Carter', 'Isaac Roberts',
];

export const AGENTS: readonly Agent[] = AGENT_NAMES.map((name, i) => ({
  id: String(12000000 + (i + 1) * 1137),
  name,
}));

export const FIRST_NAMES = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
  'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Charles', 'Karen', 'Carlos', 'Lupe',
  'Anthony', 'Nancy', 'Mark', 'Betty', 'Kevin', 'Sandra', 'Brian', 'Ashley', 'Jamal', 'Keisha',
  'Wei', 'Mei', 'Raj', 'Anita', 'Dmitri', 'Olga', 'Tyrone', 'Latoya', 'Hector', 'Rosa',
] as const;

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
  "O'Brien", 'Nguyen', 'Patel', 'Kim', 'Washington', 'Okafor', 'Kowalski', 'Schmidt', 'Rossi', 'Chen',
] as const;

export const AREA_CODES = ['512', '214', '602', '305', '404', '614', '813', '720', '919', '702'] as const;

export const COMMENTS = [
  'Customer asked to call back after 5pm',
  'Wants spouse on the line before deciding',
  'Left voicemail, asked for a callback tomorrow morning',
  'Interested, needs to check the utility bill first',
  'Call back re: quote #A-2291',
  'Requested Spanish-speaking agent',
  'Busy at work, try lunch time',
  'Already has coverage until the end of the month',
  'Asked for a callback next week',
  'Price objection - review the discount options',
  'Hung up mid-call, try again',
  'Prefers text first, then call',
  'Needs to gather documents (ID, last statement)',
  'Do NOT call before 10am',
  'Transferred from inbound IVR, wanted a specialist',
  'Follow up on the e-signature email',
  'Appointment confirmation call',
  'Reschedule: customer driving',
  'Warm lead — very interested, call ASAP',
  'Said "call me Thursday" – confirm time zone',
] as const;

export const STATUSES: readonly (readonly [string, string])[] = [
  ['CALLBK', 'Call Back'],
  ['CBHOLD', 'Callback Hold'],
  ['LIVE', ''],
  ['DISMISSED', ''],
  ['NI', 'Not Interested'],
  ['A', 'Answering Machine'],
  ['SALE', 'Sale'],
];

export function campaignById(id: string): Campaign {
  const c = CAMPAIGNS.find((x) => x.id === id);
  if (!c) throw new Error(`unknown campaign ${id}`);
  return c;
}

export function listById(id: string): LeadList {
  const l = LISTS.find((x) => x.id === id);
  if (!l) throw new Error(`unknown list ${id}`);
  return l;
}
