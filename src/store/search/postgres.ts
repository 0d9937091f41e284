import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';
import type { StoryCard } from '../story-card.ts';
import { deleteDocument, upsertDocument } from './documents.ts';
import type { SearchEngine, SearchResults } from './index.ts';
import { queryWords, SNIPPET_MARKERS, snippetToHtml } from './query.ts';

/** ts_headline's passage length in words, about the size of the SQLite snippet. */
const SNIPPET_OPTIONS = `StartSel=${SNIPPET_MARKERS.open}, StopSel=${SNIPPET_MARKERS.close}, MaxWords=30, MinWords=15, ShortWord=0, MaxFragments=1`;

/**
 * PostgreSQL full text over search_documents: the generated `search_vector` column and its GIN
 * index (migration 0008), ranked by ts_rank with headline words weighing more, snippets from
 * ts_headline. Each reader word is quoted for websearch_to_tsquery, so words like "or" stay
 * words and never become operators.
 */
export class PostgresSearch implements SearchEngine {
  constructor(private readonly db: Kysely<Database>) {}

  async search(query: string, page: number, pageSize: number): Promise<SearchResults> {
    const words = queryWords(query);
    if (words.length === 0) return { hits: [], total: 0 };
    const tsquery = sql`websearch_to_tsquery('wiredesk_text', ${words.map((word) => `"${word}"`).join(' ')})`;
    const counted = await sql<{ total: number }>`
      SELECT count(*) AS total FROM search_documents d JOIN stories s ON s.id = d.story_id
      WHERE d.search_vector @@ ${tsquery} AND s.status = 'published'`.execute(this.db);
    const total = Number(counted.rows[0]?.total ?? 0);
    if (total === 0) return { hits: [], total };
    // Rank and cut the page first; ts_headline re-reads the body, so it runs for this page only.
    const rows = await sql<StoryCard & { body: string; snippet: string; rank: number }>`
      SELECT page.*, ts_headline('wiredesk_text', page.body, ${tsquery}, ${SNIPPET_OPTIONS}) AS snippet
      FROM (
        SELECT s.id, s.section, s.slug, s.headline, s.teaser, s.city, s.language, s.updated_at, s.first_published_at,
          d.body, ts_rank(d.search_vector, ${tsquery}) AS rank
        FROM search_documents d JOIN stories s ON s.id = d.story_id
        WHERE d.search_vector @@ ${tsquery} AND s.status = 'published'
        ORDER BY rank DESC, s.updated_at DESC, s.id DESC
        LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}
      ) page
      ORDER BY page.rank DESC, page.updated_at DESC, page.id DESC`.execute(this.db);
    return {
      total,
      hits: rows.rows.map(({ body, snippet, rank: _rank, ...story }) => ({
        story,
        snippetHtml: snippetToHtml(withEllipses(body, snippet)),
      })),
    };
  }

  index(storyId: number, headline: string, body: string, language: string | null): Promise<void> {
    return upsertDocument(this.db, storyId, headline, body, language);
  }

  remove(storyId: number): Promise<void> {
    return deleteDocument(this.db, storyId);
  }
}

/** ts_headline cuts a passage without saying so; mark the cuts as SQLite's snippet() does. */
function withEllipses(body: string, snippet: string): string {
  const plain = snippet.replaceAll(SNIPPET_MARKERS.open, '').replaceAll(SNIPPET_MARKERS.close, '');
  return `${body.startsWith(plain) ? '' : '…'}${snippet}${body.endsWith(plain) ? '' : '…'}`;
}
