import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../migration-helpers.ts';

/**
 * PostgreSQL's full-text index over `search_documents` (migration 0004 makes the table; SQLite
 * indexes it with FTS5 there). A text search configuration `wiredesk_text` reads words the way the
 * SQLite index does — no stemming, no stop words, accents folded (unaccent) — so a query finds
 * the same stories on both engines. The vector is a generated column, so every write to the
 * documents keeps it current, and a GIN index makes `@@` a lookup. Headline words weigh A, body
 * words D: ts_rank's default weights make a headline match count ten body matches, as on SQLite.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current schema types
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  // unaccent is a trusted extension (PostgreSQL 13+): the database owner may create it.
  await sql`CREATE EXTENSION IF NOT EXISTS unaccent`.execute(db);
  await sql`CREATE TEXT SEARCH CONFIGURATION wiredesk_text (COPY = simple)`.execute(db);
  await sql`ALTER TEXT SEARCH CONFIGURATION wiredesk_text
    ALTER MAPPING FOR asciihword, asciiword, hword, hword_asciipart, hword_part, word WITH unaccent, simple`.execute(db);
  await sql`ALTER TABLE search_documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('wiredesk_text', headline), 'A') || setweight(to_tsvector('wiredesk_text', body), 'D')
  ) STORED`.execute(db);
  await sql`CREATE INDEX search_documents_vector ON search_documents USING gin (search_vector)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`DROP INDEX IF EXISTS search_documents_vector`.execute(db);
  await sql`ALTER TABLE search_documents DROP COLUMN IF EXISTS search_vector`.execute(db);
  await sql`DROP TEXT SEARCH CONFIGURATION IF EXISTS wiredesk_text`.execute(db);
}
