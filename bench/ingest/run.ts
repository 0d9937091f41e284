/**
 * Ingest benchmark (see README.md). Run from the project root:
 *   npx tsx bench/ingest/run.ts [--items 10000] [--pushes 200]
 * 1. Throughput: one 10,000-item RSS feed through parse + normalize + route + dedupe + store on
 *    SQLite, as items per second: the ingest path alone (the store, the publisher and the
 *    pipeline, with nothing subscribed to publish events), so the figure is the pipeline's.
 * 2. Peak memory (RSS and heap) while doing so, sampled every 20 ms.
 * 3. Wire-to-live latency: a signed push is sent to the running server and the story's page is
 *    requested until it is served with the pushed text; half the pushes are new stories, half
 *    updates of a live story (so page caches must be purged). This runs the whole runtime:
 *    search, related stories, page cache and every other subscriber. p50 / p99 over all pushes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { request } from 'undici';
import { loadConfig } from '../../src/config.ts';
import { DEFAULT_MIN_SIMILARITY } from '../../src/domain/dedupe.ts';
import { storyPath } from '../../src/domain/slug.ts';
import { IngestPipeline } from '../../src/ingest/pipeline.ts';
import { SIGNATURE_HEADER, signPush, TIMESTAMP_HEADER } from '../../src/ingest/transports/push.ts';
import { PublishBus, Publisher } from '../../src/publish/index.ts';
import { openRuntime, syncConfiguredSources } from '../../src/runtime.ts';
import { buildServer } from '../../src/server.ts';
import { migrate, openStore } from '../../src/store/db.ts';
import { ninjsStory, rssFeed, sampleStory } from '../../test/support/wire-samples.ts';
import { quantile } from '../stats.ts';

const { values } = parseArgs({ options: { items: { type: 'string', default: '10000' }, pushes: { type: 'string', default: '200' } } });
const ITEMS = Number(values.items);
const PUSHES = Number(values.pushes);
const SECRET = 'bench-push-secret-0123456789';

const dataDir = mkdtempSync(path.join(tmpdir(), 'wiredesk-bench-'));
const config = loadConfig({
  env: {},
  file: null,
  overrides: {
    dataDir,
    demo: false,
    logLevel: 'silent',
    limits: { ...loadConfig({ env: {}, file: null }).limits, maxItemsPerFetch: ITEMS, maxBodyBytes: 64 * 1024 * 1024 },
    agencies: [{ id: 'bench', name: 'Bench Wire', byline: 'Bench Wire', priority: 10, indexingPolicy: 'index' }],
    feeds: [
      {
        id: 'bench-rss',
        agency: 'bench',
        transport: 'folder',
        location: 'bench',
        format: 'rss',
        intervalSeconds: 60,
        mode: 'auto',
        defaultSection: 'national',
        allowPrivate: false,
      },
      {
        id: 'bench-push',
        agency: 'bench',
        transport: 'push',
        location: '',
        format: 'ninjs',
        intervalSeconds: 60,
        mode: 'auto',
        defaultSection: 'national',
        credentials: { secret: SECRET },
        allowPrivate: false,
      },
    ],
  },
});
const log = pino({ level: 'silent' });

/** 1 + 2: the ingest path alone, on its own SQLite file. */
async function measureThroughput() {
  const store = openStore(`sqlite:${path.join(dataDir, 'throughput.db')}`);
  await migrate(store);
  await syncConfiguredSources(store, config);
  const publisher = new Publisher(store.db, new PublishBus(), { duplicateWindowHours: 48, duplicateMinSimilarity: DEFAULT_MIN_SIMILARITY });
  const pipeline = new IngestPipeline(
    store.db,
    publisher,
    { sections: config.sections, maxItemBytes: config.limits.maxItemBytes, maxItemsPerFetch: ITEMS },
    log,
  );
  const feedBytes = Buffer.from(rssFeed(Array.from({ length: ITEMS }, (_, i) => sampleStory(i, { seed: 42 }))));
  const feed = await store.db.selectFrom('feeds').selectAll().where('id', '=', 'bench-rss').executeTakeFirstOrThrow();
  global.gc?.();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 20);
  const started = performance.now();
  const report = await pipeline.ingest(feed, feedBytes, { charset: null, baseUrl: null, ref: 'bench' });
  const ingestMs = performance.now() - started;
  clearInterval(sampler);
  await store.close();
  if (report.created !== ITEMS) throw new Error(`expected ${ITEMS} stories, got ${JSON.stringify({ ...report, storyIds: undefined })}`);
  return { feedBytes: feedBytes.length, ingestMs, peakRss, peakHeap };
}

