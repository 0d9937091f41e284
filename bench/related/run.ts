/**
 * Related-stories benchmark on SQLite: fill an archive of N generated stories, then measure
 * computing a story's lists (p50/p99), a new story's arrival (index + its lists + the recent
 * lists it enters), the page view's read, and memory.
 *   npx tsx bench/related/run.ts --stories 100000 [--samples 1000] [--keep]
 * Writes bench/out/related-<N>.db (deleted unless --keep) and prints one JSON report.
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { bands, simhash, toHex } from '../../src/ingest/simhash.ts';
import { featuresOf } from '../../src/related/features.ts';
import { RelatedEngine } from '../../src/related/index.ts';
import { STORY_COUNT_KEY } from '../../src/related/repository.ts';
import { termCounts } from '../../src/related/terms.ts';
import { migrate, openStore } from '../../src/store/db.ts';
import { archive, type GeneratedStory } from './generate.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(`--${name}`);
  const value = at >= 0 ? Number(args[at + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} expects a positive whole number`);
  return value;
};
const count = option('stories', 100_000);
const samples = option('samples', 1000);
const arrivals = option('arrivals', 200);

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'out');
mkdirSync(out, { recursive: true });
const file = path.join(out, `related-${count}.db`);
for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });

const endMs = Date.parse('2026-11-29T00:00:00.000Z');
const total = count + arrivals;
const data = archive(total, endMs + (arrivals / 1400) * 86_400_000);
const minute = (iso: string): number => Math.floor(Date.parse(iso) / 60_000);

// Schema through the real migrations.
const schemaStore = openStore(`sqlite:${file}`);
await migrate(schemaStore);
await schemaStore.close();

const started = performance.now();
const db = new SQLite(file);
// The bulk load needs no crash safety: a failed fill is simply run again.
db.pragma('journal_mode = DELETE');
db.pragma('journal_mode = OFF');
db.pragma('synchronous = OFF');
db.pragma('cache_size = -1000000');
const now = new Date(endMs).toISOString();
db.prepare(
  "INSERT INTO agencies (id, name, byline, disclaimer, priority, indexing_policy, created_at) VALUES ('bench', 'Bench', 'Bench', 'x', 100, 'index', ?)",
).run(now);

// Pass 1: document frequencies over the archive (the engine keeps them incrementally; a bulk load counts them once).
const df = new Map<string, number>();
for (let i = 0; i < count; i++) for (const term of termCounts(sourceOf(data.story(i))).keys()) df.set(term, (df.get(term) ?? 0) + 1);
const dfSeconds = (performance.now() - started) / 1000;

// Pass 2: stories, revisions, features and postings.
const insertStory = db.prepare(
  `INSERT INTO stories (id, agency_id, guid, slug, section, city, status, headline, teaser, language, current_revision_id, first_published_at, updated_at, simhash, created_at)
   VALUES (?, 'bench', ?, ?, ?, ?, 'published', ?, ?, 'en', ?, ?, ?, ?, ?)`,
);
const insertRevision = db.prepare(
  `INSERT INTO revisions (id, story_id, received_at, signal, pubstatus, headline, teaser, body_html, body_text, text_hash, content_hash, subjects, keywords, language, place, media, raw)
   VALUES (?, ?, ?, 'new', 'usable', ?, ?, '', ?, ?, ?, '[]', '[]', 'en', ?, '[]', '')`,
);
const insertBand = db.prepare('INSERT INTO story_bands (band, story_id, created_at) VALUES (?, ?, ?)');
const insertDoc = db.prepare(
  'INSERT INTO related_docs (story_id, revision_id, section, at, simhash, vector, pending_terms, entities, headline_terms, indexed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
);
const insertPosting = db.prepare('INSERT INTO related_postings (term, at, story_id, weight) VALUES (?, ?, ?, ?)');
const insertDf = db.prepare('INSERT INTO related_df (term, df) VALUES (?, ?)');

function writeStory(story: GeneratedStory, withIndex: boolean): void {
  const hash = simhash(story.body);
  const teaser = story.body.slice(0, 160);
  insertStory.run(
    story.id,
    `g${story.id}`,
    `s${story.id}`,
    story.section,
    story.place.toLowerCase(),
    story.headline,
    teaser,
    story.id,
    story.at,
    story.at,
    toHex(hash),
    story.at,
  );
  insertRevision.run(story.id, story.id, story.at, story.headline, teaser, story.body, `t${story.id}`, `c${story.id}`, story.place);
  for (const band of bands(hash)) insertBand.run(band, story.id, story.at);
  if (!withIndex) return;
  const source = sourceOf(story);
  const features = featuresOf(source, termCounts(source), df, count);
  insertDoc.run(
    story.id,
    story.id,
    story.section,
    features.at,
    features.simhash,
    JSON.stringify([...features.vector].map(([term, weight]) => [term, Math.round(weight * 1e5) / 1e5])),
    JSON.stringify(features.pending),
    JSON.stringify(features.entities),
    JSON.stringify(features.headlineTerms),
    now,
  );
  for (const [term, weight] of features.vector) insertPosting.run(term, features.at, story.id, weight);
  for (const term of features.pending) insertPosting.run(term, features.at, story.id, 0);
}

const BATCH = 5000;
for (let i = 0; i < count; i += BATCH) {
  db.transaction(() => {
    for (let j = i; j < Math.min(count, i + BATCH); j++) writeStory(data.story(j), true);
  })();
  if (i % 100_000 === 0 && i > 0) process.stderr.write(`  ${i} stories written\n`);
}
db.transaction(() => {
  for (const [term, frequency] of df) insertDf.run(term, frequency);
  insertDf.run(STORY_COUNT_KEY, count);
})();
// The arrivals are stored like any new story; the engine indexes them from their publish event below.
db.transaction(() => {
  for (let i = count; i < total; i++) writeStory(data.story(i), false);
})();
db.pragma('journal_mode = WAL');
db.exec('ANALYZE');
db.close();
const fillSeconds = (performance.now() - started) / 1000;
process.stderr.write(`filled ${count} stories in ${fillSeconds.toFixed(0)} s\n`);

// Measurements through the engine, on the store as the site opens it.
const store = openStore(`sqlite:${file}`);
const engine = new RelatedEngine(store.db, { now: () => new Date(endMs + (arrivals / 1400) * 86_400_000) });
const sample = Array.from({ length: samples }, (_, k) => 1 + Math.floor(((k + 0.5) / samples) * count));

/**
 * Wall time and this process's CPU time of one operation. On a shared machine the wall time
 * includes waiting for a core; the CPU time (SQLite runs in-process) is what the work costs.
 */
