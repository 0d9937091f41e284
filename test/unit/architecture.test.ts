import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The boundaries DESIGN.md sets, read from the source's import specifiers: an area reaches
 * another only through its index.ts, and dependencies point one way (ingest -> publish ->
 * store -> domain), so the lower layers never import the areas that call them.
 */
const SRC = resolve('src');

/** What each lower layer may import besides itself; every other area (and top-level file) is above it. */
const MAY_IMPORT: Record<string, string[]> = {
  domain: [],
  store: ['domain'],
  publish: ['domain', 'store'],
};

interface Import {
  file: string;
  specifier: string;
  target: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Relative specifiers of static imports and re-exports, side-effect imports and dynamic import(). */
function relativeImports(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/\b(?:from|import)\s*\(?\s*['"](\.[^'"]*)['"]/g)].map((match) => match[1] ?? '');
  return specifiers.map((specifier) => ({ file, specifier, target: resolve(dirname(file), specifier) }));
}

/** The folder under src/ a path belongs to, or the file's own name for top-level files (config.ts, runtime.ts). */
function areaOf(path: string): string {
  return relative(SRC, path).split('/')[0] ?? '';
}

const isTopLevel = (path: string): boolean => !relative(SRC, path).includes('/');
const show = ({ file, specifier }: Import): string => `${relative(SRC, file)} imports ${specifier}`;
// The top-level files (runtime.ts, server.ts, cli.ts) wire the areas together, through their index.ts too.
const crossAreaImports = sourceFiles(SRC)
  .flatMap(relativeImports)
  .filter(({ file, target }) => areaOf(target) !== areaOf(file));

describe('source boundaries', () => {
  it('finds the imports it checks', () => {
    // Guards the scan itself: a broken pattern would find nothing and pass everything below.
    expect(crossAreaImports.some(({ file }) => areaOf(file) === 'publish')).toBe(true);
  });

  it('an area, or a top-level file, imports an area only through its index.ts', () => {
    const deep = crossAreaImports.filter(({ target }) => !isTopLevel(target) && target !== join(SRC, areaOf(target), 'index.ts'));
    expect(deep.map(show)).toEqual([]);
  });

  it('domain, store and publish import nothing from the areas that call them', () => {
    const upward = crossAreaImports.filter(({ file, target }) => {
      const allowed = MAY_IMPORT[areaOf(file)];
      return allowed !== undefined && !allowed.includes(areaOf(target));
    });
    expect(upward.map(show)).toEqual([]);
  });
});
