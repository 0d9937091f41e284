/**
 * Public-site benchmark: article requests per second with a warm page cache and
 * `Accept-Encoding: gzip`, against nginx serving the same page pre-compressed (gzip_static) from
 * disk, with the same load generator (wrk, 64 connections); the same with the page cache off
 * (every request renders); cold render p50/p99 over an archive of N stories; memory.
 *   npx tsx bench/site/run.ts [--stories 100000] [--seconds 10] [--renders 500]
 * Needs Debian's nginx and wrk (`apt-get install -y nginx wrk`). Prints one JSON report.
 *
 * Each server under load is its own process, started the way a publisher starts it
 * (`wiredesk serve`, nginx with one worker), and given one core while wrk gets the other: with
 * both unpinned, the server's thread and wrk's two threads share two cores as the scheduler
 * happens to place them, and the same build measured 25,000 or 41,000 req/s from one run to the
 * next (bench/site/README.md). Pinned, both servers are measured on equal terms, run after run.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
import { quantile } from '../stats.ts';

const storyCount = option('stories', 100_000);
const seconds = option('seconds', 10);
const renders = option('renders', 500);
const CONNECTIONS = 64;
const CLI = fileURLToPath(new URL('../../bin/wiredesk.js', import.meta.url));
const METRICS_TOKEN = 'bench-site-metrics-token';

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

/** Server on the first core, load generator on the second, when the machine has two and taskset. */
const pinning = await run('taskset', ['-c', '0', 'true']).then(
  () => os.cpus().length >= 2,
  () => false,
);
const onServerCore = (command: string[]): string[] => (pinning ? ['taskset', '-c', '0', ...command] : command);
const onLoadCore = (command: string[]): string[] => (pinning ? ['taskset', '-c', '1', ...command] : command);

async function wrk(url: string): Promise<number> {
  const [command = 'wrk', ...args] = onLoadCore(['wrk', '-t2', `-c${CONNECTIONS}`, `-d${seconds}s`, '-H', 'Accept-Encoding: gzip', url]);
  const { stdout } = await run(command, args, { maxBuffer: 1024 * 1024 });
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1];
  if (rps === undefined || /Non-2xx/.test(stdout)) throw new Error(`wrk against ${url} failed:\n${stdout}`);
  return Number(rps);
}

function startProcess(command: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const [file = '', ...args] = onServerCore(command);
  return spawn(file, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

/** Polls until the URL answers 200 (the server is up), or gives up after ten seconds. */
async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited with ${child.exitCode}`);
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer`);
}

const freePort = (): number => 18_000 + Math.floor(Math.random() * 2000);

/** nginx with one worker (Node serves from one thread) and gzip_static, serving the page from disk. */
async function startNginx(html: string): Promise<{ url: string; process: ChildProcess }> {
  const root = path.join(work, 'nginx');
  mkdirSync(path.join(root, 'logs'), { recursive: true });
  writeFileSync(path.join(root, 'article.html'), html);
  writeFileSync(path.join(root, 'article.html.gz'), gzipSync(html, { level: 9 }));
  const port = freePort();
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
  const child = startProcess(['nginx', '-c', conf, '-p', root]);
  const url = `http://127.0.0.1:${port}/article.html`;
  await waitFor(url, child);
  return { url, process: child };
}

interface ServedMemory {
  rssMb: number;
  heapUsedMb: number;
}

/** The serving process's memory, from its own /metrics (prom-client's process and heap gauges). */
async function memoryOf(base: string): Promise<ServedMemory> {
  const text = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }).then((response) =>
    response.text(),
  );
  const gauge = (name: string): number => {
    const value = new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1];
    if (value === undefined) throw new Error(`/metrics has no ${name}`);
    return Math.round(Number(value) / 1048576);
  };
  return { rssMb: gauge('wiredesk_process_resident_memory_bytes'), heapUsedMb: gauge('wiredesk_nodejs_heap_size_used_bytes') };
}

/**
 * `wiredesk serve` over the seeded archive with a config file, under wrk on `article`: its
 * requests per second, and its memory after the run.
 */
