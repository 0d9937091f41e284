/**
 * Scale-out benchmark (issue 8): PostgreSQL against SQLite, one node against two.
 *   npx tsx bench/scale/run.ts ingest  [--items 1000]
 *   npx tsx bench/scale/run.ts pages   [--seconds 10] [--connections 32]
 *   npx tsx bench/scale/run.ts million [--stories 1000000] [--renders 200]
 * Needs the PostgreSQL of the test suite (WIREDESK_TEST_POSTGRES_URL or 127.0.0.1:5432). Each
 * part prints one JSON line. Every database is created for the run and dropped after it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { Pool } from 'undici';
import { loadConfig } from '../../src/config.ts';
import { storyPath } from '../../src/domain/slug.ts';
import type { Dialect } from '../../src/store/db.ts';
import { createTestSite, type TestSite } from '../../test/support/runtime.ts';
import { generatedStory, rssOf } from '../../test/support/test-agency.ts';

const BIN = fileURLToPath(new URL('../../bin/wiredesk.js', import.meta.url));
const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(args[at + 1]);
};

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

async function ingestStories(site: TestSite, from: number, count: number, perFile = 100): Promise<void> {
  const feed = await site.runtime.store.db.selectFrom('feeds').selectAll().where('id', '=', 'loop-wire').executeTakeFirstOrThrow();
  for (let start = from; start < from + count; start += perFile) {
    const stories = Array.from({ length: Math.min(perFile, from + count - start) }, (_, index) => generatedStory(start + index));
    await site.runtime.pipeline.ingest(feed, Buffer.from(rssOf(stories)), { charset: null, baseUrl: null, ref: `bench ${start}` });
  }
}

async function ingestThroughput(): Promise<void> {
  const items = flag('items', 1000);
  const result: Record<string, unknown> = { part: 'ingest', items };
  for (const dialect of ['sqlite', 'postgres'] as Dialect[]) {
    const site = await createTestSite(LOOP, dialect);
    try {
      await ingestStories(site, 0, 50); // warm-up: connections, prepared plans, JIT
      const started = performance.now();
      await ingestStories(site, 1000, items);
      const seconds = (performance.now() - started) / 1000;
      result[dialect] = { seconds: round(seconds), itemsPerSecond: round(items / seconds) };
    } finally {
      await site.close();
    }
  }
  console.log(JSON.stringify(result));
}

/** Requests per second for `seconds`, `connections` at a time, round-robin over the nodes and article paths. */
async function load(bases: string[], paths: string[], seconds: number, connections: number): Promise<number> {
  const pools = bases.map((base) => new Pool(base, { connections: Math.ceil(connections / bases.length) }));
  let done = 0;
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
        done++;
      }
    }),
  );
  await Promise.all(pools.map((pool) => pool.close()));
  return done / seconds;
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
      const found = /at (http:\/\/\S+)/.exec(chunk.toString());
      if (found?.[1] !== undefined) resolve(found[1]);
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
  return { child, url };
}

async function pagesPerSecond(): Promise<void> {
  const seconds = flag('seconds', 10);
  const connections = flag('connections', 32);
  const site = await createTestSite(LOOP, 'postgres');
  const nodes: ChildProcess[] = [];
  try {
    await ingestStories(site, 0, 500);
    const stories = await site.runtime.store.db
      .selectFrom('stories')
      .select(['id', 'section', 'slug'])
      .where('status', '=', 'published')
      .execute();
    const paths = ['/', '/national', ...stories.map((story) => storyPath(story))];
    const configFile = path.join(site.dataDir, 'bench.config.json');
    writeFileSync(configFile, JSON.stringify({ demo: false, agencies: LOOP.agencies, epaper: LOOP.epaper }));
    const first = await startServe(site, 'node-1', configFile);
    nodes.push(first.child);
    await load([first.url], paths, 2, connections); // warm the page cache
    const one = await load([first.url], paths, seconds, connections);
    const second = await startServe(site, 'node-2', configFile);
    nodes.push(second.child);
    await load([second.url], paths, 2, connections);
    const two = await load([first.url, second.url], paths, seconds, connections);
    console.log(
      JSON.stringify({
        part: 'pages',
        pages: paths.length,
        connections,
        seconds,
        oneNode: round(one),
        twoNodes: round(two),
        cpus: (await import('node:os')).cpus().length,
        note: 'both nodes and the load generator share this machine',
      }),
    );
  } finally {
    for (const node of nodes) node.kill('SIGTERM');
    await Promise.all(nodes.map((node) => new Promise((resolve) => node.once('exit', resolve))));
    await site.close();
  }
}

