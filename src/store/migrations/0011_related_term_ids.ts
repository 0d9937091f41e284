import { type Kysely, sql } from 'kysely';
import { idColumn, isPostgres } from '../migration-helpers.ts';

/**
 * The related engine's postings keyed by an integer term id instead of the term's text: the
 * per-story candidate statement scans 50 index ranges, and integer keys halve its cost on SQLite
 * (bench/related/README.md) and shrink the largest related table. `related_terms` is the term
 * dictionary and holds the document frequencies (it replaces `related_df`); its rows are never
 * deleted, so an id never changes and a node can keep ids in memory. `related_docs.term_counts`
 * keeps a story's raw term counts, so a refresh re-weights them without re-reading the text.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current schema types
export async function up(db: Kysely<any>): Promise<void> {
  const clustered = isPostgres(db) ? sql`` : sql`without rowid`;

  await idColumn(db, db.schema.createTable('related_terms'))
    .addColumn('term', 'text', (c) => c.notNull().unique())
    .addColumn('df', 'integer', (c) => c.notNull())
    .execute();
  await sql`INSERT INTO related_terms (term, df) SELECT term, df FROM related_df ORDER BY term`.execute(db);

  await db.schema.alterTable('related_postings').renameTo('related_postings_by_text').execute();
  await db.schema
    .createTable('related_postings')
    .addColumn('term_id', 'integer', (c) => c.notNull())
    .addColumn('at', 'integer', (c) => c.notNull())
    .addColumn('story_id', 'integer', (c) => c.notNull())
    .addColumn('weight', 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('related_postings_term_id_pk', ['term_id', 'at', 'story_id'])
    .modifyEnd(clustered)
    .execute();
  await sql`INSERT INTO related_postings (term_id, at, story_id, weight)
    SELECT t.id, p.at, p.story_id, p.weight FROM related_postings_by_text p JOIN related_terms t ON t.term = p.term
    ORDER BY t.id, p.at, p.story_id`.execute(db);
  await db.schema.dropTable('related_postings_by_text').execute();
  await db.schema.dropTable('related_df').execute();

  // Null for stories indexed before this migration: their next refresh reads the text once.
  await db.schema.alterTable('related_docs').addColumn('term_counts', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  const clustered = isPostgres(db) ? sql`` : sql`without rowid`;
  await db.schema.alterTable('related_docs').dropColumn('term_counts').execute();
  await db.schema
    .createTable('related_df')
    .addColumn('term', 'text', (c) => c.primaryKey())
    .addColumn('df', 'integer', (c) => c.notNull())
    .modifyEnd(clustered)
    .execute();
  await sql`INSERT INTO related_df (term, df) SELECT term, df FROM related_terms WHERE df > 0`.execute(db);
  await db.schema.alterTable('related_postings').renameTo('related_postings_by_id').execute();
  await db.schema
    .createTable('related_postings')
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('at', 'integer', (c) => c.notNull())
    .addColumn('story_id', 'integer', (c) => c.notNull())
    .addColumn('weight', 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('related_postings_pk', ['term', 'at', 'story_id'])
    .modifyEnd(clustered)
    .execute();
  await sql`INSERT INTO related_postings (term, at, story_id, weight)
    SELECT t.term, p.at, p.story_id, p.weight FROM related_postings_by_id p JOIN related_terms t ON t.id = p.term_id`.execute(db);
  await db.schema.dropTable('related_postings_by_id').execute();
  await db.schema.dropTable('related_terms').execute();
}
