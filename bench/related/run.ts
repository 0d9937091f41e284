/**
 * Related-stories benchmark on SQLite: an archive of N generated stories (filled by fill.ts in a
 * child process, so this process holds only what the engine holds), then computing a story's
 * lists (first time, and again with its lists stored), a new story's arrival (index + its lists
 * + the recent lists it enters), the page view's read, and memory.
 *   npx tsx bench/related/run.ts --stories 100000 [--samples 1000] [--arrivals 200] [--per-side 50] [--keep]
 * Measures a copy of bench/out/related-<N>.db (filled first when missing; deleted afterwards
 * unless --keep, so a second run with --keep skips the fill) and prints one JSON report.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_ENGINE_OPTIONS, RelatedEngine } from '../../src/related/index.ts';
import { openStore } from '../../src/store/db.ts';
import { flag, option } from '../options.ts';
import { quantile } from '../stats.ts';
import { archiveFiles } from './files.ts';
import { ARCHIVE_END_MS, benchArchive, STORIES_PER_DAY } from './generate.ts';

const count = option('stories', 100_000);
const samples = option('samples', 1000);
const arrivals = option('arrivals', 200);
/** The engine's postings read per term and side of the story's time (its default unless given). */
const perSide = option('per-side', DEFAULT_ENGINE_OPTIONS.postingsPerSide);
const files = archiveFiles(count);

if (!existsSync(files.database) || !existsSync(files.report)) {
  const fill = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fill.ts');
  const child = spawnSync(process.execPath, [...process.execArgv, fill, '--stories', String(count), '--arrivals', String(arrivals)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`fill.ts failed (exit ${child.status})`);
}
const fill = JSON.parse(readFileSync(files.report, 'utf8')) as { arrivals: number };
if (fill.arrivals !== arrivals) throw new Error(`${files.database} was filled for --arrivals ${fill.arrivals}: pass that, or delete it`);

// The measurements change the archive (lists, arrivals): they run on a copy.
const working = files.database.replace(/\.db$/, '.run.db');
const removeWorking = (): void => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(working + suffix, { force: true });
};
removeWorking(); // a stale -wal beside a fresh copy would corrupt it
copyFileSync(files.database, working);

const endMs = ARCHIVE_END_MS + (arrivals / STORIES_PER_DAY) * 86_400_000;
const store = openStore(`sqlite:${working}`);
const engine = new RelatedEngine(store.db, { now: () => new Date(endMs), postingsPerSide: perSide });
const sample = Array.from({ length: samples }, (_, k) => 1 + Math.floor(((k + 0.5) / samples) * count));

interface Timing {
  wall: number[];
  cpu: number[];
  thread: number[];
}

const newTiming = (): Timing => ({ wall: [], cpu: [], thread: [] });

/**
 * Three clocks per operation, because the machine is shared. Wall time includes waiting for a
 * core. Process CPU time also counts V8's garbage-collector helper threads. Main-thread CPU
 * time (Linux's per-thread schedstat) is the work itself, SQLite included (it runs in-process
 * on this thread): what the wall time would be on an idle machine.
 */
async function timed(into: Timing, work: () => Promise<unknown>): Promise<void> {
  const thread = threadNanoseconds();
  const cpu = process.cpuUsage();
  const t = performance.now();
  await work();
  into.wall.push(performance.now() - t);
  const used = process.cpuUsage(cpu);
  into.cpu.push((used.user + used.system) / 1000);
  into.thread.push((threadNanoseconds() - thread) / 1e6);
}

function threadNanoseconds(): number {
  return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
}

const firstMs = newTiming();
for (const id of sample) await timed(firstMs, () => engine.refresh(id));
const againMs = newTiming();
for (const id of sample) await timed(againMs, () => engine.refresh(id));
const rssAfterCompute = process.memoryUsage().rss;

const data = benchArchive(count, arrivals);
const arrivalMs = newTiming();
for (let i = count; i < count + arrivals; i++) {
  const story = data.story(i);
  await timed(arrivalMs, () =>
    engine.handle({ type: 'published', storyId: story.id, sections: [story.section], cities: [], tags: [], at: story.at }),
  );
}

const readMs = newTiming();
for (let round = 0; round < 5; round++) {
  for (const id of sample) await timed(readMs, () => engine.listsFor({ id, section: '', headline: '' }));
}

// Quality at scale: the generator knows each story's event, so the lists can be checked.
const quality = { shown: 0, sameEvent: 0, siblings: 0, siblingsShown: 0, filledSlots: 0 };
for (const id of sample) {
  const story = data.story(id - 1);
  const lists = await engine.listsFor({ id, section: '', headline: '' });
  const cards = [...lists.sameSection, ...lists.across];
  const related = cards.filter((card) => !card.fill).map((card) => card.id);
  quality.filledSlots += cards.length - related.length;
  quality.shown += related.length;
  quality.sameEvent += related.filter((other) => data.story(other - 1).event === story.event).length;
  // An event's stories lie within a few events' worth of positions of each other (generate.ts).
  for (let other = Math.max(1, id - 30); other <= Math.min(count + arrivals, id + 30); other++) {
    if (other === id || data.story(other - 1).event !== story.event) continue;
    quality.siblings++;
    if (related.includes(other)) quality.siblingsShown++;
  }
}
await store.close();
removeWorking();
if (!flag('keep')) for (const file of [files.database, files.report]) rmSync(file, { force: true });

const report = {
  stories: count,
  postingsPerSide: perSide,
  fill,
  listComputationMs: { first: summary(firstMs), again: summary(againMs) },
  arrivalMs: summary(arrivalMs),
  pageViewReadMs: summary(readMs),
  quality: {
    /** Of the related stories shown (fills left out), the share about the story's own event. */
    precision: round(quality.sameEvent / quality.shown, 3),
    /** Of the other stories of the story's event, the share its lists show. */
    recall: round(quality.siblingsShown / quality.siblings, 3),
    relatedShownPerPage: round(quality.shown / samples),
    filledSlotsPerPage: round(quality.filledSlots / samples),
  },
  memoryMB: {
    rssAfterCompute: round(rssAfterCompute / 1e6),
    rssEnd: round(process.memoryUsage().rss / 1e6),
    heapUsed: round(process.memoryUsage().heapUsed / 1e6),
  },
  node: process.version,
  loadAverage: os.loadavg().map((value) => round(value)),
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);

function summary(timing: Timing) {
  const percentiles = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q: number): number => round(quantile(sorted, q), 3);
    return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) };
  };
  return { n: timing.wall.length, wall: percentiles(timing.wall), cpu: percentiles(timing.cpu), mainThreadCpu: percentiles(timing.thread) };
}

function round(value: number, digits = 1): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}