/** Fills PostgreSQL with `stories` published stories by SQL, then times cold article renders on a fresh node. */
async function millionStories(): Promise<void> {
  const count = flag('stories', 1_000_000);
  const renders = flag('renders', 200);
  const site = await createTestSite(LOOP, 'postgres');
  try {
    await ingestStories(site, 0, 100); // real stories to copy the text from
    const { db } = site.runtime.store;
    const fillStarted = performance.now();
    // Each generated story is a copy of one of the real ones with its own guid, slug, time and revision.
    await sql`
      WITH src AS (SELECT s.*, r.body_html, r.body_text, r.text_hash, r.content_hash, r.raw, row_number() OVER (ORDER BY s.id) - 1 AS n
                   FROM stories s JOIN revisions r ON r.id = s.current_revision_id),
      made AS (
        INSERT INTO stories (agency_id, guid, feed_id, slug, section, city, status, headline, teaser, dateline, language,
                             first_published_at, updated_at, created_at)
        SELECT src.agency_id, 'fill-' || g, src.feed_id, src.slug, src.section, src.city, 'published', src.headline || ' #' || g, src.teaser,
               src.dateline, src.language, to_char(now() - g * interval '20 seconds', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               to_char(now() - g * interval '20 seconds', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), src.created_at
        FROM generate_series(1, ${count}) g JOIN src ON src.n = g % 100
        RETURNING id, guid)
      INSERT INTO revisions (story_id, feed_id, received_at, signal, pubstatus, headline, teaser, body_html, body_text, text_hash,
                             content_hash, subjects, keywords, media, raw)
      SELECT made.id, src.feed_id, src.created_at, 'new', 'usable', src.headline, src.teaser, src.body_html, src.body_text, src.text_hash,
             src.content_hash || made.id, '[]', '[]', '[]', src.raw
      FROM made JOIN src ON src.n = substring(made.guid from 6)::bigint % 100`.execute(db);
    await sql`UPDATE stories s SET current_revision_id = r.id FROM revisions r WHERE r.story_id = s.id AND s.current_revision_id IS NULL`.execute(
      db,
    );
    // The related-stories engine reads each story's text signature.
    await sql`
      INSERT INTO story_signatures (story_id, minhash)
      SELECT s.id, sig.minhash FROM stories s
      JOIN stories o ON o.guid = 'loop-' || (substring(s.guid from 6)::bigint % 100)
      JOIN story_signatures sig ON sig.story_id = o.id
      WHERE s.guid LIKE 'fill-%'`.execute(db);
    await sql`ANALYZE`.execute(db);
    const fillSeconds = (performance.now() - fillStarted) / 1000;

    const sample = await sql<{ id: number; section: string; slug: string }>`
      SELECT id, section, slug FROM stories TABLESAMPLE BERNOULLI (${Math.min(100, (renders * 400) / count)})
      WHERE status = 'published' LIMIT ${renders}`.execute(db);
    // A node of its own: nothing of these pages is in its cache.
    const { createTestNode } = await import('../../test/support/runtime.ts');
    const fresh = await createTestNode(site, LOOP);
    try {
      const times: number[] = [];
      for (const story of sample.rows) {
        const started = performance.now();
        const response = await fresh.app.inject(storyPath(story));
        times.push(performance.now() - started);
        if (response.statusCode !== 200) throw new Error(`${storyPath(story)}: ${response.statusCode} ${response.body.slice(0, 300)}`);
      }
      times.sort((a, b) => a - b);
      const at = (q: number) => round(times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? Number.NaN);
      console.log(
        JSON.stringify({
          part: 'million',
          stories: count + 100,
          fillSeconds: round(fillSeconds),
          coldRenders: times.length,
          coldRenderMs: { p50: at(0.5), p90: at(0.9), p99: at(0.99) },
        }),
      );
    } finally {
      await fresh.close();
    }
  } finally {
    await site.close();
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

const part = args[0];
if (part === 'ingest') await ingestThroughput();
else if (part === 'pages') await pagesPerSecond();
else if (part === 'million') await millionStories();
else {
  process.stderr.write('usage: npx tsx bench/scale/run.ts ingest|pages|million [options]\n');
  process.exitCode = 2;
}
