/**
 * Public-site benchmark: article requests per second with a warm page cache and
 * `Accept-Encoding: gzip`, against nginx serving the same page pre-compressed (gzip_static) from
 * disk, with the same load generator (wrk, 64 connections); the same with the page cache off
 * (every request renders); cold render p50/p99 over an archive of N stories; memory.
 *   npx tsx bench/site/run.ts [--stories 100000] [--seconds 10] [--renders 500]
 * Needs Debian's nginx and wrk (`apt-get install -y nginx wrk`). Prints one JSON report.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Insertable } from 'kysely';
import pino from 'pino';
import { loadConfig } from '../../src/config.ts';
import { storyPath } from '../../src/domain/slug.ts';
import { openRuntime, type Runtime } from '../../src/runtime.ts';
import { buildServer } from '../../src/server.ts';
import type { RevisionTable, StoryTable } from '../../src/store/schema.ts';
import { option } from '../options.ts';

const storyCount = option('stories', 100_000);
const seconds = option('seconds', 10);
const renders = option('renders', 500);
const CONNECTIONS = 64;

const work = mkdtempSync(path.join(os.tmpdir(), 'wiredesk-bench-site-'));
const run = promisify(execFile);

/** Made-up words from syllables: fictional copy of plausible length that never repeats exactly. */
const SYLLABLES = 'ka ri mo te la su ne vo pa di ro gu ma ze bi no ta le sa ku'.split(' ');
function words(seed: number, count: number): string {
  return Array.from({ length: count }, (_, i) => {
    // A vocabulary of 100 words. The seed bypasses the publisher, so no story has related lists yet
    // and the first view computes them; with 100 words every term is too common to count and that
    // computation is trivial, so cold renders measure the page, as after a publish (lists stored).
    // bench/related measures the related engine itself.
    const n = (seed * 7919 + i * 104_729) % 100;
    return `${SYLLABLES[n % 20]}${SYLLABLES[Math.floor(n / 20) % 20]}${SYLLABLES[Math.floor(n / 400) % 20]}`;
  }).join(' ');
}

/** Fills the archive straight into the tables (the publisher would take hours for 100,000 stories). */
async function seedArchive(runtime: Runtime, count: number): Promise<void> {
  const sections = runtime.config.sections.map((section) => section.slug);
  const db = runtime.store.db;
  const now = Date.now();
  for (let start = 1; start <= count; start += 500) {
    const stories: Insertable<StoryTable>[] = [];
    const revisions: Insertable<RevisionTable>[] = [];
    for (let id = start; id < Math.min(start + 500, count + 1); id++) {
      const at = new Date(now - (count - id) * 60_000).toISOString();
      const headline = `Bench story ${id}: ${words(id, 8)}`;
      const paragraphs = Array.from({ length: 7 }, (_, p) => words(id * 10 + p, 45));
      const body = `Pune, Nov 29 ${paragraphs.join(' ')}`;
      stories.push({
        id,
        agency_id: 'bench',
        guid: `bench-${id}`,
        feed_id: 'bench-push',
        slug: `bench-story-${id}`,
        section: sections[id % sections.length] ?? 'national',
        city: 'pune',
        status: 'published',
        headline,
        teaser: `${paragraphs[0]?.slice(0, 180)} ...`,
        dateline: 'Pune, Nov 29',
        language: 'en',
        current_revision_id: id,
        first_published_at: at,
        updated_at: at,
        created_at: at,
      });
      revisions.push({
        id,
        story_id: id,
        feed_id: 'bench-push',
        received_at: at,
        signal: 'new',
        pubstatus: 'usable',
        headline,
        dateline: 'Pune, Nov 29',
        teaser: '',
        body_html: paragraphs.map((paragraph, p) => `<p>${p === 0 ? 'Pune, Nov 29 ' : ''}${paragraph}</p>`).join(''),
        body_text: body,
        text_hash: String(id),
        content_hash: String(id),
        subjects: '[]',
        keywords: '[]',
        language: 'en',
        place: 'Pune',
        media: '[]',
        raw: '',
      });
    }
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('stories').values(stories).execute();
      await trx.insertInto('revisions').values(revisions).execute();
    });
  }
}

async function wrk(url: string): Promise<number> {
  const { stdout } = await run('wrk', ['-t2', `-c${CONNECTIONS}`, `-d${seconds}s`, '-H', 'Accept-Encoding: gzip', url], {
    maxBuffer: 1024 * 1024,
  });
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1];
  if (rps === undefined || /Non-2xx/.test(stdout)) throw new Error(`wrk against ${url} failed:\n${stdout}`);
  return Number(rps);
}

