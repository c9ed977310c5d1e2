// The mock's public face, for tests and the e2e harness (tests/e2e: `import { startMockApi } from '../../mock-api'`).
export { DEMO_TOKEN, startMockApi, type MockApi, type MockApiOptions, type RecordedRequest } from './server';
export { FIXTURE_LEADS, FIXTURE_CALLBACK_COUNTS, FIXTURE_LEAD_LIST, TABLE_LEAD_IDS, XSS_PAYLOAD } from './fixtures';
export { NO_FAULTS, MISSING_FIELDS_DEFAULT, type Faults } from './faults';
export { buildDataset, DEFAULT_SEED, TOTAL_CALLBACKS, type CallbackRecord, type Dataset } from './data';
export { searchCallbacks, ERRORS, AUTH_ERROR } from './search';
