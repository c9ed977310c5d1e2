// Reading an answer without trusting its size or shape: a proxy or a hostile
// server can send 60 MB, a gzip bomb (small on the wire, huge once inflated)
// or JSON nested thousands deep. The body is streamed and counted after
// decompression, and reading stops at the cap.

/** Far above a full 5,000-result page (about 5 MB), far below what hurts the worker. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** Convoso's answers are 4 levels deep; a callback's raw fields add a few more. */
export const MAX_JSON_DEPTH = 64;

export type BodyRead = { ok: true; text: string } | { ok: false; tooLarge: true };

/**
 * The body as text, or `tooLarge` as soon as more than `maxBytes` arrived (or
 * Content-Length announces more). Reading errors (abort, a dropped connection)
 * are thrown, as `response.text()` would.
 */
export async function readBodyCapped(response: Response, maxBytes = MAX_BODY_BYTES): Promise<BodyRead> {
  const announced = Number(response.headers.get('content-length'));
  if (Number.isFinite(announced) && announced > maxBytes) {
    // Not awaited: a tee'd stream's cancel waits for its twin.
    void response.body?.cancel().catch(() => undefined);
    return { ok: false, tooLarge: true };
  }
  if (!response.body) return { ok: true, text: await response.text() };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      void reader.cancel().catch(() => undefined);
      return { ok: false, tooLarge: true };
    }
    text += decoder.decode(value, { stream: true });
  }
  return { ok: true, text: text + decoder.decode() };
}

/** True when arrays/objects nest deeper than `max` (brackets inside strings do not count). One pass, no recursion. */
export function jsonTooDeep(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max) return true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
    }
  }
  return false;
}
