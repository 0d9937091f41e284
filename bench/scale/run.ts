/**
 * Scale-out benchmark (issue 8): PostgreSQL against SQLite, one node against two.
 *   npx tsx bench/scale/run.ts ingest  [--items 1000]
 *   npx tsx bench/scale/run.ts pages   [--seconds 10] [--connections 32] [--uncached]
 *   npx tsx bench/scale/run.ts million [--stories 1000000] [--renders 200]
 * Needs the PostgreSQL of the test suite (WIREDESK_TEST_POSTGRES_URL or 127.0.0.1:5432). Each
 * part prints one JSON line. Every database is created for the run and dropped after it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { Pool } from 'undici';
import { loadConfig } from '../../src/config.ts';
import { storyPath } from '../../src/domain/slug.ts';
import type { Dialect } from '../../src/store/db.ts';
import { createTestNode, createTestSite, POSTGRES_ADMIN_URL, type TestSite } from '../../test/support/runtime.ts';
import { generatedStory, rssOf } from '../../test/support/test-agency.ts';
import { flag, option } from '../options.ts';
import { quantile } from '../stats.ts';
import { fillStories } from './fill.ts';

const BIN = fileURLToPath(new URL('../../bin/wiredesk.js', import.meta.url));

const LOOP = {
  agencies: [{ id: 'loop', name: 'Loopback Wire', byline: 'LW', priority: 10, indexingPolicy: 'index' as const }],
  feeds: [
    {
      id: 'loop-wire',
      agency: 'loop',
      transport: 'push' as const,
      location: '',
      format: 'rss' as const,
      intervalSeconds: 60,
      mode: 'auto' as const,
      defaultSection: 'national',
      allowPrivate: false,
    },
  ],
  // The e-paper's recompiles would compete for the CPU being measured.
  epaper: { ...loadConfig({ env: {}, file: null }).epaper, digitalDelayMs: 86_400_000 },
};

const BENCH_DATABASE = 'wiredesk_bench_scale';

/** A site on SQLite, or on the bench's own PostgreSQL database made afresh; closing it drops that database. */
async function benchSite(dialect: Dialect): Promise<TestSite> {
  const database = dialect === 'postgres' ? await createBenchDatabase() : null;
  try {
    const site = await createTestSite(database === null ? LOOP : { ...LOOP, databaseUrl: database.url }, dialect);
    return {
      ...site,
      async close() {
        // Bus listeners still at work when the site closes could arm timers after it (the
        // e-paper's recompile delay) and keep this process alive: let them finish first.
        await site.runtime.bus.settled();
        await site.close();
        await database?.drop();
      },
    };
  } catch (error) {
    await database?.drop();
    throw error;
  }
}

async function createBenchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const drop = () => adminQuery(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
  await drop();
  await adminQuery(`CREATE DATABASE ${BENCH_DATABASE}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${BENCH_DATABASE}`;
  return { url: url.href, drop };
}

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

async function ingestStories(site: TestSite, from: number, count: number, perFile = 100): Promise<void> {
  const feed = await site.runtime.store.db.selectFrom('feeds').selectAll().where('id', '=', 'loop-wire').executeTakeFirstOrThrow();
  for (let start = from; start < from + count; start += perFile) {
    const stories = Array.from({ length: Math.min(perFile, from + count - start) }, (_, index) => generatedStory(start + index));
    await site.runtime.pipeline.ingest(feed, Buffer.from(rssOf(stories)), { charset: null, baseUrl: null, ref: `bench ${start}` });
  }
}

async function ingestThroughput(): Promise<void> {
  const items = option('items', 1000);
  const result: Record<string, unknown> = { part: 'ingest', items };
  for (const dialect of ['sqlite', 'postgres'] as Dialect[]) {
    const site = await benchSite(dialect);
    try {
      await ingestStories(site, 0, 50); // warm-up: connections, prepared plans, JIT
      await site.runtime.bus.settled();
      const started = performance.now();
      await ingestStories(site, 1000, items);
      await site.runtime.bus.settled(); // the subscribers' work (related lists, search) counts too
      const seconds = (performance.now() - started) / 1000;
      result[dialect] = { seconds: round(seconds), itemsPerSecond: round(items / seconds), load: loadAverage() };
    } finally {
      await site.close();
    }
  }
  console.log(JSON.stringify(result));
}

/**
 * Requests per second for `seconds`, `connections` at a time, round-robin over the nodes and
 * paths; `misses`: answers not from the node's page cache (`X-Cache`).
 */
async function load(
  bases: string[],
  paths: string[],
  seconds: number,
  connections: number,
): Promise<{ perSecond: number; misses: number }> {
  const pools = bases.map((base) => new Pool(base, { connections: Math.ceil(connections / bases.length) }));
  let done = 0;
  let misses = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async (_, worker) => {
      for (let turn = worker; performance.now() < until; turn += connections) {
        const pool = pools[turn % pools.length] as Pool;
        const response = await pool.request({
          method: 'GET',
          path: paths[turn % paths.length] as string,
          headers: { 'accept-encoding': 'gzip' },
        });
        await response.body.dump();
        if (response.statusCode !== 200) throw new Error(`GET ${paths[turn % paths.length]}: ${response.statusCode}`);
        if (response.headers['x-cache'] !== 'HIT') misses++;
        done++;
      }
    }),
  );
  await Promise.all(pools.map((pool) => pool.close()));
  return { perSecond: done / seconds, misses };
}

