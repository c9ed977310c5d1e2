import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The tree's conventions (docs/DEVELOPING.md, "Layout"), checked on the source itself:
// features over a small core, no loops, small files and functions, one name per file.

const ROOT = path.resolve(import.meta.dirname, '../..');
const SHIPPED = ['entrypoints', 'components', 'utils', 'assets'];
const FEATURES = ['lookup', 'search', 'connection', 'sites', 'reminders'] as const;
const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 120;

function walk(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    return e.isDirectory() ? walk(rel) : [rel];
  });
}

const isTest = (f: string) => /\.(test|e2e)\.tsx?$/.test(f);
const files = SHIPPED.flatMap(walk).filter((f) => !isTest(f));
const code = files.filter((f) => /\.tsx?$/.test(f));
const codeSet = new Set(code);

/** Relative imports of a file, resolved to repository paths (type-only ones included: they tie modules too). */
function importsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const specs: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      specs.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      specs.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specs
    .filter((s) => s.startsWith('.'))
    .map((s) => {
      const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), s));
      return [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`].find((c) => codeSet.has(c)) ?? base;
    })
    .filter((target) => codeSet.has(target));
}

const graph = new Map(code.map((f) => [f, importsOf(f)]));

/** `core`, a feature's name, or `entrypoints`. */
function areaOf(file: string): string {
  const [top, second] = file.split('/');
  if (top === 'entrypoints' || top === 'assets') return top;
  return second!;
}

/** A feature's public contract, `utils/<feature>/<feature>-messages.ts`: what other features may import. */
const isMessages = (file: string) => /^utils\/([a-z]+)\/\1-messages\.ts$/.test(file);

function cycles(edges: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (next === node) continue;
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of edges.keys()) if (!state.has(node)) visit(node);
  return found;
}

describe('layout: features over a small core', () => {
  it('has the feature folders and the core in components/ and utils/, and nothing else there', () => {
    const allowed = new Set<string>(['core', ...FEATURES]);
    for (const top of ['components', 'utils']) {
      const folders = readdirSync(path.join(ROOT, top), { withFileTypes: true });
      expect(folders.filter((e) => !e.isDirectory()).map((e) => e.name), `loose files in ${top}/`).toEqual([]);
      expect(folders.map((e) => e.name).filter((n) => !allowed.has(n)), `folders in ${top}/`).toEqual([]);
    }
  });

  it('the core imports only the core', () => {
    const up = [...graph].flatMap(([file, targets]) =>
      areaOf(file) === 'core' ? targets.filter((t) => areaOf(t) !== 'core').map((t) => `${file} -> ${t}`) : [],
    );
    expect(up).toEqual([]);
  });

  it('a feature reaches another feature only through its messages', () => {
    const across = [...graph].flatMap(([file, targets]) => {
      const area = areaOf(file);
      if (!(FEATURES as readonly string[]).includes(area)) return [];
      return targets.filter((t) => areaOf(t) !== area && areaOf(t) !== 'core' && !isMessages(t)).map((t) => `${file} -> ${t}`);
    });
    expect(across).toEqual([]);
  });

  it('nothing imports an entrypoint from outside it', () => {
    const into = [...graph].flatMap(([file, targets]) =>
      targets.filter((t) => areaOf(t) === 'entrypoints' && t.split('/')[1] !== file.split('/')[1]).map((t) => `${file} -> ${t}`),
    );
    expect(into).toEqual([]);
  });

  it('has no import loop between files', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('has no import loop between folders', () => {
    const folders = new Map<string, Set<string>>();
    for (const [file, targets] of graph) {
      const from = path.posix.dirname(file);
      const set = folders.get(from) ?? new Set<string>();
      for (const t of targets) set.add(path.posix.dirname(t));
      folders.set(from, set);
    }
    expect(cycles(new Map([...folders].map(([k, v]) => [k, [...v]])))).toEqual([]);
  });
});

describe('layout: small files, small functions, one name per file', () => {
  it(`has no product file over ${MAX_FILE_LINES} lines`, () => {
    const long = files
      .filter((f) => /\.(tsx?|css|html)$/.test(f))
      .map((f) => [f, readFileSync(path.join(ROOT, f), 'utf8').split('\n').length] as const)
      .filter(([, n]) => n > MAX_FILE_LINES)
      .map(([f, n]) => `${f}: ${n}`);
    expect(long).toEqual([]);
  });

  it(`has no function over ${MAX_FUNCTION_LINES} lines`, () => {
    const long: string[] = [];
    for (const file of code) {
      const source = ts.createSourceFile(file, readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node) => {
        if (ts.isFunctionLike(node) && 'body' in node && node.body) {
          const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
          const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
          if (end - start + 1 > MAX_FUNCTION_LINES) long.push(`${file}:${start + 1}: ${end - start + 1} lines`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(long).toEqual([]);
  });

  it('has no two files of the same name in components/ and utils/', () => {
    const byName = new Map<string, string[]>();
    for (const f of files.filter((f) => /^(components|utils)\//.test(f))) {
      const name = path.posix.basename(f);
      byName.set(name, [...(byName.get(name) ?? []), f]);
    }
    expect([...byName].filter(([, list]) => list.length > 1).map(([name, list]) => `${name}: ${list.join(', ')}`)).toEqual([]);
  });
});
