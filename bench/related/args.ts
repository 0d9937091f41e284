/** Command-line options and file locations shared by the related benchmark's scripts. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function option(name: string, fallback: number): number {
  const args = process.argv.slice(2);
  const at = args.indexOf(`--${name}`);
  const value = at >= 0 ? Number(args[at + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} expects a positive whole number`);
  return value;
}

export function flag(name: string): boolean {
  return process.argv.slice(2).includes(`--${name}`);
}

/** bench/out/ (not in git). */
export const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'out');

/** The filled archive of `stories` stories, and the fill's report beside it. */
export function archiveFiles(stories: number): { database: string; report: string } {
  return { database: path.join(OUT, `related-${stories}.db`), report: path.join(OUT, `related-${stories}.fill.json`) };
}
