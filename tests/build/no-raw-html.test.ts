import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// `web-ext lint` warns about one innerHTML assignment in the Firefox package: Preact's
// own `dangerouslySetInnerHTML` path. The warning is harmless only while no shipped code
// of ours uses that prop or writes HTML itself; this keeps it so.
const ROOT = path.resolve(import.meta.dirname, '../..');
const SHIPPED = ['components', 'entrypoints', 'utils'];
function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return sources(rel);
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

describe('shipped code renders API data as text', () => {
  it('never sets HTML: no dangerouslySetInnerHTML, innerHTML, outerHTML or insertAdjacentHTML', () => {
    const files = SHIPPED.flatMap(sources);
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.filter((f) => /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML/.test(readFileSync(path.join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
