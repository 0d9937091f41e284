import { type Kysely, sql, type Transaction } from 'kysely';
import { isPostgres } from './migration-helpers.ts';

/**
 * Serialises writers of one thing (a story's identity, a story's related lists) for the rest of
 * a transaction. On PostgreSQL several nodes, and one node's connection pool, write at once:
 * two transactions that each read "nothing there yet" and insert would collide on a unique key.
 * A transaction-scoped advisory lock on the thing's name makes the second wait until the first
 * commits (and works behind PgBouncer in transaction mode). SQLite has a single writer: no-op.
 */
// biome-ignore lint/suspicious/noExplicitAny: works in any database's transaction
export async function lockFor(trx: Transaction<any> | Kysely<any>, name: string): Promise<void> {
  if (!isPostgres(trx)) return;
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${name}, 0))`.execute(trx);
}
