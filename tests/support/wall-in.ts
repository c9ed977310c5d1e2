// Callback times for the real-browser tests, written as Convoso writes them.

/** `minutes` from now on `timeZone`'s clock: Convoso's text, its date, and the time as the badge writes it. */
export function wallIn(timeZone: string, minutes: number): { text: string; date: string; time: string } {
  const at = new Date(Date.now() + minutes * 60_000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const hour = Number(parts.hour);
  const time = `${hour % 12 === 0 ? 12 : hour % 12}:${parts.minute} ${hour < 12 ? 'AM' : 'PM'}`;
  return { text: `${date} ${parts.hour}:${parts.minute}:00`, date, time };
}
