import { promises as fs, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import SQLite from 'better-sqlite3';
import { Kysely, type Migration, type MigrationProvider, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { withStatementCache } from './statement-cache.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Opens the store named by a URL: `sqlite:<file>` (or `sqlite::memory:`) or `postgres://…`. */
export function openStore(url: string): Store {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 10, types: { getTypeParser: postgresTypeParser } });
    // An idle connection the server closed (restart, failover, idle timeout, a dropped database)
    // is already discarded by the pool, and the next query opens a new one; a query in flight
    // gets the error itself. Unheard, the pool's 'error' event would end the whole process.
    pool.on('error', () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  if (!url.startsWith('sqlite:')) {
    throw new Error(`database URL must start with sqlite: or postgres://, got "${url}"`);
  }
  const file = url.slice('sqlite:'.length);
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets readers (page views) run while the ingest writes; NORMAL sync is durable in WAL mode.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

export function isPostgresUrl(url: string): boolean {
  return url.startsWith('postgres://') || url.startsWith('postgresql://');
}

const PG_INT8 = 20;

/**
 * `pg` returns 64-bit integers (COUNT(*), SUM of integers, bigint ids) as strings because they
 * can exceed 2^53; every such value Wiredesk reads is a count or an id far below that, and the
 * code above the store is written for SQLite's numbers. One parser here keeps both engines
 * returning the same JavaScript types, so no query needs a `Number(...)` of its own.
 */
const postgresTypeParser: typeof pg.types.getTypeParser = (oid, format) =>
  oid === PG_INT8 && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format);

/** Brings the schema up to date; safe to run at every start. */
export async function migrate(store: Store): Promise<string[]> {
  const migrator = new Migrator({
    db: store.db,
    provider: new TypeScriptMigrationProvider(MIGRATIONS),
    // Areas add their migrations independently; a database that ran a later-numbered one
    // first must still take an earlier-numbered one that arrived afterwards.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${(error as Error).message}`);
  }
  return (results ?? []).map((result) => result.migrationName);
}

/**
 * Loads `NNNN_<area>.ts` migrations with an `import()` written in this module, so whatever runs
 * our TypeScript (tsx, vitest) also compiles them; Kysely's FileMigrationProvider imports from
 * inside node_modules, where neither reaches and `.ts` files fail to load.
 */
class TypeScriptMigrationProvider implements MigrationProvider {
  constructor(private readonly folder: string) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const file of (await fs.readdir(this.folder)).sort()) {
      if (!/^\d{4}_[\w-]+\.ts$/.test(file)) continue;
      const module = (await import(pathToFileURL(path.join(this.folder, file)).href)) as Partial<Migration>;
      if (typeof module.up !== 'function') throw new Error(`migration ${file} exports no up() function`);
      migrations[file.slice(0, -'.ts'.length)] = module as Migration;
    }
    return migrations;
  }
}