/** Every page once, so the node's page cache holds them all before it is measured. */
async function warm(base: string, paths: string[]): Promise<void> {
  const pool = new Pool(base, { connections: 4 });
  for (const path of paths) {
    const response = await pool.request({ method: 'GET', path, headers: { 'accept-encoding': 'gzip' } });
    await response.body.dump();
    if (response.statusCode !== 200) throw new Error(`GET ${path}: ${response.statusCode}`);
  }
  await pool.close();
}

async function startServe(site: TestSite, name: string, configFile: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '-p', '0'], {
    env: {
      ...process.env,
      WIREDESK_CONFIG: configFile,
      DATABASE_URL: site.databaseUrl,
      WIREDESK_DATA_DIR: path.join(site.dataDir, name),
      WIREDESK_HOST: '127.0.0.1',
      WIREDESK_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk); // the node's warnings and errors
      const found = /at (http:\/\/\S+)/.exec(chunk.toString());
      if (found?.[1] !== undefined) resolve(found[1]);
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
  return { child, url };
}

async function pagesPerSecond(): Promise<void> {
  const seconds = option('seconds', 10);
  const connections = option('connections', 32);
  // --uncached: every request renders (page cache off), so the nodes' own work is what is measured.
  const uncached = flag('uncached');
  const site = await benchSite('postgres');
  const nodes: ChildProcess[] = [];
  try {
    await ingestStories(site, 0, 500);
    // The ingesting process computes the related lists, as the ingesting node does in production.
    await site.runtime.bus.settled();
    const stories = await site.runtime.store.db
      .selectFrom('stories')
      .select(['id', 'section', 'slug'])
      .where('status', '=', 'published')
      .execute();
    const paths = ['/', '/national', ...stories.map((story) => storyPath(story))];
    const configFile = path.join(site.dataDir, 'bench.config.json');
    const pageCache = uncached ? { pageCache: { maxBytes: 0 } } : {};
    writeFileSync(configFile, JSON.stringify({ demo: false, agencies: LOOP.agencies, epaper: LOOP.epaper, ...pageCache }));
    const first = await startServe(site, 'node-1', configFile);
    nodes.push(first.child);
    await warm(first.url, paths);
    await load([first.url], paths, 2, connections); // compiled code, connections: not measured
    const one = await load([first.url], paths, seconds, connections);
    const loadOne = loadAverage();
    const second = await startServe(site, 'node-2', configFile);
    nodes.push(second.child);
    await warm(second.url, paths);
    await load([second.url], paths, 2, connections);
    const two = await load([first.url, second.url], paths, seconds, connections);
    const loadTwo = loadAverage();
    console.log(
      JSON.stringify({
        part: 'pages',
        pages: paths.length,
        connections,
        seconds,
        pageCache: uncached ? 'off' : 'on',
        oneNode: { pagesPerSecond: round(one.perSecond), cacheMisses: one.misses, load: loadOne },
        twoNodes: { pagesPerSecond: round(two.perSecond), cacheMisses: two.misses, load: loadTwo },
        cpus: os.cpus().length,
        note: 'both nodes and the load generator share this machine',
      }),
    );
  } finally {
    for (const node of nodes) node.kill('SIGTERM');
    await Promise.all(nodes.map((node) => new Promise((resolve) => node.once('exit', resolve))));
    await site.close();
  }
}