/** nginx with one worker (Node serves from one thread) and gzip_static, serving the page from disk. */
async function startNginx(html: string): Promise<{ url: string; process: ChildProcess }> {
  const root = path.join(work, 'nginx');
  mkdirSync(path.join(root, 'logs'), { recursive: true });
  writeFileSync(path.join(root, 'article.html'), html);
  writeFileSync(path.join(root, 'article.html.gz'), gzipSync(html, { level: 9 }));
  const port = 18_000 + Math.floor(Math.random() * 2000);
  const conf = path.join(root, 'nginx.conf');
  writeFileSync(
    conf,
    `daemon off; master_process off; worker_processes 1; pid ${root}/nginx.pid; error_log ${root}/logs/error.log;
events { worker_connections 1024; }
http { access_log off; sendfile on; tcp_nopush on; gzip_static on;
  types { text/html html; } default_type text/html;
  client_body_temp_path ${root}; proxy_temp_path ${root}; fastcgi_temp_path ${root}; uwsgi_temp_path ${root}; scgi_temp_path ${root};
  server { listen 127.0.0.1:${port}; root ${root}; } }
`,
  );
  const child = spawn('nginx', ['-c', conf, '-p', root], { stdio: 'inherit' });
  for (let attempt = 0; attempt < 50; attempt++) {
    const ok = await fetch(`http://127.0.0.1:${port}/article.html`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return { url: `http://127.0.0.1:${port}/article.html`, process: child };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error('nginx did not start');
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

async function main(): Promise<void> {
  const config = loadConfig({
    env: {},
    file: null,
    overrides: {
      dataDir: work,
      demo: false,
      logLevel: 'silent',
      // The digital e-paper's start-up compile (PDF work on the main thread, seconds of it) would land
      // inside a measurement 30 s in and steal the server's core: it waits past the run. This bench measures pages.
      epaper: { ...loadConfig({ env: {}, file: null }).epaper, digitalDelayMs: 3_600_000 },
      agencies: [{ id: 'bench', name: 'Bench Agency', byline: 'BA', priority: 100, indexingPolicy: 'index' }],
      feeds: [
        {
          id: 'bench-push',
          agency: 'bench',
          transport: 'push',
          location: '',
          format: 'auto',
          intervalSeconds: 60,
          mode: 'auto',
          defaultSection: 'national',
          allowPrivate: false,
        },
      ],
    },
  });
  const runtime = await openRuntime(config, { log: pino({ level: process.env.BENCH_LOG ?? 'silent' }) });
  const seeded = performance.now();
  await seedArchive(runtime, storyCount);
  const seedSeconds = (performance.now() - seeded) / 1000;

  const cached = await buildServer(runtime);
  const uncached = await buildServer({ ...runtime, config: { ...config, pageCache: { ...config.pageCache, maxBytes: 0 } } });
  const cachedBase = await cached.listen({ port: 0, host: '127.0.0.1' });
  const uncachedBase = await uncached.listen({ port: 0, host: '127.0.0.1' });
  const newest = await runtime.store.db.selectFrom('stories').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
  const article = storyPath(newest);

  // Cold renders: distinct articles through the uncached server, in-process (no network in the figure).
  const timings: number[] = [];
  for (let i = 0; i < renders; i++) {
    const id = 1 + Math.floor((i * storyCount) / renders);
    const path_ = storyPath({ id, section: config.sections[id % config.sections.length]?.slug ?? 'national', slug: `bench-story-${id}` });
    const started = performance.now();
    const response = await uncached.inject({ url: path_ });
    timings.push(performance.now() - started);
    if (response.statusCode !== 200) throw new Error(`${path_} answered ${response.statusCode}: ${response.body.slice(0, 500)}`);
  }
  timings.sort((a, b) => a - b);

  const page = await fetch(`${cachedBase}${article}`);
  const html = await page.text();
  const nginx = await startNginx(html);
  try {
    const wiredeskRps = await wrk(`${cachedBase}${article}`);
    const nginxRps = await wrk(nginx.url);
    const uncachedRps = await wrk(`${uncachedBase}${article}`);
    const memory = process.memoryUsage();
    console.log(
      JSON.stringify(
        {
          stories: storyCount,
          seedSeconds: Math.round(seedSeconds),
          machine: { cpus: os.cpus().length, load: os.loadavg().map((load) => Math.round(load * 10) / 10) },
          articleBytes: { html: Buffer.byteLength(html), gzip: gzipSync(html, { level: 9 }).length },
          warmCacheGzip: {
            wiredeskRps: Math.round(wiredeskRps),
            nginxGzipStaticRps: Math.round(nginxRps),
            ratio: Math.round((wiredeskRps / nginxRps) * 100) / 100,
          },
          pageCacheOffRps: Math.round(uncachedRps),
          coldRenderMs: {
            p50: Math.round(percentile(timings, 0.5) * 10) / 10,
            p99: Math.round(percentile(timings, 0.99) * 10) / 10,
            samples: renders,
          },
          memoryMb: { rss: Math.round(memory.rss / 1048576), heapUsed: Math.round(memory.heapUsed / 1048576) },
          connections: CONNECTIONS,
          seconds,
        },
        null,
        2,
      ),
    );
  } finally {
    nginx.process.kill();
    await cached.close();
    await uncached.close();
    await runtime.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
