/**
 * The bulk load behind bench/related/run.ts: writes a generated archive into a migrated SQLite
 * file as the publisher and the engine would have left it (stories, revisions, SimHash bands,
 * the term dictionary with document frequencies, index entries and postings), computed by the
 * engine's own functions (`analyse`, `featuresOf`, `docRow`, `postingRows`).
 *
 * Fast because it is a bulk load, not because it cuts corners: no journal and no syncing while
 * it runs (a failed fill is simply run again; the file is put back to WAL at the end), a 1 GB
 * page cache, prepared statements run in transactions of 10,000 stories, secondary indexes
 * dropped first and built once at the end, and the postings (the largest table, clustered on
 * (term, time)) written into an unindexed staging table and copied over in key order once.
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import SQLite from 'better-sqlite3';
import { bands, simhash, toHex } from '../../src/domain/simhash.ts';
import { analyse, featuresOf, type StorySource } from '../../src/related/features.ts';
import { docRow, postingRows, STORY_COUNT_KEY } from '../../src/related/repository.ts';
import { termCounts } from '../../src/related/terms.ts';
import { migrate, openStore } from '../../src/store/db.ts';
import { option } from '../options.ts';
import { archiveFiles, OUT } from './files.ts';
import { type Archive, benchArchive, type GeneratedStory } from './generate.ts';

export interface FillReport {
  seconds: number;
  /** Pass 1: every story's terms counted into the document frequencies. */
  countSeconds: number;
  /** Pass 2: stories, revisions, bands, index entries and staged postings written. */
  writeSeconds: number;
  /** Postings copied in key order, secondary indexes built, statistics gathered. */
  indexSeconds: number;
  terms: number;
  postings: number;
}

const STORIES_PER_TRANSACTION = 10_000;

/**
 * Fills `file` (already migrated, empty) with stories 0..indexed-1 of `data`, indexed, and
 * stories indexed..total-1 stored but not indexed (the engine indexes them when they "arrive").
 */
