// Test and benchmark pages. Not shipped code: imported by tests and scripts/bench.ts.

export interface LargeCrmTableOptions {
  /**
   * 'list': every row carries its own `data-lead-id` (inline mode's page).
   * 'detail': one lead's page whose `lead_id` hidden field comes *after* a big
   * activity table with no lead attributes (the detector's worst case).
   */
  mode?: 'list' | 'detail';
  /** First lead id of a list; the detail page's lead id. */
  firstLeadId?: number;
}

/**
 * Appends a CRM-like page with a `rows`-row table to `doc.body` and returns its
 * container. Lead ids of a list run from `firstLeadId` upwards, one per row.
 */
export function buildLargeCrmTable(doc: Document, rows: number, options: LargeCrmTableOptions = {}): HTMLElement {
  const mode = options.mode ?? 'list';
  const first = options.firstLeadId ?? 100_000;
  const parts: string[] = [
    '<header><nav><a href="/leads">Leads</a> <a href="/reports">Reports</a></nav></header>',
    '<table class="grid"><thead><tr><th>Name</th><th>Phone</th><th>Status</th><th>Owner</th><th></th></tr></thead><tbody>',
  ];
  for (let i = 0; i < rows; i++) {
    const id = first + i;
    const attr = mode === 'list' ? ` data-lead-id="${id}"` : '';
    parts.push(
      `<tr class="row"${attr}><td class="name">Test Person ${i}</td><td>555-01${String(i % 100).padStart(2, '0')}</td>`,
      `<td><span class="status">NEW</span></td><td>Agent ${i % 7}</td><td><a href="/leads/view?id=${id}">Open</a></td></tr>`,
    );
  }
  parts.push('</tbody></table>');
  if (mode === 'detail') {
    parts.push(`<form class="lead"><input type="hidden" name="lead_id" value="${first}"><button>Save</button></form>`);
  }
  const container = doc.createElement('main');
  container.className = 'crm-page';
  container.innerHTML = parts.join('');
  doc.body.append(container);
  return container;
}
