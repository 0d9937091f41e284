import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DIR, seedDemo } from '../../src/demo.ts';
import { storyPath } from '../../src/domain/slug.ts';
import { createTestSite, storeDialects, type TestSite } from '../support/runtime.ts';

const UPDATED_GUID = 'kpa-20261128-0915-pune-metro-ridership';
const KILLED_GUID = 'kpa-20261128-1230-dhaka-kolkata-ferry';

describe.each(storeDialects())('the demo agency, ingested end to end (%s)', (dialect) => {
  let site: TestSite;

  beforeAll(async () => {
    site = await createTestSite({}, dialect);
    await seedDemo(site.runtime);
  });
  afterAll(async () => site?.close());

  const storyCount = async (): Promise<number> => {
    const row = await site.runtime.store.db
      .selectFrom('stories')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const storyByGuid = (guid: string) =>
    site.runtime.store.db.selectFrom('stories').selectAll().where('guid', '=', guid).executeTakeFirstOrThrow();
  const get = (url: string) => site.app.inject({ method: 'GET', url });

  it('stores every demo story once, and a second ingest of the same files adds nothing', async () => {
    const first = await storyCount();
    expect(first).toBeGreaterThanOrEqual(40);

    // The same drop again: the watch folder recognises the files, and even pushed straight
    // through the pipeline every item is an identical re-send.
    expect((await seedDemo(site.runtime)).seeded).toBe(false);
    const feeds = await site.runtime.store.db.selectFrom('feeds').selectAll().execute();
    for (const feed of feeds) {
      for (const name of (await readdir(path.join(DEMO_DIR, feed.location))).sort()) {
        const bytes = await readFile(path.join(DEMO_DIR, feed.location, name));
        const report = await site.runtime.pipeline.ingest(feed, bytes, { charset: null, baseUrl: null, ref: name });
        expect(report.created, name).toBe(0);
        expect(report.updated, name).toBe(0);
        expect(report.rejected, name).toBe(0);
      }
    }
    expect(await storyCount()).toBe(first);
  });

  it('shows the updated story with the newer text and a later "Updated" time', async () => {
    const story = await storyByGuid(UPDATED_GUID);
    const revisions = await site.runtime.store.db.selectFrom('revisions').select('id').where('story_id', '=', story.id).execute();
    expect(revisions).toHaveLength(2);

    const page = await get(storyPath(story));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('two additional trains during the morning peak');
    expect(page.body).toContain('Updated: <time datetime="2026-11-28T19:40:00+05:30">November 28, 2026 19:40 IST</time>');
    expect(page.body).not.toContain('09:15 IST');
  });

  it('takes the killed story off the home page, its section and every related list, and answers 410', async () => {
    const killed = await storyByGuid(KILLED_GUID);
    expect(killed.status).toBe('killed');
    const link = `href="${storyPath(killed)}"`;

    const page = await get(storyPath(killed));
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('withdrawn');

    expect((await get('/')).body).not.toContain(link);
    expect((await get(`/${killed.section}`)).body).not.toContain(link);
    const published = await site.runtime.store.db.selectFrom('stories').selectAll().where('status', '=', 'published').execute();
    for (const story of published) {
      const article = await get(storyPath(story));
      expect(article.statusCode).toBe(200);
      expect(article.body).not.toContain(link);
    }
  });

  it('brings the agency-killed story back with its own text when an editor restores it', async () => {
    const killed = await storyByGuid(KILLED_GUID);
    expect(await site.runtime.publisher.restore(killed.id, 'test')).toBe(true);
    await site.runtime.bus.settled();
    const page = await get(storyPath(killed));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Bangladesh and India agree to restart Khulna–Kolkata passenger ferry</h1>');
    expect(page.body).not.toContain('KILL:');
    expect(await site.runtime.publisher.kill(killed.id, 'agency kill stands', 'test')).toBe(true);
  });

  it('answers 404 for a URL that is no story', async () => {
    expect((await get('/technology/no-such-story-999999')).statusCode).toBe(404);
    expect((await get('/no-such-section')).statusCode).toBe(404);
  });
});