/**
 * Fills PostgreSQL with `stories` more published stories (fill.ts), then renders sampled article
 * pages on a fresh node, each page's first render: once with the related lists precomputed, as
 * the engine leaves them at ingest, and once with them deleted, so the render computes them.
 */
async function millionStories(): Promise<void> {
  const count = option('stories', 1_000_000);
  const renders = option('renders', 200);
  const site = await benchSite('postgres');
  try {
    await ingestStories(site, 0, 100); // the originals the fill copies
    await site.runtime.bus.settled();
    const { db } = site.runtime.store;
    const steps: Record<string, number> = {};
    const fillStarted = performance.now();
    const sections = site.runtime.config.sections.map((section) => section.slug);
    await fillStories(db, count, sections, (step, seconds) => {
      steps[step] = round(seconds);
      process.stderr.write(`fill: ${step} ${round(seconds)} s (load ${loadAverage()})\n`);
    });
    const fillSeconds = (performance.now() - fillStarted) / 1000;
    const { rows: totals } = await sql<{ stories: number; size: string }>`
      SELECT (SELECT count(*) FROM stories WHERE status = 'published') AS stories,
             pg_size_pretty(pg_database_size(current_database())) AS size`.execute(db);

    const { rows: sample } = await sql<{ id: number; section: string; slug: string }>`
      SELECT id, section, slug FROM stories WHERE guid LIKE 'fill-%' ORDER BY random() LIMIT ${2 * renders + WARM_UP_RENDERS}`.execute(db);
    const warmUp = sample.slice(0, WARM_UP_RENDERS);
    const precomputed = sample.slice(WARM_UP_RENDERS, WARM_UP_RENDERS + renders);
    const onDemand = sample.slice(WARM_UP_RENDERS + renders);
    await db
      .deleteFrom('related_lists')
      .where(
        'story_id',
        'in',
        onDemand.map((story) => story.id),
      )
      .execute();
    // A node of its own: none of these pages is in its cache.
    const fresh = await createTestNode(site, LOOP);
    try {
      await renderTimes(fresh, warmUp); // connections, compiled code: not what is measured
      const lists = quantiles(await renderTimes(fresh, precomputed));
      const computed = quantiles(await renderTimes(fresh, onDemand));
      console.log(
        JSON.stringify({
          part: 'million',
          stories: totals[0]?.stories,
          databaseSize: totals[0]?.size,
          fillSeconds: round(fillSeconds),
          fillSteps: steps,
          coldRenderMs: { listsPrecomputed: lists, listsComputedOnDemand: computed },
          load: loadAverage(),
        }),
      );
    } finally {
      await fresh.close();
    }
  } finally {
    await site.close();
  }
}

const WARM_UP_RENDERS = 5;

/** Milliseconds of each page's first render on this node, in process (no network). */
async function renderTimes(node: TestSite, stories: { id: number; section: string; slug: string }[]): Promise<number[]> {
  const times: number[] = [];
  for (const story of stories) {
    const started = performance.now();
    const response = await node.app.inject(storyPath(story));
    times.push(performance.now() - started);
    if (response.statusCode !== 200) throw new Error(`${storyPath(story)}: ${response.statusCode} ${response.body.slice(0, 300)}`);
    if (response.headers['x-cache'] !== 'MISS') throw new Error(`${storyPath(story)} came from the page cache`);
  }
  return times;
}

function quantiles(times: number[]): { renders: number; p50: number; p90: number; p99: number; max: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => round(quantile(sorted, q));
  return { renders: sorted.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) };
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

const part = process.argv[2];
if (part === 'ingest') await ingestThroughput();
else if (part === 'pages') await pagesPerSecond();
else if (part === 'million') await millionStories();
else {
  process.stderr.write('usage: npx tsx bench/scale/run.ts ingest|pages|million [options]\n');
  process.exitCode = 2;
}
