import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../migration-helpers.ts';

/** The related-stories engine's tables (see src/store/schema-related.ts). */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current schema types
export async function up(db: Kysely<any>): Promise<void> {
  // Term-keyed tables are read by key only: SQLite stores them clustered on the key.
  const clustered = isPostgres(db) ? sql`` : sql`without rowid`;

  await db.schema
    .createTable('related_df')
    .addColumn('term', 'text', (c) => c.primaryKey())
    .addColumn('df', 'integer', (c) => c.notNull())
    .modifyEnd(clustered)
    .execute();

  await db.schema
    .createTable('related_docs')
    .addColumn('story_id', 'integer', (c) => c.primaryKey())
    .addColumn('revision_id', 'integer', (c) => c.notNull())
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('at', 'integer', (c) => c.notNull())
    .addColumn('simhash', 'text')
    .addColumn('vector', 'text', (c) => c.notNull())
    .addColumn('pending_terms', 'text', (c) => c.notNull())
    .addColumn('entities', 'text', (c) => c.notNull())
    .addColumn('headline_terms', 'text', (c) => c.notNull())
    .addColumn('indexed_at', 'text', (c) => c.notNull())
    .execute();

  // Candidates are the postings of a term nearest in time to the story: (term, at) is the scan.
  await db.schema
    .createTable('related_postings')
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('at', 'integer', (c) => c.notNull())
    .addColumn('story_id', 'integer', (c) => c.notNull())
    .addColumn('weight', 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('related_postings_pk', ['term', 'at', 'story_id'])
    .modifyEnd(clustered)
    .execute();

  await db.schema
    .createTable('related_lists')
    .addColumn('story_id', 'integer', (c) => c.notNull())
    .addColumn('list', 'text', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('related_id', 'integer', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('fill', 'integer', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('related_lists_pk', ['story_id', 'list', 'rank'])
    .execute();
  // A kill finds every list that shows the story in one indexed lookup.
  await db.schema.createIndex('related_lists_related').on('related_lists').columns(['related_id', 'story_id']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['related_lists', 'related_postings', 'related_docs', 'related_df']) await db.schema.dropTable(table).execute();
}
