import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { PublishBus } from '../publish/index.ts';
import type { PageCache } from '../site/index.ts';
import type { Database } from '../store/index.ts';

/**
 * `/metrics` for Prometheus, behind a bearer token (config `metricsToken`; without one the
 * route does not answer). Per-feed figures are read from the store at scrape time, so every
 * node reports the same totals; HTTP and publish latency are this process's own.
 */

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const PUBLISH_SECONDS = [1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

export interface MetricsOptions {
  db: Kysely<Database>;
  bus: PublishBus;
  token: string | undefined;
  /** Its hit and miss counts: most hits are answered before any Fastify hook runs. */
  pageCache: PageCache;
}

export function registerMetrics(app: FastifyInstance, options: MetricsOptions): void {
  const { db } = options;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'wiredesk_' });

  const perFeed = (name: string, help: string, read: () => Promise<{ feed: string | null; value: number }[]>) =>
    new Gauge({
      name,
      help,
      labelNames: ['feed'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const row of await read()) this.set({ feed: row.feed ?? '(none)' }, row.value);
      },
    });
  const countBy = (table: 'stories' | 'rejected_items') => async () =>
    (
      await db
        .selectFrom(table)
        .select(['feed_id as feed', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('feed_id')
        .execute()
    ).map((row) => ({
      feed: row.feed,
      value: Number(row.n),
    }));

  perFeed('wiredesk_feed_items_stored', 'Stories stored from each feed.', countBy('stories'));
  perFeed('wiredesk_feed_items_rejected', 'Items each feed sent that were rejected.', countBy('rejected_items'));
  perFeed('wiredesk_feed_fetch_failures', 'Failed fetches of each feed.', async () =>
    (
      await db
        .selectFrom('events')
        .select(['feed_id as feed', (eb) => eb.fn.countAll<number>().as('n')])
        .where('type', '=', 'fetch_failed')
        .groupBy('feed_id')
        .execute()
    ).map((row) => ({ feed: row.feed, value: Number(row.n) })),
  );
  perFeed('wiredesk_feed_fetches', 'Fetches of each polled feed.', async () =>
    (await db.selectFrom('feeds').select(['id', 'fetch_count']).execute()).map((row) => ({ feed: row.id, value: row.fetch_count })),
  );
  perFeed('wiredesk_feed_consecutive_failures', 'Fetches of each feed that failed in a row (0 when healthy).', async () =>
    (await db.selectFrom('feeds').select(['id', 'consecutive_failures']).execute()).map((row) => ({
      feed: row.id,
      value: row.consecutive_failures,
    })),
  );
  perFeed('wiredesk_feed_last_success_timestamp_seconds', 'When each feed was last fetched successfully (Unix time).', async () =>
    (await db.selectFrom('feeds').select(['id', 'last_success_at']).where('last_success_at', 'is not', null).execute()).map((row) => ({
      feed: row.id,
      value: Date.parse(row.last_success_at ?? '') / 1000,
    })),
  );

  const http = new Histogram({
    name: 'wiredesk_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by route.',
    labelNames: ['method', 'route', 'status'],
    buckets: SECONDS,
    registers: [registry],
  });
  const { lookups } = options.pageCache;
  new Counter({
    name: 'wiredesk_page_cache_requests_total',
    help: 'Public pages answered from the page cache (hit) or rendered (miss).',
    labelNames: ['result'],
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ result: 'hit' }, lookups.hit);
      this.inc({ result: 'miss' }, lookups.miss);
    },
  });
  // Page cache hits answered by the front door never reach this hook: they are in the counter above.
  app.addHook('onResponse', async (request, reply) => {
    http.observe(
      { method: request.method, route: request.routeOptions.url ?? '(no route)', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  const publishLatency = new Histogram({
    name: 'wiredesk_publish_latency_seconds',
    help: "From the agency's version time to the story being published or updated on the site.",
    labelNames: ['type'],
    buckets: PUBLISH_SECONDS,
    registers: [registry],
  });
  const unsubscribe = options.bus.on(async (event) => {
    if (event.type !== 'published' && event.type !== 'updated') return;
    const row = await db
      .selectFrom('stories')
      .innerJoin('revisions', 'revisions.id', 'stories.current_revision_id')
      .select(['revisions.version_created_at', 'revisions.first_created_at', 'revisions.received_at'])
      .where('stories.id', '=', event.storyId)
      .executeTakeFirst();
    const sent = row?.version_created_at ?? row?.first_created_at ?? row?.received_at;
    if (sent === undefined) return;
    const seconds = (Date.parse(event.at) - Date.parse(sent)) / 1000;
    if (seconds >= 0) publishLatency.observe({ type: event.type }, seconds);
  });
  app.addHook('onClose', async () => unsubscribe());

  app.get('/metrics', async (request, reply) => {
    if (options.token === undefined) return reply.callNotFound();
    if (!bearerMatches(request.headers.authorization, options.token)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .type('text/plain; charset=utf-8')
        .send('A valid bearer token is required.');
    }
    return reply
      .type(registry.contentType)
      .header('cache-control', 'no-store')
      .send(await registry.metrics());
  });
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
