import type { Kysely } from 'kysely';
import { idColumn } from '../migration-helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current schema types
export async function up(db: Kysely<any>): Promise<void> {
  await idColumn(db, db.schema.createTable('epaper_editions'))
    .addColumn('edition', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull().unique())
    .addColumn('page_count', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // One edition per city and day: a print PDF replaces the compiled digital edition.
    .addUniqueConstraint('epaper_editions_edition_date', ['edition', 'date'])
    .execute();

  await db.schema
    .createTable('epaper_pages')
    .addColumn('edition_id', 'integer', (c) => c.notNull().references('epaper_editions.id').onDelete('cascade'))
    .addColumn('page', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('epaper_pages_pk', ['edition_id', 'page'])
    .execute();

  await db.schema
    .createTable('epaper_edition_stories')
    .addColumn('edition_id', 'integer', (c) => c.notNull().references('epaper_editions.id').onDelete('cascade'))
    .addColumn('story_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('epaper_edition_stories_pk', ['edition_id', 'story_id'])
    .execute();
  await db.schema.createIndex('epaper_edition_stories_story').on('epaper_edition_stories').column('story_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('epaper_edition_stories').execute();
  await db.schema.dropTable('epaper_pages').execute();
  await db.schema.dropTable('epaper_editions').execute();
}
