// Bundled by scripts/bench.ts into the benchmark page: the real detection code,
// run by Chromium on a generated 5,000-row CRM page.
import { detectLead, findAllLeadIds } from '../../utils/core/lead/detect';
import { buildLargeCrmTable } from '../../tests/support/lead-fixtures';

(globalThis as Record<string, unknown>).__bench = { detectLead, findAllLeadIds, buildLargeCrmTable };
