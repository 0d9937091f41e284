import type { Kysely } from 'kysely';

/**
 * Requests each content-API key made in each calendar minute, shared by every node on
 * PostgreSQL so a key's per-minute limit holds across the cluster (not per node).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('api_rate_windows')
    .addColumn('key_id', 'integer', (c) => c.notNull())
    .addColumn('minute', 'bigint', (c) => c.notNull())
    .addColumn('requests', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('api_rate_windows_pk', ['key_id', 'minute'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('api_rate_windows').execute();
}
