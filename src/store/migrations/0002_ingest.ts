import type { Kysely } from 'kysely';

/** The ingest transports' tables (see src/store/schema-ingest.ts). */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('push_nonces')
    .addColumn('feed_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('push_nonces_pk', ['feed_id', 'signature'])
    .execute();
  await db.schema.createIndex('push_nonces_received').on('push_nonces').column('received_at').execute();

  await db.schema
    .createTable('story_signatures')
    .addColumn('story_id', 'integer', (c) => c.primaryKey().references('stories.id'))
    .addColumn('minhash', 'text', (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('story_signatures').execute();
  await db.schema.dropTable('push_nonces').execute();
}
