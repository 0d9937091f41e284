import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storyPath } from '../../src/domain/slug.ts';
import { createTestSite, storeDialects, type TestSite } from '../support/runtime.ts';
import { idOf, killStory, publishSamples, publishStory, SITE_TEST_CONFIG } from '../support/site-support.ts';

/**
 * The page cache is observed from outside: a headline changed in the database behind the
 * cache's back (no publish event) shows only on pages that were not served from the cache.
 */
describe.each(storeDialects())('page cache (%s)', (dialect) => {
  let site: TestSite;
  let ids: Map<string, number>;
  const get = (url: string, headers: Record<string, string> = {}) => site.app.inject({ url, headers });
  const pathOf = async (guid: string): Promise<string> =>
    storyPath(await site.runtime.store.db.selectFrom('stories').selectAll().where('id', '=', idOf(ids, guid)).executeTakeFirstOrThrow());
  /** Renames a story silently: a cached page keeps the old headline, a fresh render shows the new one. */
  const renameBehindCache = async (guid: string, headline: string): Promise<void> => {
    await site.runtime.store.db.updateTable('stories').set({ headline }).where('id', '=', idOf(ids, guid)).execute();
  };

  beforeAll(async () => {
    site = await createTestSite(SITE_TEST_CONFIG, dialect);
    ids = await publishSamples(site.runtime);
  });
  afterAll(() => site.close());

  it('answers with validators, shared-cache lifetimes, surrogate keys and a 304 when nothing changed', async () => {
    const path = await pathOf('nna-tech-1');
    const page = await get(path);
    // Browsers revalidate every time (a killed story must not linger in a reader's cache); CDNs keep and purge.
    expect(page.headers['cache-control']).toMatch(/^public, no-cache, s-maxage=\d+, stale-while-revalidate=\d+$/);
    expect(page.headers['surrogate-control']).toMatch(/^max-age=\d+, stale-while-revalidate=\d+$/);
    expect(page.headers['cdn-cache-control']).toBe(page.headers['surrogate-control']);
    expect(page.headers.vary).toBe('Accept-Encoding');
    const keys = String(page.headers['surrogate-key']).split(' ');
    expect(keys[0]).toBe(`story-${idOf(ids, 'nna-tech-1')}`);
    expect(keys.length).toBeGreaterThan(1);
    expect((await get('/technology')).headers['surrogate-key']).toContain('section-technology');

    const etag = String(page.headers.etag);
    const lastModified = String(page.headers['last-modified']);
    expect((await get(path, { 'if-none-match': etag })).statusCode).toBe(304);
    expect((await get(path, { 'if-modified-since': lastModified })).statusCode).toBe(304);
    expect((await get(path, { 'if-none-match': '"something-else"' })).statusCode).toBe(200);
  });

  it('serves precompressed brotli and gzip bodies that decode to the page', async () => {
    const plain = await get('/');
    const brotli = await get('/', { 'accept-encoding': 'gzip, deflate, br' });
    const gzip = await get('/', { 'accept-encoding': 'gzip' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(brotliDecompressSync(brotli.rawPayload).toString('utf8')).toBe(plain.body);
    expect(gunzipSync(gzip.rawPayload).toString('utf8')).toBe(plain.body);
    expect(brotli.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
  });

  it('serves a cached page without rendering it again', async () => {
    expect((await get('/international')).body).toContain('Harbour cities sign pact');
    await renameBehindCache('swire-int-1', 'Renamed harbour headline');
    expect((await get('/international')).body).toContain('Harbour cities sign pact');
  });

  it('purges exactly the pages that show a newly published story', async () => {
    const watched = ['/', '/technology', '/city/pune', '/tag/drones', '/international', '/entertainment', await pathOf('nna-nat-1')];
    for (const url of watched) await get(url);
    // Behind the cache: every page rendered afresh will show these headlines.
    await renameBehindCache('nna-tech-1', 'Renamed drone headline');
    await renameBehindCache('echo-ent-1', 'Renamed theatre headline');
    await publishStory(site.runtime, {
      guid: 'nna-tech-3',
      headline: 'Pune drone makers form an export council',
      section: 'technology',
      tags: ['drones'],
      paragraphs: ['Pune, Nov 29 Eleven small manufacturers agreed to pool their marketing for buyers abroad.'],
      minutesAgo: 1,
    });
    for (const url of ['/', '/technology', '/city/pune', '/tag/drones']) {
      expect((await get(url)).body, url).toContain('Pune drone makers form an export council');
    }
    expect((await get('/technology')).body).toContain('Renamed drone headline');
    // Pages that do not show the new story are untouched.
    expect((await get('/entertainment')).body).toContain('Folk theatre troupe returns');
    expect((await get('/international')).body).toContain('Harbour cities sign pact');
  });

  it('purges the pages whose related lists show a story when it is killed', async () => {
    const article = await pathOf('nna-city-1');
    const before = await get(article);
    const related = String(before.headers['surrogate-key']).split(' ').slice(1);
    const victim = Number(related[0]?.replace('story-', ''));
    const victimRow = await site.runtime.store.db.selectFrom('stories').selectAll().where('id', '=', victim).executeTakeFirstOrThrow();
    expect(before.body).toContain(`href="${storyPath(victimRow)}"`);
    await killStory(site.runtime, victim);
    const after = await get(article);
    expect(after.body).not.toContain(`href="${storyPath(victimRow)}"`);
    expect((await get(storyPath(victimRow))).statusCode).toBe(410);
  });
});
