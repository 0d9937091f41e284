import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';
import type { StoryCard } from '../story-card.ts';
import { deleteDocument, upsertDocument } from './documents.ts';
import type { SearchEngine, SearchResults } from './index.ts';
import { queryWords, SNIPPET_MARKERS, snippetToHtml } from './query.ts';

/** A headline match weighs ten body matches in the bm25 ranking. */
const HEADLINE_WEIGHT = 10;
const SNIPPET_TOKENS = 24;

/** SQLite FTS5 over search_documents (kept in step by triggers, see migration 0004). */
export class SqliteSearch implements SearchEngine {
  constructor(private readonly db: Kysely<Database>) {}

  async search(query: string, page: number, pageSize: number): Promise<SearchResults> {
    const words = queryWords(query);
    if (words.length === 0) return { hits: [], total: 0 };
    // Every word becomes a quoted FTS5 string: all must appear, none is read as an operator.
    const match = words.map((word) => `"${word}"`).join(' ');
    const counted = await sql<{ total: number }>`
      SELECT count(*) AS total FROM search_fts JOIN stories s ON s.id = search_fts.rowid
      WHERE search_fts MATCH ${match} AND s.status = 'published'`.execute(this.db);
    const total = Number(counted.rows[0]?.total ?? 0);
    if (total === 0) return { hits: [], total };
    const rows = await sql<StoryCard & { snippet: string }>`
      SELECT s.id, s.section, s.slug, s.headline, s.teaser, s.city, s.language, s.updated_at, s.first_published_at,
        snippet(search_fts, 1, ${SNIPPET_MARKERS.open}, ${SNIPPET_MARKERS.close}, '…', ${SNIPPET_TOKENS}) AS snippet
      FROM search_fts JOIN stories s ON s.id = search_fts.rowid
      WHERE search_fts MATCH ${match} AND s.status = 'published'
      ORDER BY bm25(search_fts, ${HEADLINE_WEIGHT}, 1.0), s.updated_at DESC
      LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`.execute(this.db);
    return {
      total,
      hits: rows.rows.map(({ snippet, ...story }) => ({ story, snippetHtml: snippetToHtml(snippet) })),
    };
  }

  index(storyId: number, headline: string, body: string, language: string | null): Promise<void> {
    return upsertDocument(this.db, storyId, headline, body, language);
  }

  remove(storyId: number): Promise<void> {
    return deleteDocument(this.db, storyId);
  }
}
