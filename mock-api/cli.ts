import { DEMO_TOKEN, startMockApi } from './server';
import { FIXTURE_LEADS } from './fixtures';

// `npm run mock-api [-- --port 8787 --host 127.0.0.1 --seed 42]`, or MOCK_API_PORT.

function flag(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  const inline = args.find((a) => a.startsWith(`--${name}=`));
  return inline?.slice(name.length + 3);
}

function integer(raw: string | undefined, fallback: number, what: string): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) {
    console.error(`${what} must be a whole number, got "${raw}"`);
    process.exit(2);
  }
  return Number(raw);
}

const port = integer(flag('port') ?? process.env.MOCK_API_PORT, 8787, 'Port');
const seed = flag('seed') === undefined ? undefined : integer(flag('seed'), 0, 'Seed');
const api = await startMockApi({ port, host: flag('host') ?? '127.0.0.1', seed });

// The test build's static content script runs on localhost (127.0.0.1 is kept for
// the "add a CRM site" flow), so the pages are listed where the badge shows.
const crm = `${api.url.replace('//127.0.0.1:', '//localhost:')}/crm`;
console.log(`Mock Convoso API   ${api.apiBase}   (${api.dataset.callbacks.length} callbacks, seed ${api.dataset.seed})
Demo token         ${DEMO_TOKEN}
Try                ${api.apiBase}/callbacks/search?auth_token=${DEMO_TOKEN}&lead_id=${FIXTURE_LEADS.withCallbacks}

Demo CRM pages (the test build's badge runs on localhost)
  ${crm}/                                   index
  ${crm}/lead.html?lead_id=${FIXTURE_LEADS.withCallbacks}             lead id in the URL
  ${crm}/contact.html                       lead id in data-lead-id / data-convoso-lead-id
  ${crm}/form.html                          lead id in <input name="lead_id">
  ${crm}/spa.html                           SPA, pushState (?mode=dom: DOM only)
  ${crm}/leads.html                         30 leads, for inline mode
  ${crm}/no-lead.html                       no lead anywhere
  ${crm}/convoso/leads/edit_lead.php?lead_id=${FIXTURE_LEADS.leadB}   Convoso admin look-alike
  ${crm}/xss.html?lead_id=${FIXTURE_LEADS.xss}              hostile comments

Faults: POST ${api.url}/__mock/faults  {"latencyMs":1500} | {"status429":{"times":1}} | ...
        POST ${api.url}/__mock/reset, GET|DELETE ${api.url}/__mock/requests
Ctrl+C to stop.`);

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping mock API`);
  api.close().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
