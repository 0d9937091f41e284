import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Enough for every distinct query the application makes; IN-lists of varying length add a few each. */
const MAX_STATEMENTS = 500;

/**
 * The SQLite handle Kysely sees, with prepared statements kept by their SQL text. Kysely prepares
 * every query afresh, and preparing costs more than running a primary-key read: an article page
 * (six queries) rendered about twice as fast with statements reused (bench/site). Reuse is safe
 * because Kysely runs one query at a time on its single SQLite connection. Least recently used
 * statements are dropped past the bound.
 */
export function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => {
      statements.clear();
      sqlite.close();
    },
    prepare: (sql) => {
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = sqlite.prepare(sql);
        if (statements.size >= MAX_STATEMENTS) statements.delete(statements.keys().next().value as string);
      } else {
        statements.delete(sql);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}
