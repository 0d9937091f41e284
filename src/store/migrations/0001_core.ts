import type { Kysely } from 'kysely';
import { idColumn } from '../migration-helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('agencies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('byline', 'text', (c) => c.notNull())
    .addColumn('disclaimer', 'text', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(100))
    .addColumn('indexing_policy', 'text', (c) => c.notNull().defaultTo('index'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('feeds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('transport', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull().defaultTo('auto'))
    .addColumn('interval_seconds', 'integer', (c) => c.notNull().defaultTo(60))
    .addColumn('credentials', 'text')
    .addColumn('mode', 'text', (c) => c.notNull().defaultTo('auto'))
    .addColumn('default_section', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('zone', 'text', (c) => c.notNull())
    .addColumn('status_map', 'text')
    .addColumn('allow_private', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('paused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('last_fetch_at', 'text')
    .addColumn('last_success_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', 'text')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_poll_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await idColumn(db, db.schema.createTable('stories'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('guid', 'text', (c) => c.notNull())
    .addColumn('feed_id', 'text')
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('city', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('headline', 'text', (c) => c.notNull())
    .addColumn('teaser', 'text', (c) => c.notNull())
    .addColumn('dateline', 'text')
    .addColumn('language', 'text')
    .addColumn('current_revision_id', 'integer')
    .addColumn('first_published_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('embargo_until', 'text')
    .addColumn('killed_at', 'text')
    .addColumn('kill_reason', 'text')
    .addColumn('duplicate_of', 'integer')
    .addColumn('simhash', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('stories_identity', ['agency_id', 'guid'])
    .execute();
  await db.schema.createIndex('stories_status_updated').on('stories').columns(['status', 'updated_at']).execute();
  await db.schema.createIndex('stories_section_status_updated').on('stories').columns(['section', 'status', 'updated_at']).execute();
  await db.schema.createIndex('stories_city_status_updated').on('stories').columns(['city', 'status', 'updated_at']).execute();
  await db.schema.createIndex('stories_embargo').on('stories').columns(['status', 'embargo_until']).execute();

  await idColumn(db, db.schema.createTable('revisions'))
    .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id'))
    .addColumn('feed_id', 'text')
    .addColumn('version', 'integer')
    .addColumn('version_created_at', 'text')
    .addColumn('first_created_at', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('signal', 'text', (c) => c.notNull())
    .addColumn('pubstatus', 'text', (c) => c.notNull())
    .addColumn('embargo', 'text')
    .addColumn('headline', 'text', (c) => c.notNull())
    .addColumn('byline', 'text')
    .addColumn('dateline', 'text')
    .addColumn('teaser', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('text_hash', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('subjects', 'text', (c) => c.notNull())
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('place', 'text')
    .addColumn('link', 'text')
    .addColumn('media', 'text', (c) => c.notNull())
    .addColumn('priority', 'integer')
    .addColumn('raw', 'text', (c) => c.notNull())
    .addUniqueConstraint('revisions_story_content', ['story_id', 'content_hash'])
    .execute();

  await db.schema
    .createTable('story_tags')
    .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('story_tags_pk', ['story_id', 'tag'])
    .execute();
  await db.schema.createIndex('story_tags_tag').on('story_tags').columns(['tag', 'story_id']).execute();

  await idColumn(db, db.schema.createTable('rejected_items'))
    .addColumn('feed_id', 'text')
    .addColumn('item_ref', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('raw', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('retried_at', 'text')
    .execute();
  await db.schema.createIndex('rejected_items_feed').on('rejected_items').columns(['feed_id', 'created_at']).execute();

  await idColumn(db, db.schema.createTable('events'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('story_id', 'integer')
    .addColumn('feed_id', 'text')
    .addColumn('detail', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_story').on('events').columns(['story_id', 'id']).execute();
  await db.schema.createIndex('events_feed').on('events').columns(['feed_id', 'created_at']).execute();

  await db.schema
    .createTable('processed_files')
    .addColumn('feed_id', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('processed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('processed_files_pk', ['feed_id', 'sha256'])
    .execute();

  await db.schema
    .createTable('story_bands')
    .addColumn('band', 'text', (c) => c.notNull())
    .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('story_bands_band').on('story_bands').columns(['band', 'created_at']).execute();
  await db.schema.createIndex('story_bands_story').on('story_bands').column('story_id').execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'settings',
    'story_bands',
    'processed_files',
    'events',
    'rejected_items',
    'story_tags',
    'revisions',
    'stories',
    'feeds',
    'agencies',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
