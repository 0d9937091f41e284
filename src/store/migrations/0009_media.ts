import type { Kysely } from 'kysely';

/** Stored pictures and the stories that show them (see schema-media.ts). */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('media_assets')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('story_media')
    .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('source_url', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull().references('media_assets.sha256'))
    .addColumn('caption', 'text')
    .addColumn('credit', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('story_media_pk', ['story_id', 'position'])
    .execute();
  // Serving a picture asks whether any visible story shows it; a new revision asks whether its URL was fetched before.
  await db.schema.createIndex('story_media_sha256').on('story_media').column('sha256').execute();
  await db.schema.createIndex('story_media_source_url').on('story_media').column('source_url').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['story_media', 'media_assets']) await db.schema.dropTable(table).execute();
}
