import sdtt from 'structured-data-testing-tool';
import presets from 'structured-data-testing-tool/presets.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storyPath } from '../../src/domain/slug.ts';
import { createTestSite, storeDialects, type TestSite } from '../support/runtime.ts';
import { canonicalOf, idOf, jsonLdOf, killStory, metaContent, publishSamples, SITE_TEST_CONFIG } from '../support/site-support.ts';

const SITE = 'http://localhost:3000';

describe.each(storeDialects())('site SEO (%s)', (dialect) => {
  let site: TestSite;
  let ids: Map<string, number>;
  const pathOf = async (guid: string): Promise<string> => {
    const story = await site.runtime.store.db.selectFrom('stories').selectAll().where('id', '=', idOf(ids, guid)).executeTakeFirstOrThrow();
    return storyPath(story);
  };
  const get = async (url: string) => site.app.inject({ url });

  beforeAll(async () => {
    site = await createTestSite(SITE_TEST_CONFIG, dialect);
    ids = await publishSamples(site.runtime);
    await killStory(site.runtime, idOf(ids, 'nna-tech-2'));
  });
  afterAll(() => site.close());

  it('gives every page a self-referencing canonical, title, description, social tags and large image previews', async () => {
    const pages: { url: string; canonical: string; status: number }[] = [
      { url: '/', canonical: `${SITE}/`, status: 200 },
      { url: '/technology', canonical: `${SITE}/technology`, status: 200 },
      { url: '/city', canonical: `${SITE}/city`, status: 200 },
      { url: '/city/pune', canonical: `${SITE}/city/pune`, status: 200 },
      { url: '/tag/drones', canonical: `${SITE}/tag/drones`, status: 200 },
      { url: '/search?q=drone', canonical: `${SITE}/search?q=drone`, status: 200 },
      { url: '/about', canonical: `${SITE}/about`, status: 200 },
      { url: '/contact', canonical: `${SITE}/contact`, status: 200 },
      { url: '/editorial-policy', canonical: `${SITE}/editorial-policy`, status: 200 },
      { url: '/agency/nna', canonical: `${SITE}/agency/nna`, status: 200 },
      { url: await pathOf('nna-tech-1'), canonical: `${SITE}${await pathOf('nna-tech-1')}`, status: 200 },
      { url: '/no/such-page', canonical: `${SITE}/no/such-page`, status: 404 },
      { url: await pathOf('nna-tech-2'), canonical: `${SITE}${await pathOf('nna-tech-2')}`, status: 410 },
    ];
    for (const page of pages) {
      const response = await get(page.url);
      expect(response.statusCode, page.url).toBe(page.status);
      const html = response.body;
      expect(canonicalOf(html), page.url).toBe(page.canonical);
      expect(/<title>[^<]+<\/title>/.test(html), page.url).toBe(true);
      expect(metaContent(html, 'description'), page.url).toMatch(/\S/);
      expect(metaContent(html, 'og:url'), page.url).toBe(page.canonical);
      expect(metaContent(html, 'og:title'), page.url).toMatch(/\S/);
      expect(metaContent(html, 'og:description'), page.url).toMatch(/\S/);
      expect(metaContent(html, 'og:image'), page.url).toBe(`${SITE}/card.png`);
      expect(metaContent(html, 'twitter:card'), page.url).toBe('summary_large_image');
      expect(metaContent(html, 'robots'), page.url).toContain('max-image-preview:large');
    }
  });

  it('keeps error and search pages out of the index', async () => {
    for (const url of ['/no/such-page', await pathOf('nna-tech-2'), '/search?q=drone']) {
      expect(metaContent((await get(url)).body, 'robots'), url).toMatch(/^noindex/);
    }
    expect(metaContent((await get('/')).body, 'robots')).toMatch(/^index/);
  });

  it("applies each agency's indexing policy to its articles", async () => {
    const indexed = (await get(await pathOf('nna-tech-1'))).body;
    expect(metaContent(indexed, 'robots')).toBe('index, follow, max-image-preview:large');
    expect(metaContent(indexed, 'Googlebot-News')).toBeNull();

    const notInNews = (await get(await pathOf('swire-int-1'))).body;
    expect(metaContent(notInNews, 'robots')).toBe('index, follow, max-image-preview:large');
    expect(metaContent(notInNews, 'Googlebot-News')).toBe('noindex');

    const notIndexed = (await get(await pathOf('echo-ent-1'))).body;
    expect(metaContent(notIndexed, 'robots')).toBe('noindex, follow, max-image-preview:large');
  });

  it('describes each article as a NewsArticle whose times are the ones the page shows', async () => {
    const path = await pathOf('nna-tech-1');
    const html = (await get(path)).body;
    const data = jsonLdOf(html);
    const visible = /<time datetime="([^"]+)">/.exec(html)?.[1];
    expect(data).toMatchObject({
      '@type': 'NewsArticle',
      headline: 'Startup in Pune unveils solar drone for crop surveys',
      dateModified: visible,
      author: { '@type': 'Organization', name: 'Northline News Agency', url: `${SITE}/agency/nna` },
      publisher: { '@type': 'Organization', name: 'Wiredesk Test News', logo: { url: `${SITE}/logo.png` } },
      mainEntityOfPage: { '@id': `${SITE}${path}` },
    });
    expect(data?.datePublished).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+05:30$/);
    expect(metaContent(html, 'og:type')).toBe('article');
    expect(metaContent(html, 'article:modified_time')).toBe(visible);
  });

  it("passes the structured-data-testing-tool's Google checks for every kind of article", async () => {
    // English, Hindi, Marathi, and one per indexing policy.
    for (const guid of ['nna-tech-1', 'nna-hi-1', 'nna-mr-1', 'swire-int-1', 'echo-ent-1']) {
      const html = (await get(await pathOf(guid))).body;
      const result = await sdtt
        .structuredDataTest(html, { presets: [presets.Google], schemas: ['NewsArticle'] })
        .catch((error: { type?: string; res?: { failed: unknown[] } }) => {
          throw new Error(`${guid}: ${error.type ?? 'error'} ${JSON.stringify(error.res?.failed ?? error)}`);
        });
      expect(result.failed, guid).toEqual([]);
      expect(result.schemas, guid).toContain('NewsArticle');
    }
  });

  it('serves the logo and the card image that structured data points to', async () => {
    for (const [url, width, height] of [
      ['/logo.png', 600, 60],
      ['/card.png', 1200, 630],
    ] as const) {
      const response = await get(url);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('image/png');
      expect(response.rawPayload.readUInt32BE(16)).toBe(width);
      expect(response.rawPayload.readUInt32BE(20)).toBe(height);
    }
  });
});
