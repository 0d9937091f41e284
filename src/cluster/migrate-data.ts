import SQLite from 'better-sqlite3';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../store/index.ts';
import { migrate, openStore, type Store } from '../store/index.ts';

/**
 * Moves a site's data from its SQLite file to PostgreSQL: every table the PostgreSQL schema has,
 * parents before children, read from one consistent SQLite snapshot while the site keeps running,
 * and written in ONE PostgreSQL transaction that first empties those tables. So the copy is all
 * or nothing, a second run replaces the first (bringing in what the site stored since, kills
 * included) without duplicating anything, and the row counts are compared before it commits.
 * A PostgreSQL database holding stories the SQLite file does not have is not a copy of this site:
 * it is refused, never overwritten.
 */
export interface TableCount {
  table: string;
  source: number;
  target: number;
}

export interface MigrateDataOptions {
  from: string;
  to: string;
  /** Rows per INSERT. */
  batchSize?: number;
  onTable?: (table: string, rows: number) => void;
  onRows?: (copied: number) => void;
}

/** PostgreSQL takes at most 65535 parameters in one statement. */
const MAX_PARAMETERS = 65_000;

export class MigrateDataError extends Error {
  override name = 'MigrateDataError';
}

export async function migrateData(options: MigrateDataOptions): Promise<TableCount[]> {
  if (!options.from.startsWith('sqlite:')) throw new MigrateDataError(`--from must be a sqlite: URL, got "${options.from}"`);
  if (!/^postgres(ql)?:\/\//.test(options.to)) throw new MigrateDataError(`--to must be a postgres:// URL, got "${options.to}"`);
  const file = options.from.slice('sqlite:'.length);
  // The source schema is brought up to date by the same migrations, so both sides match.
  const upgrade = openStore(options.from);
  try {
    await migrate(upgrade);
  } finally {
    await upgrade.close();
  }
  const source = new SQLite(file, { readonly: true, fileMustExist: true });
  const target = openStore(options.to);
  try {
    await migrate(target);
    const tables = await copyOrder(target);
    // One read transaction: every table is read as of the same moment, however long the copy takes.
    source.exec('BEGIN');
    await refuseForeignTarget(source, target);
    const plan = tables.filter((table) => sourceColumns(source, table).length > 0).map((table) => ({ table, rows: count(source, table) }));
    const counts = await target.db.transaction().execute(async (trx) => {
      await sql`TRUNCATE ${sql.join(plan.map(({ table }) => sql.table(table)))}`.execute(trx);
      for (const { table, rows } of plan) {
        options.onTable?.(table, rows);
        await copyTable(source, trx, table, options).catch((error: unknown) => {
          throw new MigrateDataError(`copying table ${table} failed: ${(error as Error).message} (nothing was changed)`);
        });
      }
      const counted: TableCount[] = [];
      for (const { table, rows } of plan) {
        const row = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(trx);
        counted.push({ table, source: rows, target: Number(row.rows[0]?.n ?? 0) });
      }
      const differing = counted.filter((entry) => entry.source !== entry.target).map((entry) => entry.table);
      if (differing.length > 0) throw new MigrateDataError(`row counts differ for ${differing.join(', ')} (nothing was changed)`);
      return counted;
    });
    source.exec('COMMIT');
    return counts;
  } finally {
    source.close();
    await target.close();
  }
}

/** The tables of the PostgreSQL schema (Kysely's own left out), each after the tables it references. */
async function copyOrder(target: Store): Promise<string[]> {
  const tables = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'kysely_%'
    ORDER BY table_name`.execute(target.db);
  const references = await sql<{ child: string; parent: string }>`
    SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
    JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE k.contype = 'f' AND n.nspname = 'public' AND c.relname <> p.relname`.execute(target.db);
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (table: string): void => {
    if (ordered.includes(table) || visiting.has(table)) return;
    visiting.add(table);
    for (const { parent } of references.rows.filter((reference) => reference.child === table)) visit(parent);
    ordered.push(table);
  };
  for (const { name } of tables.rows) visit(name);
  return ordered;
}

function sourceColumns(source: SQLite.Database, table: string): string[] {
  return (source.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map((row) => row.name);
}

function count(source: SQLite.Database, table: string): number {
  return (source.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
}

async function copyTable(source: SQLite.Database, trx: Transaction<Database>, table: string, options: MigrateDataOptions): Promise<void> {
  const targetColumns = await sql<{ name: string; generated: string; identity: string }>`
    SELECT column_name AS name, is_generated AS generated, is_identity AS identity FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name = ${table}`.execute(trx);
  const fromSource = new Set(sourceColumns(source, table));
  // Generated columns (the search vector) are computed by PostgreSQL; columns only one side has are left out.
  const columns = targetColumns.rows
    .filter((column) => column.generated !== 'ALWAYS' && fromSource.has(column.name))
    .map((column) => column.name);
  const batchSize = Math.max(1, Math.min(options.batchSize ?? 1000, Math.floor(MAX_PARAMETERS / columns.length)));
  const select = source.prepare(`SELECT ${columns.map((column) => `"${column}"`).join(', ')} FROM "${table}"`);
  const into = sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((column) => sql.ref(column)))}) VALUES `;
  let batch: Record<string, unknown>[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    await sql`${into}${sql.join(batch.map((row) => sql`(${sql.join(columns.map((column) => row[column]))})`))}`.execute(trx);
    options.onRows?.(batch.length);
    batch = [];
  };
  for (const row of select.iterate() as Iterable<Record<string, unknown>>) {
    batch.push(row);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  // New rows must get ids past the copied ones.
  for (const { name } of targetColumns.rows.filter((column) => column.identity === 'YES')) {
    await sql`SELECT setval(pg_get_serial_sequence(${table}, ${name}), COALESCE((SELECT max(${sql.ref(name)}) FROM ${sql.table(table)}), 0) + 1, false)`.execute(
      trx,
    );
  }
}

/** Every story PostgreSQL holds must be the same story (id, agency, guid) in the SQLite file. */
async function refuseForeignTarget(source: SQLite.Database, target: Store): Promise<void> {
  const lookup = source.prepare('SELECT agency_id, guid FROM stories WHERE id = ?');
  let foreign = 0;
  let example = '';
  let after = 0;
  for (;;) {
    const page = await target.db
      .selectFrom('stories')
      .select(['id', 'agency_id', 'guid'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(5000)
      .execute();
    if (page.length === 0) break;
    for (const story of page) {
      const mine = lookup.get(story.id) as { agency_id: string; guid: string } | undefined;
      if (mine?.agency_id === story.agency_id && mine.guid === story.guid) continue;
      foreign++;
      example ||= `${story.agency_id}/${story.guid} (id ${story.id})`;
    }
    after = page.at(-1)?.id ?? after;
  }
  if (foreign > 0) {
    throw new MigrateDataError(
      `the PostgreSQL database has ${foreign} stories the SQLite file does not, e.g. ${example}: it is not a copy of this site, so it is left untouched`,
    );
  }
}
