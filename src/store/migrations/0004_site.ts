import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../migration-helpers.ts';

/**
 * The site's search documents, filled from the stories already published, and on SQLite the
 * FTS5 index over them. The FTS5 table uses the documents as external content, so triggers keep
 * it in step with every insert, update and delete; nothing else writes to it.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('search_documents')
    .addColumn('story_id', 'integer', (c) => c.primaryKey().references('stories.id'))
    .addColumn('headline', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('indexed_at', 'text', (c) => c.notNull())
    .execute();

  if (!isPostgres(db)) {
    // Combining marks (M*) count as word characters: otherwise unicode61 cuts Devanagari words at
    // every vowel sign ("मुंबई" -> "म", "बई") and Hindi and Marathi search finds fragments.
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(headline, body, content='search_documents', content_rowid='story_id', tokenize="unicode61 remove_diacritics 2 categories 'L* N* Co M*'")`.execute(
      db,
    );
    await sql`CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN
      INSERT INTO search_fts(rowid, headline, body) VALUES (new.story_id, new.headline, new.body);
    END`.execute(db);
    await sql`CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN
      INSERT INTO search_fts(search_fts, rowid, headline, body) VALUES ('delete', old.story_id, old.headline, old.body);
    END`.execute(db);
    await sql`CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN
      INSERT INTO search_fts(search_fts, rowid, headline, body) VALUES ('delete', old.story_id, old.headline, old.body);
      INSERT INTO search_fts(rowid, headline, body) VALUES (new.story_id, new.headline, new.body);
    END`.execute(db);
  }

  await sql`INSERT INTO search_documents (story_id, headline, body, language, indexed_at)
    SELECT s.id, r.headline, r.body_text, s.language, s.updated_at
    FROM stories s JOIN revisions r ON r.id = s.current_revision_id
    WHERE s.status = 'published'`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) await sql`DROP TABLE IF EXISTS search_fts`.execute(db);
  await db.schema.dropTable('search_documents').execute();
}
