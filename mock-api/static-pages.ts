import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURE_LEAD_LIST } from './fixtures';

// The demo CRM: plain files under pages/, served at /crm/. `.php` is served as
// HTML so the Convoso-admin look-alike keeps Convoso's real path shape.

export const PAGES_DIR = fileURLToPath(new URL('./pages/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.php': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

/** The file for a path below /crm/, or null if it would leave pages/ or has no known type. */
export function pageFile(relative: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return null;
  }
  const name = decoded === '' || decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  const file = resolve(PAGES_DIR, name);
  if (!file.startsWith(PAGES_DIR.endsWith(sep) ? PAGES_DIR : PAGES_DIR + sep)) return null;
  return TYPES[extname(file)] ? file : null;
}

/** Built from the fixtures, so the pages' names and phones always match the API's data. */
export function leadsDirectoryScript(): string {
  const directory = Object.fromEntries(
    FIXTURE_LEAD_LIST.map((l) => [
      l.leadId,
      { firstName: l.firstName, lastName: l.lastName, phone: l.phone, address: l.address, city: l.city, state: l.state, zip: l.zip },
    ]),
  );
  return `window.CRM_LEADS = ${JSON.stringify(directory)};\n`;
}

export async function servePage(req: IncomingMessage, res: ServerResponse, relative: string): Promise<void> {
  if (relative === 'leads-directory.js') {
    res.writeHead(200, { 'content-type': TYPES['.js'] ?? '', 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : leadsDirectoryScript());
    return;
  }
  const file = req.method === 'GET' || req.method === 'HEAD' ? pageFile(relative) : null;
  const content = file ? await readFile(file).catch(() => null) : null;
  if (!file || !content) {
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : content);
}
