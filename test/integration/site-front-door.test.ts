import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storyPath } from '../../src/domain/slug.ts';
import { createTestSite, storeDialects, type TestSite } from '../support/runtime.ts';
import { idOf, killStory, publishSamples, SITE_TEST_CONFIG } from '../support/site-support.ts';

const METRICS_TOKEN = 'front-door-metrics-token';

/**
 * Over real HTTP, a page the cache holds is answered before Fastify routes the request (the
 * front door). These tests go through a listening server, not `inject`, which bypasses it.
 */
describe.each(storeDialects())('page cache front door over HTTP (%s)', (dialect) => {
  let site: TestSite;
  let base: string;
  let ids: Map<string, number>;

  const get = async (url: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') => {
    const response = await request(`${base}${url}`, { method, headers });
    return { status: response.statusCode, headers: response.headers, body: Buffer.from(await response.body.arrayBuffer()) };
  };
  const pathOf = async (guid: string): Promise<string> =>
    storyPath(await site.runtime.store.db.selectFrom('stories').selectAll().where('id', '=', idOf(ids, guid)).executeTakeFirstOrThrow());
  const pageCacheCount = async (result: 'hit' | 'miss'): Promise<number> => {
    const metrics = await site.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    const line = new RegExp(`wiredesk_page_cache_requests_total\\{result="${result}"\\} (\\d+)`).exec(metrics.body);
    return Number(line?.[1]);
  };

  beforeAll(async () => {
    site = await createTestSite({ ...SITE_TEST_CONFIG, metricsToken: METRICS_TOKEN }, dialect);
    ids = await publishSamples(site.runtime);
    base = await site.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => site.close());

  it('answers a repeated request from the cache with the same headers and body as the render', async () => {
    const path = await pathOf('nna-tech-1');
    const rendered = await get(path);
    const cached = await get(path);
    expect(rendered.status).toBe(200);
    expect(rendered.headers['x-cache']).toBe('MISS');
    expect(cached.headers['x-cache']).toBe('HIT');
    expect(cached.body.equals(rendered.body)).toBe(true);
    for (const name of ['content-type', 'cache-control', 'surrogate-control', 'etag', 'last-modified', 'vary', 'surrogate-key']) {
      expect(cached.headers[name], name).toBe(rendered.headers[name]);
    }
    expect(Number(cached.headers['content-length'])).toBe(cached.body.length);
  });

  it('answers conditional requests with a bodyless 304 and picks the encoding the client accepts', async () => {
    const path = await pathOf('nna-tech-1');
    const plain = await get(path);
    const notModified = await get(path, { 'if-none-match': String(plain.headers.etag) });
    expect(notModified.status).toBe(304);
    expect(notModified.headers['x-cache']).toBe('HIT');
    expect(notModified.body.length).toBe(0);
    const gzip = await get(path, { 'accept-encoding': 'gzip' });
    const brotli = await get(path, { 'accept-encoding': 'gzip, br' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
    expect(brotliDecompressSync(brotli.body).equals(plain.body)).toBe(true);
  });

  it('leaves HEAD requests and the console to the router', async () => {
    const path = await pathOf('nna-tech-1');
    const page = await get(path);
    const head = await get(path, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.etag).toBe(page.headers.etag);
    expect(head.body.length).toBe(0);
    expect((await get('/admin/login')).headers['x-cache']).toBeUndefined();
  });

  it('counts its hits in /metrics', async () => {
    const path = await pathOf('nna-nat-1');
    await get(path);
    const hitsBefore = await pageCacheCount('hit');
    await get(path);
    await get(path);
    expect(await pageCacheCount('hit')).toBe(hitsBefore + 2);
  });

  it('stops answering for a story the moment it is killed', async () => {
    const path = await pathOf('nna-nat-1');
    expect((await get(path)).headers['x-cache']).toBe('HIT');
    await killStory(site.runtime, idOf(ids, 'nna-nat-1'));
    const gone = await get(path);
    expect(gone.status).toBe(410);
    expect(gone.headers['x-cache']).toBe('MISS');
  });
});
