import type { Kysely } from 'kysely';
import type { Database } from '../store/index.ts';
import { queryWords } from '../store/index.ts';
import { longDate } from './day.ts';
import { pagePath } from './paths.ts';

/** One print e-paper page that has every word of a reader's search. */
export interface EpaperPageHit {
  edition: string;
  editionName: string;
  date: string;
  /** "Sunday, November 29, 2026" */
  dateLabel: string;
  page: number;
  /** Site path of the page in the viewer. */
  path: string;
  /** Plain text around the first match (escape it when showing it). */
  snippet: string;
}

const SNIPPET_RADIUS = 90;

/**
 * Print e-paper pages whose text has every word of the query, newest paper first. Digital
 * editions are left out: their text is the site's own stories, which search finds already.
 * Pages are few (tens a day), so a substring match on both engines is fast enough.
 */
export async function searchEpaperPages(
  db: Kysely<Database>,
  editions: { slug: string; name: string }[],
  query: string,
  limit = 10,
): Promise<EpaperPageHit[]> {
  const words = queryWords(query);
  if (words.length === 0) return [];
  let select = db
    .selectFrom('epaper_pages as p')
    .innerJoin('epaper_editions as e', 'e.id', 'p.edition_id')
    .select(['e.edition', 'e.date', 'p.page', 'p.text'])
    .where('e.kind', '=', 'print');
  // queryWords keeps letters and digits only, so no word carries a LIKE wildcard.
  for (const word of words) select = select.where((eb) => eb(eb.fn('lower', ['p.text']), 'like', `%${word}%`));
  const rows = await select.orderBy('e.date', 'desc').orderBy('e.edition').orderBy('p.page').limit(limit).execute();
  const names = new Map(editions.map((edition) => [edition.slug, edition.name]));
  return rows.map((row) => ({
    edition: row.edition,
    editionName: names.get(row.edition) ?? row.edition,
    date: row.date,
    dateLabel: longDate(row.date),
    page: row.page,
    path: pagePath(row.edition, row.date, row.page),
    snippet: passage(row.text, words),
  }));
}

function passage(text: string, words: string[]): string {
  const flat = text.replace(/\s+/g, ' ');
  const lower = flat.toLowerCase();
  const first = Math.min(...words.map((word) => lower.indexOf(word)).filter((at) => at >= 0), flat.length);
  const start = Math.max(0, first - SNIPPET_RADIUS);
  const end = Math.min(flat.length, first + SNIPPET_RADIUS);
  return `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
}
