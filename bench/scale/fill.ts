import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../src/store/schema.ts';

/**
 * Fills a Wiredesk PostgreSQL database with `count` more published stories, computed inside the
 * server (`INSERT … SELECT generate_series`), for the archive-size benchmark.
 *
 * Each new story is a copy of one of the published stories already there (the originals, which
 * went through the real pipeline and the related-stories engine) with its own id, guid, headline,
 * time and revision, the original's tags and text signature, and its own related-stories index
 * rows (document, postings) and precomputed lists, pointing at the copies of the same originals
 * in its block. The article page thus reads what it reads on a real archive. Copies go back in
 * time 20 seconds apart (1,000,000 span about 231 days), and each block of copies is filed in the
 * next of `sections`, so the archive has every section (queries for "another section" find
 * stories as they would on a real site). Not filled: search documents and near-duplicate bands,
 * which the article page does not read.
 *
 * The tables are ordinary logged tables. For speed, the fill drops their secondary indexes and
 * the keys no foreign key depends on, and recreates them afterwards from the definitions it
 * read from the catalogue (`pg_get_indexdef`, `pg_get_constraintdef`), so the schema ends exactly
 * as the migrations made it.
 */

const FILLED_TABLES = ['stories', 'revisions', 'story_tags', 'story_signatures', 'related_docs', 'related_postings', 'related_lists'];
const SECONDS_APART = 20;
/** Now, written the way Wiredesk stores times (ISO 8601, UTC, milliseconds). */
const NOW_ISO = sql`to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export type StepTimer = (step: string, seconds: number) => void;

export async function fillStories(db: Kysely<Database>, count: number, sections: string[], timed: StepTimer): Promise<void> {
  await db.connection().execute(async (session) => {
    const step = async (name: string, work: () => Promise<unknown>): Promise<void> => {
      const started = performance.now();
      await work();
      timed(name, (performance.now() - started) / 1000);
    };
    // Session settings only: index builds sort in memory, commits do not wait for the disk.
    await sql`SET maintenance_work_mem = '512MB'`.execute(session);
    await sql`SET synchronous_commit = off`.execute(session);

    await sql`CREATE TEMP TABLE originals AS
      SELECT (row_number() OVER (ORDER BY id) - 1)::int AS n, id AS story_id, current_revision_id AS revision_id
      FROM stories WHERE status = 'published'`.execute(session);
    const bases = await sql<{ originals: number; stories: number; revisions: number; start: number }>`
      SELECT (SELECT count(*) FROM originals)::int AS originals,
             (SELECT max(id) FROM stories) AS stories, (SELECT max(id) FROM revisions) AS revisions,
             floor(extract(epoch FROM (SELECT min(first_published_at) FROM stories)::timestamptz))::bigint - ${SECONDS_APART} AS start`.execute(
      session,
    );
    const { originals, stories, revisions, start } = bases.rows[0] as {
      originals: number;
      stories: number;
      revisions: number;
      start: number;
    };
    if (originals === 0) throw new Error('fill needs published stories to copy');
    // Copy g (0-based) copies original g % originals; its ids, time, minute and section follow from g.
    const copies = sql`
      generate_series(0, ${count - 1}) AS g
      JOIN originals o ON o.n = g % ${originals}
      CROSS JOIN LATERAL (SELECT ${stories}::bigint + 1 + g AS id, ${revisions}::bigint + 1 + g AS revision_id,
        to_char(to_timestamp(${start}::bigint - g * ${SECONDS_APART}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at_iso,
        floor((${start}::bigint - g * ${SECONDS_APART}) / 60)::int AS at_minute,
        (${sections}::text[])[1 + (g / ${originals}) % ${sections.length}] AS section) AS c`;

    const constraints = await sql<{ table: string; name: string; type: string; definition: string }>`
      SELECT conrelid::regclass::text AS table, conname AS name, contype AS type, pg_get_constraintdef(oid) AS definition
      FROM pg_constraint k
      WHERE conrelid = ANY(${FILLED_TABLES}::regclass[]) AND contype IN ('p', 'u', 'f')
        AND NOT (contype <> 'f' AND EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = k.conindid))`.execute(
      session,
    );
    const indexes = await sql<{ name: string; definition: string }>`
      SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS definition FROM pg_index i
      WHERE indrelid = ANY(${FILLED_TABLES}::regclass[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype <> 'f')`.execute(
      session,
    );
    const foreignKeys = constraints.rows.filter((constraint) => constraint.type === 'f');
    const keys = constraints.rows.filter((constraint) => constraint.type !== 'f');
    await step('drop indexes', async () => {
      for (const { table, name } of [...foreignKeys, ...keys]) {
        await sql`ALTER TABLE ${sql.table(table)} DROP CONSTRAINT ${sql.id(name)}`.execute(session);
      }
      for (const { name } of indexes.rows) await sql`DROP INDEX ${sql.id(name)}`.execute(session);
    });

    const copy = (table: string, on: RawBuilder<unknown>, changed: Record<string, RawBuilder<unknown>>, tail = sql``) =>
      copyRows(session, { table, copies, on, changed, tail });
    await step('stories', () =>
      copy('stories', sql`x.id = o.story_id`, {
        id: sql`c.id`,
        guid: sql`'fill-' || g`,
        headline: sql`x.headline || ' #' || g`,
        section: sql`c.section`,
        current_revision_id: sql`c.revision_id`,
        first_published_at: sql`c.at_iso`,
        updated_at: sql`c.at_iso`,
        created_at: sql`c.at_iso`,
      }),
    );
    await step('revisions', () =>
      copy('revisions', sql`x.id = o.revision_id`, {
        id: sql`c.revision_id`,
        story_id: sql`c.id`,
        headline: sql`x.headline || ' #' || g`,
        version_created_at: sql`c.at_iso`,
        first_created_at: sql`c.at_iso`,
        received_at: sql`c.at_iso`,
      }),
    );
    await step('tags and signatures', async () => {
      await copy('story_tags', sql`x.story_id = o.story_id`, { story_id: sql`c.id` });
      await copy('story_signatures', sql`x.story_id = o.story_id`, { story_id: sql`c.id` });
    });
    await step('related index', async () => {
      await copy('related_docs', sql`x.story_id = o.story_id`, {
        story_id: sql`c.id`,
        revision_id: sql`c.revision_id`,
        section: sql`c.section`,
        at: sql`c.at_minute`,
        indexed_at: NOW_ISO,
      });
      await copy('related_postings', sql`x.story_id = o.story_id`, { story_id: sql`c.id`, at: sql`c.at_minute` });
      // Document frequencies grow with the archive: every original's terms now count once per copy too.
      const { rows: dfTables } = await sql<{ table: string }>`
        SELECT table_name AS table FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name LIKE 'related%' AND column_name = 'df'`.execute(session);
      for (const { table } of dfTables) {
        await sql`UPDATE ${sql.table(table)} SET df = df * ${1 + Math.round(count / originals)}`.execute(session);
      }
    });
    await step('related lists', () =>
      // A copy's lists show the copies of its original's related stories in the same block of copies.
      copy(
        'related_lists',
        sql`x.story_id = o.story_id`,
        { story_id: sql`c.id`, related_id: sql`${stories}::bigint + 1 + (g - g % ${originals}) + ro.n`, computed_at: NOW_ISO },
        sql`JOIN originals ro ON ro.story_id = x.related_id WHERE (g - g % ${originals}) + ro.n < ${count}`,
      ),
    );
    await step('recreate indexes', async () => {
      const add = ({ table, name, definition }: { table: string; name: string; definition: string }) =>
        sql`ALTER TABLE ${sql.table(table)} ADD CONSTRAINT ${sql.id(name)} ${sql.raw(definition)}`.execute(session);
      for (const key of keys) await add(key);
      for (const { definition } of indexes.rows) await sql.raw(definition).execute(session);
      for (const foreignKey of foreignKeys) await add(foreignKey);
    });
    await step('sequences', async () => {
      for (const table of ['stories', 'revisions']) {
        await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), (SELECT max(id) FROM ${sql.table(table)}))`.execute(session);
      }
    });
    // What autovacuum would have done to an archive this size: visibility map and statistics.
    await step('vacuum analyze', () => sql`VACUUM (ANALYZE)`.execute(session));
    await sql`DROP TABLE originals`.execute(session);
  });
}

/**
 * `INSERT INTO table SELECT …` of the originals' rows once per copy: every column the table has
 * (read from the catalogue, so a column added later is copied too), the `changed` ones computed
 * for the copy. `x` is the original row, `o` the original, `c` and `g` the copy.
 */
async function copyRows(
  session: Kysely<Database>,
  job: {
    table: string;
    copies: RawBuilder<unknown>;
    on: RawBuilder<unknown>;
    changed: Record<string, RawBuilder<unknown>>;
    tail: RawBuilder<unknown>;
  },
): Promise<void> {
  const { rows } = await sql<{ column: string }>`
    SELECT column_name AS column FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = ${job.table} AND is_generated = 'NEVER'
    ORDER BY ordinal_position`.execute(session);
  const columns = rows.map((row) => row.column);
  const values = columns.map((column) => job.changed[column] ?? sql.ref(`x.${column}`));
  await sql`INSERT INTO ${sql.table(job.table)} (${sql.join(columns.map((column) => sql.id(column)))})
    SELECT ${sql.join(values)} FROM ${job.copies} JOIN ${sql.table(job.table)} x ON ${job.on} ${job.tail}`.execute(session);
}
