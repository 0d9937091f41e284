import type { Kysely } from 'kysely';
import { idColumn } from '../migration-helpers.ts';

/** Push subscriptions, breaking alerts sent, and content-API keys (see schema-app.ts). */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current schema types
export async function up(db: Kysely<any>): Promise<void> {
  await idColumn(db, db.schema.createTable('push_subscriptions'))
    .addColumn('endpoint', 'text', (c) => c.notNull())
    .addColumn('p256dh', 'text', (c) => c.notNull())
    .addColumn('auth', 'text', (c) => c.notNull())
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_sent_at', 'text')
    .addUniqueConstraint('push_subscriptions_endpoint_section', ['endpoint', 'section'])
    .execute();
  await db.schema.createIndex('push_subscriptions_section').on('push_subscriptions').columns(['section', 'id']).execute();

  await db.schema
    .createTable('breaking_alerts')
    .addColumn('story_id', 'integer', (c) => c.primaryKey().references('stories.id'))
    .addColumn('marked_by', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('delivered', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('removed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await idColumn(db, db.schema.createTable('api_keys'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('rate_per_minute', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['api_keys', 'breaking_alerts', 'push_subscriptions']) await db.schema.dropTable(table).execute();
}