async function measureWiredesk(configFile: string, article: string): Promise<{ rps: number; memory: ServedMemory }> {
  const port = freePort();
  const child = startProcess(['node', CLI, 'serve', '--port', String(port)], { ...process.env, WIREDESK_CONFIG: configFile });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${base}${article}`, child);
    const rps = await wrk(`${base}${article}`);
    return { rps, memory: await memoryOf(base) };
  } finally {
    await stopProcess(child);
  }
}

/** Cold renders: distinct articles through an uncached server, in-process (no network in the figure). */
async function coldRenders(runtime: Runtime): Promise<number[]> {
  const { config } = runtime;
  const uncached = await buildServer({ ...runtime, config: { ...config, pageCache: { ...config.pageCache, maxBytes: 0 } } });
  const timings: number[] = [];
  for (let i = 0; i < renders; i++) {
    const id = 1 + Math.floor((i * storyCount) / renders);
    const url = storyPath({ id, section: config.sections[id % config.sections.length]?.slug ?? 'national', slug: `bench-story-${id}` });
    const started = performance.now();
    const response = await uncached.inject({ url });
    timings.push(performance.now() - started);
    if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}: ${response.body.slice(0, 500)}`);
  }
  await uncached.close();
  return timings.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const settings = {
    dataDir: work,
    demo: false,
    logLevel: 'warn',
    metricsToken: METRICS_TOKEN,
    // The digital e-paper's start-up compile (PDF work on the main thread, seconds of it) would land
    // inside a measurement and steal the server's core: it waits past the run. This bench measures pages.
    epaper: { digitalDelayMs: 3_600_000 },
    agencies: [{ id: 'bench', name: 'Bench Agency', byline: 'BA', priority: 100, indexingPolicy: 'index' }],
    // The rest of the feed's settings are the config schema's defaults.
    feeds: [{ id: 'bench-push', agency: 'bench', transport: 'push', defaultSection: 'national' }],
  };
  const cachedConfig = path.join(work, 'cached.json');
  const uncachedConfig = path.join(work, 'uncached.json');
  writeFileSync(cachedConfig, JSON.stringify(settings));
  writeFileSync(uncachedConfig, JSON.stringify({ ...settings, pageCache: { maxBytes: 0 } }));

  const runtime = await openRuntime(loadConfig({ env: {}, file: cachedConfig }), {
    log: pino({ level: process.env.BENCH_LOG ?? 'silent' }),
  });
  const seeded = performance.now();
  await seedArchive(runtime, storyCount);
  const seedSeconds = (performance.now() - seeded) / 1000;
  const timings = await coldRenders(runtime);
  const newest = await runtime.store.db.selectFrom('stories').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
  const article = storyPath(newest);
  const renderer = await buildServer(runtime);
  const html = (await renderer.inject({ url: article })).body;
  await renderer.close();
  // The servers below open the same database: this process lets go of it first.
  await runtime.close();

  const nginx = await startNginx(html);
  let nginxRps: number;
  try {
    nginxRps = await wrk(nginx.url);
  } finally {
    await stopProcess(nginx.process);
  }
  const cached = await measureWiredesk(cachedConfig, article);
  const uncached = await measureWiredesk(uncachedConfig, article);
  console.log(
    JSON.stringify(
      {
        stories: storyCount,
        seedSeconds: Math.round(seedSeconds),
        machine: { cpus: os.cpus().length, load: os.loadavg().map((load) => Math.round(load * 10) / 10) },
        pinning: pinning ? 'servers on cpu 0, wrk on cpu 1' : 'none (needs taskset and two cpus)',
        articleBytes: { html: Buffer.byteLength(html), gzip: gzipSync(html, { level: 9 }).length },
        warmCacheGzip: {
          wiredeskRps: Math.round(cached.rps),
          nginxGzipStaticRps: Math.round(nginxRps),
          ratio: Math.round((cached.rps / nginxRps) * 100) / 100,
        },
        pageCacheOffRps: Math.round(uncached.rps),
        coldRenderMs: {
          p50: Math.round(quantile(timings, 0.5) * 10) / 10,
          p99: Math.round(quantile(timings, 0.99) * 10) / 10,
          samples: renders,
        },
        memoryMb: { cacheOn: cached.memory, cacheOff: uncached.memory },
        connections: CONNECTIONS,
        seconds,
      },
      null,
      2,
    ),
  );
}

try {
  await main();
} finally {
  rmSync(work, { recursive: true, force: true });
}
