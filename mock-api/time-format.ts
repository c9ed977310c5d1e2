// Convoso sends wall-clock times in the account's zone with no offset, in two
// shapes. The mock uses the server machine's local clock as "the account's zone".

const pad = (n: number): string => String(n).padStart(2, '0');

export function formatDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `2025-06-03 15:00:00` */
export function formatDateTime(d: Date): string {
  return `${formatDate(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** `2025-06-03 03:00 PM`, the other shape seen in the wild. */
export function formatDateTime12h(d: Date): string {
  const h = d.getHours();
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${formatDate(d)} ${pad(h12)}:${pad(d.getMinutes())} ${h < 12 ? 'AM' : 'PM'}`;
}

const H24 = /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const H12 = /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}) (AM|PM)$/;

/** Either shape as `YYYY-MM-DD HH:mm:ss`, so times sort as text; '' if neither. */
export function toSortableTime(value: string): string {
  if (H24.test(value)) return value;
  const m = H12.exec(value);
  if (!m) return '';
  const [, date, hh, mm, ampm] = m;
  const h = (Number(hh) % 12) + (ampm === 'PM' ? 12 : 0);
  return `${date} ${pad(h)}:${mm}:00`;
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isValidIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Local midnight of `now` plus `days`, at `hours:minutes`. */
export function dayAt(now: Date, days: number, hours: number, minutes: number): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + days, hours, minutes, 0, 0);
}

/** `now` shifted by `minutes`, rounded up to the next quarter hour. */
export function quarterHourFrom(now: Date, minutes: number): Date {
  const t = new Date(now.getTime() + minutes * 60_000);
  t.setSeconds(0, 0);
  const extra = (15 - (t.getMinutes() % 15)) % 15;
  return new Date(t.getTime() + extra * 60_000);
}
