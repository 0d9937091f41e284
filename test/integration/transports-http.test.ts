import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { fetchFeedOnce, HttpPoller } from '../../src/ingest/transports/http-poll.ts';
import type { Feed } from '../../src/store/schema.ts';
import { API_KEY, BASIC, BEARER, FaultServer, GOOD_ETAG } from '../support/fault-server.ts';
import { createTestSite, storeDialects, type TestSite } from '../support/runtime.ts';

const LIMITS = { ...loadConfig({ env: {}, file: null }).limits, fetchTimeoutMs: 1500, connectTimeoutMs: 1500, maxBodyBytes: 1024 * 1024 };

describe.each(storeDialects())('HTTP polling against a faulty agency server (%s)', (dialect) => {
  let server: FaultServer;
  let site: TestSite;
  let poller: HttpPoller;
  let feedCount = 0;

  beforeAll(async () => {
    server = await FaultServer.start();
    site = await createTestSite(
      { limits: LIMITS, agencies: [{ id: 'sample', name: 'Sample Wire', byline: 'Sample Wire', priority: 10, indexingPolicy: 'index' }] },
      dialect,
    );
    poller = new HttpPoller(site.runtime.store.db, site.runtime.pipeline, site.runtime.log, {
      limits: LIMITS,
      tickMs: 50,
      concurrency: 2,
      random: () => 0,
    });
  });
  afterAll(async () => {
    await poller.stop();
    await site.close();
    await server.close();
  });

  /** A fresh feed (own id, own agency so stories never collide) pointing at one fault. */
  async function feedAt(url: string, extra: { allowPrivate?: boolean; credentials?: Record<string, string>; interval?: number } = {}) {
    feedCount++;
    const id = `feed-${feedCount}`;
    const now = new Date().toISOString();
    await site.runtime.store.db
      .insertInto('agencies')
      .values({ id, name: id, byline: id, disclaimer: 'test', priority: 100 + feedCount, indexing_policy: 'index', created_at: now })
      .execute();
    await site.runtime.store.db
      .insertInto('feeds')
      .values({
        id,
        agency_id: id,
        transport: 'http',
        location: url,
        format: 'auto',
        interval_seconds: extra.interval ?? 60,
        credentials: extra.credentials === undefined ? null : JSON.stringify(extra.credentials),
        mode: 'auto',
        default_section: 'national',
        language: null,
        zone: 'Asia/Kolkata',
        status_map: null,
        allow_private: extra.allowPrivate === false ? 0 : 1,
        etag: null,
        last_modified: null,
        last_fetch_at: null,
        last_success_at: null,
        last_error: null,
        last_error_at: null,
        next_poll_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return readFeed(id);
  }

  function readFeed(id: string): Promise<Feed> {
    return site.runtime.store.db.selectFrom('feeds').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  async function storiesOf(feed: Feed) {
    return site.runtime.store.db.selectFrom('stories').selectAll().where('feed_id', '=', feed.id).execute();
  }

  async function eventsOf(feed: Feed, type: string) {
    return site.runtime.store.db.selectFrom('events').selectAll().where('feed_id', '=', feed.id).where('type', '=', type).execute();
  }

  it('ingests a good feed, saves its validators, and treats a 304 as success', async () => {
    const feed = await feedAt(server.url('/feed.xml'));
    const first = await poller.poll(feed);
    expect(first.outcome).toBe('ingested');
    expect(await storiesOf(feed)).toHaveLength(3);
    const afterFirst = await readFeed(feed.id);
    expect(afterFirst.etag).toBe(GOOD_ETAG);
    expect(afterFirst.consecutive_failures).toBe(0);
    expect(afterFirst.last_success_at).not.toBeNull();

    const second = await poller.poll(afterFirst);
    expect(second.outcome).toBe('not-modified');
    expect(server.hits('/feed.xml').at(-1)?.headers['if-none-match']).toBe(GOOD_ETAG);
    expect(await storiesOf(feed)).toHaveLength(3);
    expect((await readFeed(feed.id)).fetch_count).toBe(2);
  });

  it('schedules the next poll at the feed interval, never below the floor', async () => {
    const feed = await feedAt(server.url('/feed.xml'), { interval: 1 });
    const result = await poller.poll(feed);
    if (result.outcome === 'busy') throw new Error('lease not taken');
    const fetchedAt = Date.parse((await readFeed(feed.id)).last_fetch_at ?? '');
    expect(Date.parse(result.nextPollAt) - fetchedAt).toBe(LIMITS.pollFloorSeconds * 1000);
  });

  it.each(['/gzip.xml', '/deflate.xml', '/br.xml'])('decompresses %s', async (path) => {
    const feed = await feedAt(server.url(path));
    const result = await poller.poll(feed);
    expect(result.outcome).toBe('ingested');
    expect(server.hits(path).at(-1)?.headers['accept-encoding']).toContain('br');
    expect((await storiesOf(feed)).length).toBe(3);
  });

  it('follows up to five redirects and resolves against the final URL', async () => {
    const fetched = await fetchFeedOnce(await feedAt(server.url('/redirect/5/feed.xml')), { limits: LIMITS });
    expect(fetched.kind).toBe('body');
    expect(fetched.url).toBe(server.url('/feed.xml'));
  });

  it.each([
    ['/redirect/6/feed.xml', 'more than 5 redirects'],
    ['/redirect-loop', 'more than 5 redirects'],
    ['/hang', 'no complete answer within 1500 ms'],
    ['/hang-body', 'no complete answer within 1500 ms'],
    ['/huge.xml', 'larger than the limit of 1048576 bytes'],
    ['/gzip-bomb.xml', 'larger than the limit of 1048576 bytes'],
    ['/500', 'HTTP 500'],
  ])('refuses %s as a failed fetch: %s', async (path, reason) => {
    const feed = await feedAt(server.url(path));
    const heapBefore = process.memoryUsage().heapUsed;
    const result = await poller.poll(feed);
    expect(result.outcome).toBe('failed');
    // The 100 MB bodies are cut off at the cap: memory never grows by anything like their size.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(48 * 1024 * 1024);
    const stored = await readFeed(feed.id);
    expect(stored.last_error).toContain(reason);
    expect(stored.consecutive_failures).toBe(1);
    expect(stored.etag).toBeNull();
    const [event] = await eventsOf(feed, 'fetch_failed');
    expect(JSON.parse(event?.detail ?? '{}')).toMatchObject({ consecutive_failures: 1 });
  });

  it.each([
    ['/malformed.xml', 'malformed XML'],
    ['/xxe.xml', 'DOCTYPE'],
    ['/entity-bomb.xml', 'DOCTYPE'],
    ['/html', 'an HTML page, not a feed'],
    ['/empty.xml', 'empty document'],
    ['/truncated.xml', 'truncated or malformed XML'],
  ])('rejects the payload of %s with its reason recorded, storing nothing', async (path, reason) => {
    const feed = await feedAt(server.url(path));
    const result = await poller.poll(feed);
    expect(result.outcome).toBe('failed');
    const stored = await readFeed(feed.id);
    expect(stored.last_error).toMatch(/^payload rejected: /);
    expect(stored.last_error?.toLowerCase()).toContain(reason.toLowerCase());
    const rejected = await site.runtime.store.db.selectFrom('rejected_items').selectAll().where('feed_id', '=', feed.id).execute();
    expect(rejected).toHaveLength(1);
    expect(await storiesOf(feed)).toHaveLength(0);
  });

  it('never resolves an external entity', async () => {
    const feed = await feedAt(server.url('/xxe.xml'));
    await poller.poll(feed);
    const rows = await site.runtime.store.db
      .selectFrom('rejected_items')
      .select(['reason', 'raw'])
      .where('feed_id', '=', feed.id)
      .execute();
    expect(JSON.stringify(rows)).not.toContain('root:');
  });

  it('stores the good items of a feed whose other items have impossible dates, and records those', async () => {
    const feed = await feedAt(server.url('/bad-dates.xml'));
    const result = await poller.poll(feed);
    expect(result.outcome).toBe('ingested');
    expect(await storiesOf(feed)).toHaveLength(1);
    const rejected = await site.runtime.store.db.selectFrom('rejected_items').selectAll().where('feed_id', '=', feed.id).execute();
    expect(rejected.map((row) => row.item_ref).sort()).toEqual(['bad-date-1', 'bad-date-2']);
    expect(rejected.every((row) => /date/i.test(row.reason))).toBe(true);
  });

  it('honours Retry-After on 429 (seconds) and 503 (HTTP date)', async () => {
    const tooMany = await feedAt(server.url('/429'));
    const result = await poller.poll(tooMany);
    if (result.outcome !== 'failed') throw new Error(`expected a failure, got ${result.outcome}`);
    const fetchedAt = Date.parse((await readFeed(tooMany.id)).last_fetch_at ?? '');
    expect(Date.parse(result.nextPollAt) - fetchedAt).toBe(120_000);

    const unavailable = await feedAt(server.url('/503'));
    const later = await poller.poll(unavailable);
    if (later.outcome !== 'failed') throw new Error(`expected a failure, got ${later.outcome}`);
    expect(Date.parse(later.nextPollAt) - Date.parse((await readFeed(unavailable.id)).last_fetch_at ?? '')).toBeGreaterThan(500_000);
  });

  it('backs off on consecutive failures, shows the failing state, and records the recovery', async () => {
    const feed = await feedAt(server.url('/500'), { interval: 60 });
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      const result = await poller.poll(await readFeed(feed.id));
      if (result.outcome !== 'failed') throw new Error(`expected a failure, got ${result.outcome}`);
      delays.push(Date.parse(result.nextPollAt) - Date.parse((await readFeed(feed.id)).last_fetch_at ?? ''));
    }
    expect(delays).toEqual([60_000, 120_000, 240_000]);
    const failing = await readFeed(feed.id);
    expect(failing.consecutive_failures).toBe(3);
    expect(failing.last_error).toBe('HTTP 500');
    expect(await eventsOf(feed, 'fetch_failed')).toHaveLength(3);

    await site.runtime.store.db
      .updateTable('feeds')
      .set({ location: server.url('/feed.xml') })
      .where('id', '=', feed.id)
      .execute();
    expect((await poller.poll(await readFeed(feed.id))).outcome).toBe('ingested');
    expect((await readFeed(feed.id)).consecutive_failures).toBe(0);
    expect(await eventsOf(feed, 'fetch_recovered')).toHaveLength(1);
  });

  it.each([
    ['/auth/basic', { username: BASIC.username, password: BASIC.password }],
    ['/auth/bearer', { token: BEARER }],
    ['/auth/header', { header: API_KEY.header, value: API_KEY.value }],
  ])('sends the credentials %s asks for', async (path, credentials) => {
    expect((await poller.poll(await feedAt(server.url(path), { credentials }))).outcome).toBe('ingested');
    const without = await poller.poll(await feedAt(server.url(path)));
    expect(without).toMatchObject({ outcome: 'failed', error: 'HTTP 401' });
  });

  it('never sends credentials to another origin a redirect points at', async () => {
    const otherOrigin = server.url('/auth/bearer', 'localhost');
    const feed = await feedAt(server.url(`/redirect/1${new URL(otherOrigin).pathname}`), { credentials: { token: BEARER } });
    await feedAt(otherOrigin);
    const fetched = await fetchFeedOnce(feed, { limits: LIMITS });
    expect(fetched.kind).toBe('body');
    expect(server.hits('/auth/bearer').at(-1)?.headers.authorization).toBe(`Bearer ${BEARER}`);
  });

  it.each(['127.0.0.1', 'localhost'])('refuses a loopback address (%s) unless the feed allows it', async (host) => {
    const before = server.hits('/feed.xml').length;
    const feed = await feedAt(server.url('/feed.xml', host), { allowPrivate: false });
    const result = await poller.poll(feed);
    expect(result).toMatchObject({ outcome: 'failed' });
    expect((await readFeed(feed.id)).last_error).toContain('private or loopback address');
    expect(server.hits('/feed.xml')).toHaveLength(before);
  });

  it('fetchFeedOnce fetches without storing anything (the console test fetch)', async () => {
    const feed = await feedAt(server.url('/feed.xml'));
    const fetched = await fetchFeedOnce(feed, { limits: LIMITS, conditional: false });
    expect(fetched).toMatchObject({ kind: 'body', status: 200, charset: 'utf-8', etag: GOOD_ETAG });
    expect(await storiesOf(feed)).toHaveLength(0);
    expect((await readFeed(feed.id)).last_fetch_at).toBeNull();
  });

  it('polls a feed exactly once when two passes race for it', async () => {
    const feed = await feedAt(server.url('/feed.xml'));
    const results = await Promise.all([poller.poll(feed), poller.poll(feed)]);
    expect(results.map((result) => result.outcome).sort()).toEqual(['busy', 'ingested']);
  });

  it('polls due feeds on its own once started, and stops cleanly', async () => {
    const feed = await feedAt(server.url('/feed.xml'));
    poller.start();
    await vi.waitFor(async () => expect((await readFeed(feed.id)).last_success_at).not.toBeNull(), { timeout: 10_000, interval: 50 });
    await poller.stop();
    expect(await storiesOf(feed)).toHaveLength(3);
  });
});