export function fillArchive(file: string, data: Archive, indexed: number, total: number, progress: (message: string) => void): FillReport {
  const started = performance.now();
  const db = new SQLite(file);
  // Out of WAL (where the migrations left it) first: SQLite refuses WAL -> OFF in one step, and
  // better-sqlite3 opens SQLite in defensive mode, which refuses OFF outside its unsafe mode.
  db.pragma('journal_mode = DELETE');
  db.unsafeMode(true);
  if (db.pragma('journal_mode = OFF', { simple: true }) !== 'off') throw new Error('could not turn the journal off');
  db.unsafeMode(false);
  db.pragma('synchronous = OFF');
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('cache_size = -1000000');
  const now = new Date().toISOString();

  const indexes = db
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('stories', 'revisions', 'story_bands', 'related_lists')",
    )
    .all() as { name: string; sql: string }[];
  for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);

  // Pass 1: document frequencies over the archive; ids in order of first use, as a live desk assigns them.
  const df = new Map<string, number>();
  for (let i = 0; i < indexed; i++) {
    for (const term of termCounts(sourceOf(data.story(i), null)).keys()) df.set(term, (df.get(term) ?? 0) + 1);
    if ((i + 1) % 100_000 === 0) progress(`  ${i + 1} stories counted`);
  }
  const ids = new Map<string, number>();
  for (const term of df.keys()) ids.set(term, ids.size + 1);
  const countSeconds = seconds(started);

  db.prepare(
    "INSERT INTO agencies (id, name, byline, disclaimer, priority, indexing_policy, created_at) VALUES ('bench', 'Bench', 'Bench', 'x', 100, 'index', ?)",
  ).run(now);
  const insertTerm = db.prepare('INSERT INTO related_terms (id, term, df) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const [term, id] of ids) insertTerm.run(id, term, df.get(term));
    insertTerm.run(ids.size + 1, STORY_COUNT_KEY, indexed);
  })();

  // Pass 2: everything else, story by story.
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
    `INSERT INTO related_docs (story_id, revision_id, section, at, simhash, vector, pending_terms, entities, headline_terms, term_counts, indexed_at)
     VALUES (@story_id, @revision_id, @section, @at, @simhash, @vector, @pending_terms, @entities, @headline_terms, @term_counts, @indexed_at)`,
  );
  db.exec('CREATE TEMP TABLE staged_postings (term_id INTEGER, at INTEGER, story_id INTEGER, weight REAL)');
  const stagePosting = db.prepare('INSERT INTO staged_postings (term_id, at, story_id, weight) VALUES (?, ?, ?, ?)');

  const writeStory = (story: GeneratedStory, index: boolean): void => {
    const hash = simhash(story.body);
    const source = sourceOf(story, toHex(hash));
    const teaser = story.body.slice(0, 160);
    // Zero-padded so the unique (agency, guid) key grows in order, as the ids do.
    const guid = `g${String(story.id).padStart(8, '0')}`;
    insertStory.run(
      story.id,
      guid,
      `s${story.id}`,
      story.section,
      story.place.toLowerCase(),
      story.headline,
      teaser,
      story.id,
      story.at,
      story.at,
      source.simhash,
      story.at,
    );
    insertRevision.run(story.id, story.id, story.at, story.headline, teaser, story.body, `t${story.id}`, `c${story.id}`, story.place);
    for (const band of bands(hash)) insertBand.run(band, story.id, story.at);
    if (!index) return;
    const text = analyse(source);
    const features = featuresOf(source, text, df, indexed);
    insertDoc.run(docRow({ revisionId: story.id, counts: text.counts, features }, now));
    for (const row of postingRows(features, ids)) stagePosting.run(row.term_id, row.at, row.story_id, row.weight);
  };

  const writeStarted = performance.now();
  for (let from = 0; from < total; from += STORIES_PER_TRANSACTION) {
    db.transaction(() => {
      for (let i = from; i < Math.min(total, from + STORIES_PER_TRANSACTION); i++) writeStory(data.story(i), i < indexed);
    })();
    if ((from + STORIES_PER_TRANSACTION) % 100_000 === 0) progress(`  ${from + STORIES_PER_TRANSACTION} stories written`);
  }
  const writeSeconds = seconds(writeStarted);

  const indexStarted = performance.now();
  db.exec(
    'INSERT INTO related_postings (term_id, at, story_id, weight) SELECT term_id, at, story_id, weight FROM staged_postings ORDER BY term_id, at, story_id',
  );
  const postings = (db.prepare('SELECT count(*) AS n FROM staged_postings').get() as { n: number }).n;
  db.exec('DROP TABLE staged_postings');
  for (const index of indexes) db.exec(index.sql);
  db.exec('ANALYZE');
  db.pragma('locking_mode = NORMAL');
  db.pragma('journal_mode = WAL');
  db.close();
  return {
    seconds: seconds(started),
    countSeconds,
    writeSeconds,
    indexSeconds: seconds(indexStarted),
    terms: ids.size,
    postings,
  };
}

function sourceOf(story: GeneratedStory, simhashHex: string | null): StorySource {
  return {
    storyId: story.id,
    section: story.section,
    at: Math.floor(Date.parse(story.at) / 60_000),
    simhash: simhashHex,
    headline: story.headline,
    body: story.body,
    place: story.place,
    keywords: [],
    language: 'en',
  };
}

function seconds(since: number): number {
  return Math.round((performance.now() - since) / 100) / 10;
}

/**
 *   npx tsx bench/related/fill.ts --stories 1000000 [--arrivals 200]
 * Creates bench/out/related-<N>.db through the real migrations, fills it, and writes the fill's
 * report to bench/out/related-<N>.fill.json (run.ts does this itself when the file is missing).
 */
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const stories = option('stories', 100_000);
  const arrivals = option('arrivals', 200);
  const files = archiveFiles(stories);
  mkdirSync(OUT, { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(files.database + suffix, { force: true });
  const store = openStore(`sqlite:${files.database}`);
  await migrate(store);
  await store.close();
  const report = {
    stories,
    arrivals,
    ...fillArchive(files.database, benchArchive(stories, arrivals), stories, stories + arrivals, (line) =>
      process.stderr.write(`${line}\n`),
    ),
    databaseMB: Math.round(statSync(files.database).size / 1e5) / 10,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1e3),
    loadAverage: os.loadavg().map((value) => Math.round(value * 10) / 10),
  };
  writeFileSync(files.report, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(report)}\n`);
}