/** 3: wire-to-live latency through the real HTTP server and the whole runtime. */
async function measureLatency(): Promise<number[]> {
  const runtime = await openRuntime(config, { log });
  const { db } = runtime.store;
  const app = await buildServer(runtime);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const base = `http://127.0.0.1:${port}`;
  const latencies: number[] = [];
  const live: { guid: string; version: number; index: number }[] = [];
  for (let i = 0; i < PUSHES; i++) {
    const update = i % 2 === 1 && live.length > 0;
    const target = update ? (live[Math.floor(live.length / 2)] as { guid: string; version: number; index: number }) : null;
    const story = sampleStory(target?.index ?? 100_000 + i, { seed: 77 });
    const marker = `Bench marker ${i} confirms the page carries this exact text.`;
    story.paragraphs = [...story.paragraphs, marker];
    story.version = (target?.version ?? 0) + 1;
    story.published = new Date(Date.now() - 60_000 + i);
    const body = Buffer.from(ninjsStory(story));
    const timestamp = String(Math.floor(Date.now() / 1000));
    const t0 = performance.now();
    const pushed = await request(`${base}/api/v1/ingest/bench-push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signPush(SECRET, timestamp, body) },
      body,
    });
    const result = (await pushed.body.json()) as { storyIds: number[] };
    if (pushed.statusCode !== 200) throw new Error(`push ${i} answered ${pushed.statusCode}: ${JSON.stringify(result)}`);
    const row = await db
      .selectFrom('stories')
      .select(['id', 'section', 'slug'])
      .where('id', '=', result.storyIds[0] ?? -1)
      .executeTakeFirstOrThrow();
    for (let attempt = 0; ; attempt++) {
      const page = await request(`${base}${storyPath(row)}`);
      const html = await page.body.text();
      if (page.statusCode === 200 && html.includes(marker)) break;
      if (attempt > 1000) throw new Error(`push ${i}: page never showed the new text`);
    }
    latencies.push(performance.now() - t0);
    if (target === null) live.push({ guid: story.guid, version: story.version, index: 100_000 + i });
    else target.version = story.version;
  }
  await app.close();
  await runtime.close();
  return latencies;
}

try {
  const throughput = await measureThroughput();
  const latencies = (await measureLatency()).sort((a, b) => a - b);
  const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  const results = {
    node: process.version,
    cpus: cpus().length,
    // Other work on the machine skews every figure: report it with them.
    loadAverage1m: +(loadavg()[0] ?? 0).toFixed(1),
    items: ITEMS,
    feedBytes: throughput.feedBytes,
    ingestSeconds: +(throughput.ingestMs / 1000).toFixed(2),
    itemsPerSecond: Math.round(ITEMS / (throughput.ingestMs / 1000)),
    peakRss: mb(throughput.peakRss),
    peakHeap: mb(throughput.peakHeap),
    pushes: latencies.length,
    wireToLiveP50Ms: +quantile(latencies, 0.5).toFixed(1),
    wireToLiveP99Ms: +quantile(latencies, 0.99).toFixed(1),
    wireToLiveMaxMs: +(latencies.at(-1) ?? Number.NaN).toFixed(1),
  };
  console.log(JSON.stringify(results, null, 2));
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
