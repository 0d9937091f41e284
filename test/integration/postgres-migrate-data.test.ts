import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateData } from '../../src/cluster/migrate-data.ts';
import type { Config } from '../../src/config.ts';
import { seedDemo } from '../../src/demo.ts';
import { storyPath } from '../../src/domain/slug.ts';
import { createTestSite, feedConfig, storeDialects, type TestSite } from '../support/runtime.ts';
import { generatedStory, rssOf } from '../support/test-agency.ts';

const LOOP: Partial<Config> = {
  agencies: [{ id: 'loop', name: 'Loopback Wire', byline: 'LW', priority: 10, indexingPolicy: 'index' }],
  feeds: [feedConfig({ id: 'loop-wire', agency: 'loop', transport: 'push', format: 'rss', defaultSection: 'national' })],
};

async function ingest(site: TestSite, index: number): Promise<number> {
  const feed = await site.runtime.store.db.selectFrom('feeds').selectAll().where('id', '=', 'loop-wire').executeTakeFirstOrThrow();
  const report = await site.runtime.pipeline.ingest(feed, Buffer.from(rssOf([generatedStory(index)])), {
    charset: null,
    baseUrl: null,
    ref: 'test',
  });
  return report.storyIds[0] as number;
}

describe.runIf(storeDialects().includes('postgres'))('wiredesk migrate-data: SQLite to PostgreSQL', () => {
  let sqliteSite: TestSite;
  let pgSite: TestSite;

  beforeAll(async () => {
    sqliteSite = await createTestSite(LOOP, 'sqlite');
    await seedDemo(sqliteSite.runtime);
    await sqliteSite.runtime.bus.settled();
    pgSite = await createTestSite(LOOP, 'postgres');
  });
  afterAll(async () => {
    await pgSite?.close();
    await sqliteSite?.close();
  }, 120_000);

  const stories = (site: TestSite) => site.runtime.store.db.selectFrom('stories').selectAll().orderBy('id').execute();

  it('copies every table with equal counts, and the PostgreSQL site serves the same pages and search', async () => {
    const tables: string[] = [];
    const counts = await migrateData({ from: sqliteSite.databaseUrl, to: pgSite.databaseUrl, onTable: (table) => tables.push(table) });
    expect(counts.length).toBeGreaterThan(10);
    for (const entry of counts) expect(entry.target, entry.table).toBe(entry.source);
    // Parents before children.
    expect(tables.indexOf('agencies')).toBeLessThan(tables.indexOf('stories'));
    expect(tables.indexOf('stories')).toBeLessThan(tables.indexOf('revisions'));

    const source = await stories(sqliteSite);
    expect(source.length).toBeGreaterThanOrEqual(40);
    expect(await stories(pgSite)).toEqual(source);
    const published = source.filter((story) => story.status === 'published');
    for (const story of published.slice(0, 5)) {
      const [fromSqlite, fromPostgres] = await Promise.all([sqliteSite.app.inject(storyPath(story)), pgSite.app.inject(storyPath(story))]);
      expect(fromPostgres.statusCode, storyPath(story)).toBe(200);
      expect(fromPostgres.body, storyPath(story)).toBe(fromSqlite.body);
    }
    const killed = source.find((story) => story.status === 'killed');
    expect((await pgSite.app.inject(storyPath(killed as (typeof source)[number]))).statusCode).toBe(410);
    const word = (published[0]?.headline.split(/\s+/).find((candidate) => candidate.length >= 6) ?? '').replace(/\W/g, '');
    const results = await pgSite.runtime.search.search(word, 1, 10);
    expect(results.hits.map((hit) => hit.story.id)).toContain(published[0]?.id);
  });

  it('a second run brings the copy up to date (a kill since) without duplicating, and new stories get new ids', async () => {
    const target = (await stories(sqliteSite)).find((story) => story.status === 'published');
    expect(await sqliteSite.runtime.publisher.kill(target?.id as number, 'withdrawn by the agency', 'test')).toBe(true);
    const added = await ingest(sqliteSite, 7);

    const counts = await migrateData({ from: sqliteSite.databaseUrl, to: pgSite.databaseUrl });
    for (const entry of counts) expect(entry.target, entry.table).toBe(entry.source);
    expect(await stories(pgSite)).toEqual(await stories(sqliteSite));
    const copied = await pgSite.runtime.store.db
      .selectFrom('stories')
      .select('status')
      .where('id', '=', target?.id as number)
      .executeTakeFirstOrThrow();
    expect(copied.status).toBe('killed');

    const fresh = await ingest(pgSite, 8);
    expect(fresh).toBeGreaterThan(added);
  }, 90_000);

  it('refuses a PostgreSQL database holding stories this site does not have, and leaves it untouched', async () => {
    const other = await createTestSite(LOOP, 'postgres');
    try {
      const theirs = await ingest(other, 9000);
      await expect(migrateData({ from: sqliteSite.databaseUrl, to: other.databaseUrl })).rejects.toThrow(/not a copy of this site/);
      expect((await stories(other)).map((story) => story.id)).toEqual([theirs]);
    } finally {
      await other.close();
    }
    // A kill recompiles the e-paper, which takes a while on a busy machine.
  }, 90_000);
});