const computeMs: Timing = { wall: [], cpu: [] };
async function timed(into: Timing, work: () => Promise<unknown>): Promise<void> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  await work();
  into.wall.push(performance.now() - t);
  const used = process.cpuUsage(cpu);
  into.cpu.push((used.user + used.system) / 1000);
}
for (const id of sample) await timed(computeMs, () => engine.refresh(id));
const rssAfterCompute = process.memoryUsage().rss;
process.stderr.write('list computation measured\n');

const arrivalMs: Timing = { wall: [], cpu: [] };
for (let i = count; i < total; i++) {
  const story = data.story(i);
  await timed(arrivalMs, () =>
    engine.handle({ type: 'published', storyId: story.id, sections: [story.section], cities: [], tags: [], at: story.at }),
  );
}

const readMs: Timing = { wall: [], cpu: [] };
let shown = 0;
for (let round = 0; round < 5; round++) {
  for (const id of sample) {
    await timed(readMs, async () => {
      const lists = await engine.listsFor({ id, section: '', headline: '' });
      shown += lists.across.length + lists.sameSection.length;
    });
  }
}
const filled = await store.db
  .selectFrom('related_lists')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .where('fill', '=', 1)
  .executeTakeFirst();
const postings = await store.db
  .selectFrom('related_postings')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .executeTakeFirst();
await store.close();

const report = {
  stories: count,
  fill: {
    seconds: round(fillSeconds),
    dfPassSeconds: round(dfSeconds),
    postings: Number(postings?.n ?? 0),
    databaseMB: round(statSync(file).size / 1e6),
  },
  listComputationMs: summary(computeMs),
  arrivalMs: summary(arrivalMs),
  pageViewReadMs: summary(readMs),
  averageShownPerPage: round(shown / readMs.wall.length),
  filledSlots: Number(filled?.n ?? 0),
  memoryMB: {
    rssAfterCompute: round(rssAfterCompute / 1e6),
    rssEnd: round(process.memoryUsage().rss / 1e6),
    heapUsed: round(process.memoryUsage().heapUsed / 1e6),
  },
  node: process.version,
  loadAverage: os.loadavg().map((value) => round(value)),
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
if (!args.includes('--keep')) for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });

function sourceOf(story: GeneratedStory) {
  return {
    storyId: story.id,
    section: story.section,
    at: minute(story.at),
    simhash: toHex(simhash(story.body)),
    headline: story.headline,
    body: story.body,
    place: story.place,
    keywords: [],
    language: 'en',
  };
}

interface Timing {
  wall: number[];
  cpu: number[];
}

function summary(timing: Timing) {
  const percentiles = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q: number): number => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0, 3);
    return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) };
  };
  return { n: timing.wall.length, wall: percentiles(timing.wall), cpu: percentiles(timing.cpu) };
}

function round(value: number, digits = 1): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}
