import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storyPath } from '../../src/domain/slug.ts';
import { createTestSite, storeDialects, type TestSite } from '../support/runtime.ts';
import { idOf, killStory, publishSamples, publishStory, SITE_TEST_CONFIG } from '../support/site-support.ts';

describe.each(storeDialects())('site pages: tags, transparency pages, 404 and 410 (%s)', (dialect) => {
  let site: TestSite;
  let ids: Map<string, number>;
  const get = (url: string) => site.app.inject({ url });
  const pathOf = async (guid: string): Promise<string> =>
    storyPath(await site.runtime.store.db.selectFrom('stories').selectAll().where('id', '=', idOf(ids, guid)).executeTakeFirstOrThrow());

  beforeAll(async () => {
    site = await createTestSite({ ...SITE_TEST_CONFIG, pageSize: 2 }, dialect);
    ids = await publishSamples(site.runtime);
    for (const [n, place] of ['Goa', 'Surat', 'Indore'].entries()) {
      await publishStory(site.runtime, {
        guid: `drone-extra-${n}`,
        headline: `${place} trials ${['mapping', 'delivery', 'survey'][n]} flights over ${['beaches', 'textile parks', 'lakes'][n]}`,
        section: 'technology',
        tags: ['drones'],
        paragraphs: [
          `${place}, Nov ${20 + n} Operators flew ${n + 2} test runs this week, each watched by ${['coast', 'mill', 'lake'][n]} wardens.`,
        ],
        minutesAgo: 300 + n,
      });
    }
  });
  afterAll(() => site.close());

  it('lists a tag’s stories newest first, paginated with stable URLs and rel links', async () => {
    const first = await get('/tag/drones');
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('<h1>Topic: drones</h1>');
    expect(first.body).toContain('<link rel="next" href="/tag/drones?page=2"/>');
    const second = await get('/tag/drones?page=2');
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('<link rel="prev" href="/tag/drones"/>');
    expect(second.body).toContain('<link rel="canonical" href="http://localhost:3000/tag/drones?page=2"/>');
    expect((await get('/tag/drones?page=3')).statusCode).toBe(404);
    expect((await get('/tag/no-such-topic')).statusCode).toBe(404);
    expect((await get('/tag/drones?page=abc')).statusCode).toBe(404);
  });

  it('drops a tag page once its only story is killed', async () => {
    expect((await get('/tag/research')).statusCode).toBe(200);
    await killStory(site.runtime, idOf(ids, 'nna-tech-2'));
    expect((await get('/tag/research')).statusCode).toBe(404);
  });

  it('has About, Contact and Editorial policy pages, linked from every page', async () => {
    const home = (await get('/')).body;
    for (const [url, text] of [
      ['/about', 'Northline News Agency'],
      ['/contact', 'mailto:newsdesk@wiredesk.invalid'],
      ['/editorial-policy', 'published automatically from the feeds'],
    ] as const) {
      expect(home).toContain(`href="${url}"`);
      const page = await get(url);
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).toContain(text);
    }
  });

  it('explains auto-publication on one page per agency, with its disclaimer and indexing policy', async () => {
    const nna = (await get('/agency/nna')).body;
    expect(nna).toContain('<h1>Northline News Agency</h1>');
    expect(nna).toContain('without any modifications to the text');
    expect(nna).toContain('may appear in search engines');
    expect((await get('/agency/swire')).body).toContain('kept out of Google News');
    expect((await get('/agency/echo')).body).toContain('kept out of search engines');
    expect((await get('/agency/nobody')).statusCode).toBe(404);
  });

  it('helps a lost reader on from 404 and 410 pages with a search box and the latest stories', async () => {
    for (const [url, status, text] of [
      ['/no/such/page', 404, 'Page not found'],
      [await pathOf('nna-tech-2'), 410, 'This story has been withdrawn'],
    ] as const) {
      const page = await get(url);
      expect(page.statusCode, url).toBe(status);
      expect(page.body, url).toContain(text);
      expect(page.body, url).toContain('<form action="/search" method="get" role="search">');
      expect(page.body, url).toContain('<h2>Latest stories</h2>');
      expect(page.body, url).toContain('Pune civic body extends night bus routes');
    }
  });

  it('publishes Devanagari stories with their language, a readable slug and their city page', async () => {
    const path = await pathOf('nna-hi-1');
    expect(decodeURIComponent(path)).toMatch(/^\/city\/मुंबई-में-बारिश-से-लोकल-ट्रेनें-देर-से-चलीं-\d+$/);
    const page = await get(path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<article class="article" lang="hi">');
    const city = await get(`/city/${encodeURIComponent('मुंबई')}`);
    expect(city.statusCode).toBe(200);
    expect(city.body).toContain('मुंबई में बारिश से लोकल ट्रेनें देर से चलीं');
  });

  it('keeps article pages small', async () => {
    const page = await get(await pathOf('nna-tech-1'));
    expect(page.rawPayload.length).toBeLessThan(60 * 1024);
  });
});
