/** File locations shared by the related benchmark's scripts. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** bench/out/ (not in git). */
export const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'out');

/** The filled archive of `stories` stories, and the fill's report beside it. */
export function archiveFiles(stories: number): { database: string; report: string } {
  return { database: path.join(OUT, `related-${stories}.db`), report: path.join(OUT, `related-${stories}.fill.json`) };
}
