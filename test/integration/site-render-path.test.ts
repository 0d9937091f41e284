import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storyPath } from '../../src/domain/slug.ts';
import { type Database, preparedQuery } from '../../src/store/index.ts';
import { createTestSite, storeDialects, type TestSite } from '../support/runtime.ts';
import { killStory, publishStory, SITE_TEST_CONFIG } from '../support/site-support.ts';

/**
 * The article page with the page cache off: what it shows comes from the data path alone (reads
 * compiled once, the layout's parts rendered once), and must follow every change at once.
 */
describe.each(storeDialects())('site render path, page cache off (%s)', (dialect) => {
  let site: TestSite;
  const get = (url: string) => site.app.inject({ url });
  const pathOf = async (id: number): Promise<string> =>
    storyPath(await site.runtime.store.db.selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirstOrThrow());

  beforeAll(async () => {
    site = await createTestSite(
      { ...SITE_TEST_CONFIG, pageCache: { maxBytes: 0, maxAgeSeconds: 300, staleWhileRevalidateSeconds: 600 } },
      dialect,
    );
  });
  afterAll(() => site.close());

  it('shows an article’s update, kill and restore on the next view', async () => {
    const story = {
      guid: 'render-path-1',
      headline: 'Harbour board approves night ferry to the islands',
      section: 'national',
      tags: ['ferries'],
      paragraphs: ['Kochi, Dec 2 The harbour board approved a night ferry service on Tuesday.'],
    };
    const id = await publishStory(site.runtime, story);
    const url = await pathOf(id);
    const first = await get(url);
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-cache']).toBe('MISS');
    expect(first.body).toContain('<h1>Harbour board approves night ferry to the islands</h1>');
    expect(first.body).toContain('By NNA | Updated:');

    await publishStory(site.runtime, {
      ...story,
      version: 2,
      headline: 'Harbour board approves night ferry to the islands from January',
      paragraphs: ['Kochi, Dec 2 The harbour board approved a night ferry service from January.'],
    });
    const updated = await get(url);
    expect(updated.statusCode).toBe(200);
    expect(updated.body).toContain('<h1>Harbour board approves night ferry to the islands from January</h1>');
    expect(updated.body).toContain('service from January.');

    await killStory(site.runtime, id);
    expect((await get(url)).statusCode).toBe(410);

    await site.runtime.publisher.restore(id, 'test');
    await site.runtime.bus.settled();
    const restored = await get(url);
    expect(restored.statusCode).toBe(200);
    expect(restored.body).toContain('from January</h1>');
  });

  it('marks the page’s own navigation entry, and only that one', async () => {
    const id = await publishStory(site.runtime, {
      guid: 'render-path-2',
      headline: 'Chip design school opens its first campus lab',
      section: 'technology',
      paragraphs: ['Hyderabad, Dec 3 A chip design school opened its first campus lab on Wednesday.'],
    });
    const marked = (html: string): string[] => [...html.matchAll(/<a href="([^"]*)" aria-current="page">/g)].map((match) => match[1] ?? '');
    expect(marked((await get('/')).body)).toEqual(['/']);
    expect(marked((await get('/technology')).body)).toEqual(['/technology']);
    expect(marked((await get(await pathOf(id))).body)).toEqual(['/technology']);
    expect(marked((await get('/city')).body)).toEqual(['/city']);
    expect(marked((await get('/search')).body)).toEqual(['/search']);
    expect(marked((await get('/about')).body)).toEqual([]);
  });

  it('runs a prepared read with each call’s values, keeping the values written into the query', async () => {
    const db = site.runtime.store.db;
    const publishedIn = preparedQuery((db: Kysely<Database>, section: string, limit: number) =>
      db
        .selectFrom('stories')
        .select(['id', 'section'])
        .where('section', '=', section)
        .where('status', '=', 'published')
        .orderBy('id')
        .limit(limit),
    );
    const expected = async (section: string, limit: number) =>
      db
        .selectFrom('stories')
        .select(['id', 'section'])
        .where('section', '=', section)
        .where('status', '=', 'published')
        .orderBy('id')
        .limit(limit)
        .execute();
    for (const [section, limit] of [
      ['national', 10],
      ['technology', 10],
      ['national', 0],
      ['sport', 5],
    ] as const) {
      expect(await publishedIn(db, section, limit)).toEqual(await expected(section, limit));
    }
  });

  it('refuses a prepared read whose parameter does not reach the query as a bound value', async () => {
    const written = preparedQuery((db: Kysely<Database>, section: string) =>
      db.selectFrom('stories').select('id').where('section', '=', `${section}`.toLowerCase()),
    );
    await expect(written(site.runtime.store.db, 'national')).rejects.toThrow(/parameter 0 is not a bound value/);
  });
});
