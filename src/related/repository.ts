import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { Database, RelatedDocTable, RelatedPostingTable } from '../store/index.ts';
import { lockFor, preparedQuery } from '../store/index.ts';
import type { StoryFeatures, StoryPlace, StorySource } from './features.ts';
import type { TermVector } from './terms.ts';
import { RELATED_CARD_COLUMNS, type RelatedCard } from './types.ts';

/**
 * Every query of the related engine, in one place. Computing a story's lists costs a fixed
 * handful of indexed statements whatever the archive's size: the story and its index entry in
 * one, its candidates with their features in one, its lists in two.
 */

export type Db = Kysely<Database> | Transaction<Database>;

/** The reserved `related_terms` key holding N, the number of indexed stories (terms never contain `#`). */
export const STORY_COUNT_KEY = '#stories';

const BATCH = 400;

function chunks<T>(items: readonly T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Runs `query` on each batch of `items` (see `chunks`), one after another, and gathers the rows. */
async function inBatches<T, Row>(items: readonly T[], query: (batch: T[]) => Promise<Row[]>): Promise<Row[]> {
  const rows: Row[] = [];
  for (const batch of chunks(items)) rows.push(...(await query(batch)));
  return rows;
}

/**
 * An IN list padded (with its last value) to a few fixed lengths: the store keeps prepared
 * statements by their text, and a list of every length from 1 to 400 would be 400 statements.
 */
function padded<T>(items: readonly T[]): T[] {
  let size = 8;
  while (size < items.length) size *= 2;
  const last = items.at(-1);
  if (last === undefined || size > BATCH) return [...items];
  return [...items, ...Array.from({ length: size - items.length }, () => last)];
}

export function minuteOf(iso: string): number {
  return Math.floor(Date.parse(iso) / 60_000);
}

/** A story as the index sees it: where it sits, whether it is shown, which revision is current. */
export interface StoryState extends StoryPlace {
  status: string;
  revisionId: number | null;
}

/** What the index holds for a story. `counts` is null for stories indexed before migration 0011. */
export interface IndexedDoc {
  revisionId: number;
  counts: Map<string, number> | null;
  features: StoryFeatures;
}

/** A story and its index entry, in one indexed read: all a refresh of an unchanged story needs. */
export async function loadState(db: Db, storyId: number): Promise<{ story: StoryState; doc: IndexedDoc | undefined } | null> {
  const row = await db
    .selectFrom('stories')
    .leftJoin('related_docs', 'related_docs.story_id', 'stories.id')
    .select([
      'stories.id',
      'stories.status',
      'stories.current_revision_id',
      'stories.section as story_section',
      'stories.first_published_at',
      'stories.updated_at',
      'stories.simhash as story_simhash',
      'related_docs.revision_id',
      'related_docs.section',
      'related_docs.at',
      'related_docs.simhash',
      'related_docs.vector',
      'related_docs.pending_terms',
      'related_docs.entities',
      'related_docs.headline_terms',
      'related_docs.term_counts',
    ])
    .where('stories.id', '=', storyId)
    .executeTakeFirst();
  if (row === undefined) return null;
  const story: StoryState = {
    storyId: row.id,
    status: row.status,
    revisionId: row.current_revision_id,
    section: row.story_section,
    at: minuteOf(row.first_published_at ?? row.updated_at),
    simhash: row.story_simhash,
  };
  if (row.revision_id === null || row.section === null || row.at === null || row.vector === null) return { story, doc: undefined };
  const doc: IndexedDoc = {
    revisionId: row.revision_id,
    counts: row.term_counts === null ? null : new Map(JSON.parse(row.term_counts) as [string, number][]),
    features: {
      storyId: row.id,
      section: row.section,
      at: row.at,
      simhash: row.simhash,
      vector: new Map(JSON.parse(row.vector) as [string, number][]),
      pending: JSON.parse(row.pending_terms ?? '[]') as string[],
      entities: JSON.parse(row.entities ?? '[]') as string[],
      headlineTerms: JSON.parse(row.headline_terms ?? '[]') as string[],
    },
  };
  return { story, doc };
}

type FeatureColumns = Pick<RelatedDocTable, 'story_id' | 'section' | 'at' | 'simhash' | 'vector' | 'entities' | 'headline_terms'>;

/**
 * A stored story's features as ranking needs them (pending terms are never compared). The vector
 * is parsed on first use: of a story's ~100 candidates only those reaching the lists are compared
 * by vector (the store sums the cosine with the story), and parsing was a fifth of a refresh.
 */
function featuresOfRow(row: FeatureColumns): StoryFeatures {
  let vector: TermVector | undefined;
  return {
    storyId: row.story_id,
    section: row.section,
    at: row.at,
    simhash: row.simhash,
    get vector(): TermVector {
      vector ??= new Map(JSON.parse(row.vector) as [string, number][]);
      return vector;
    },
    pending: [],
    entities: JSON.parse(row.entities) as string[],
    headlineTerms: JSON.parse(row.headline_terms) as string[],
  };
}

/** The text of one revision of a story, with the story's place. */
export async function loadStory(db: Db, story: StoryPlace, revisionId: number): Promise<StorySource | null> {
  const row = await db
    .selectFrom('revisions')
    .innerJoin('stories', 'stories.id', 'revisions.story_id')
    .select([
      'revisions.headline',
      'revisions.body_text',
      'revisions.place',
      'revisions.keywords',
      'revisions.language',
      'stories.language as story_language',
    ])
    .where('revisions.id', '=', revisionId)
    .where('revisions.story_id', '=', story.storyId)
    .executeTakeFirst();
  if (row === undefined) return null;
  return {
    storyId: story.storyId,
    section: story.section,
    at: story.at,
    simhash: story.simhash,
    headline: row.headline,
    body: row.body_text,
    place: row.place,
    keywords: parseStringList(row.keywords),
    language: row.language ?? row.story_language,
  };
}

function parseStringList(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

export interface TermRow {
  id: number;
  term: string;
  df: number;
}

export async function readTerms(db: Db, terms: readonly string[]): Promise<TermRow[]> {
  return inBatches(terms, (batch) =>
    db.selectFrom('related_terms').select(['id', 'term', 'df']).where('term', 'in', padded(batch)).execute(),
  );
}

/** New terms into the dictionary with frequency `df` (added to, when another writer inserted one meanwhile). */
export async function addTerms(db: Db, terms: readonly string[], df: number): Promise<TermRow[]> {
  return inBatches(terms, (batch) =>
    db
      .insertInto('related_terms')
      .values(batch.map((term) => ({ term, df })))
      .onConflict((oc) => oc.column('term').doUpdateSet((eb) => ({ df: eb('related_terms.df', '+', eb.ref('excluded.df')) })))
      .returning(['id', 'term', 'df'])
      .execute(),
  );
}

/** Adds `delta` to the frequencies of dictionary terms; returns them as changed. */
export async function changeFrequencies(db: Db, ids: readonly number[], delta: number): Promise<TermRow[]> {
  return inBatches(ids, (batch) =>
    db
      .updateTable('related_terms')
      .set((eb) => ({ df: eb('df', '+', delta) }))
      .where('id', 'in', padded(batch))
      .returning(['id', 'term', 'df'])
      .execute(),
  );
}

/** The terms a story is posted under: its vector's, and its pending terms with weight 0. */
export function postedTerms(features: StoryFeatures): [string, number][] {
  return [...features.vector, ...features.pending.map((term) => [term, 0] as [string, number])];
}

/** The `related_docs` row of a story (the bulk load of bench/related writes the same rows). */
export function docRow(doc: IndexedDoc, now: string): RelatedDocTable {
  const { features } = doc;
  return {
    story_id: features.storyId,
    revision_id: doc.revisionId,
    section: features.section,
    at: features.at,
    simhash: features.simhash,
    vector: JSON.stringify([...features.vector].map(([term, weight]) => [term, Math.round(weight * 1e5) / 1e5])),
    pending_terms: JSON.stringify(features.pending),
    entities: JSON.stringify(features.entities),
    headline_terms: JSON.stringify(features.headlineTerms),
    term_counts: doc.counts === null ? null : JSON.stringify([...doc.counts]),
    indexed_at: now,
  };
}

/** A story's postings, given the dictionary ids of its terms. */
export function postingRows(features: StoryFeatures, ids: ReadonlyMap<string, number | null>): RelatedPostingTable[] {
  const rows: RelatedPostingTable[] = [];
  for (const [term, weight] of postedTerms(features)) {
    const id = ids.get(term);
    if (id !== undefined && id !== null) rows.push({ term_id: id, at: features.at, story_id: features.storyId, weight });
  }
  return rows;
}

/** Writes a story's index entry and its postings, replacing what was there. `ids`: dictionary ids of the old and new terms. */
export async function saveDoc(
  db: Db,
  doc: IndexedDoc,
  previous: IndexedDoc | undefined,
  ids: ReadonlyMap<string, number | null>,
  now: string,
): Promise<void> {
  if (previous !== undefined) await deletePostings(db, previous.features, ids);
  const { story_id, ...values } = docRow(doc, now);
  await db
    .insertInto('related_docs')
    .values({ story_id, ...values })
    .onConflict((oc) => oc.column('story_id').doUpdateSet(values))
    .execute();
  const postings = postingRows(doc.features, ids);
  if (postings.length > 0) {
    await db
      .insertInto('related_postings')
      .values(postings)
      // Two first views of an unindexed story (or two nodes) may index it at once: the later write wins.
      .onConflict((oc) => oc.columns(['term_id', 'at', 'story_id']).doUpdateSet((eb) => ({ weight: eb.ref('excluded.weight') })))
      .execute();
  }
}

export async function deleteDoc(db: Db, doc: IndexedDoc, ids: ReadonlyMap<string, number | null>): Promise<void> {
  await deletePostings(db, doc.features, ids);
  await db.deleteFrom('related_docs').where('story_id', '=', doc.features.storyId).execute();
}

async function deletePostings(db: Db, features: StoryFeatures, ids: ReadonlyMap<string, number | null>): Promise<void> {
  const termIds = postingRows(features, ids).map((row) => row.term_id);
  if (termIds.length === 0) return;
  await db
    .deleteFrom('related_postings')
    .where('term_id', 'in', padded(termIds))
    .where('at', '=', features.at)
    .where('story_id', '=', features.storyId)
    .execute();
}

/**
 * Per term, the postings nearest in time to `at` within ±windowMinutes: `perSide` at or after it
 * and `perSide` before it, each a range scan on the (term_id, at) key. Bounding each term keeps a
 * common term (under the 5% cap but in thousands of stories) from flooding the candidates;
 * nearest-in-time is what the recency decay prefers.
 */
function nearest(termId: number, at: number, windowMinutes: number, perSide: number, select: RawBuilder<unknown>): RawBuilder<unknown>[] {
  return [
    sql`SELECT * FROM (SELECT ${select} FROM related_postings WHERE term_id = ${termId} AND at >= ${at} AND at <= ${at + windowMinutes} ORDER BY at LIMIT ${perSide}) AS p`,
    sql`SELECT * FROM (SELECT ${select} FROM related_postings WHERE term_id = ${termId} AND at < ${at} AND at >= ${at - windowMinutes} ORDER BY at DESC LIMIT ${perSide}) AS p`,
  ];
}

/** SQLite allows at most 500 SELECTs in one compound statement; each term takes two. */
const TERMS_PER_QUERY = 200;

export interface CandidateQuery {
  /** The story's terms as [dictionary id, weight], heaviest first. */
  terms: readonly (readonly [number, number])[];
  at: number;
  windowMinutes: number;
  perSide: number;
  /** The story itself. */
  exclude: number;
  limit: number;
}

export interface Candidate {
  features: StoryFeatures;
  /** The dot product of the two vectors over the postings read: their TF-IDF cosine. */
  dot: number;
}

/**
 * The stories sharing the most weight with a story, best first, with everything ranking needs:
 * one statement. The sum is taken in the store, so ~1,000 postings become `limit` rows. Terms
 * past the first 200 are not used.
 */
export async function candidatesNear(db: Db, query: CandidateQuery): Promise<Candidate[]> {
  const { at, windowMinutes, perSide } = query;
  const parts = query.terms
    .slice(0, TERMS_PER_QUERY)
    .flatMap(([termId, weight]) =>
      nearest(termId, at, windowMinutes, perSide, sql`story_id, weight * CAST(${weight} AS double precision) AS part`),
    );
  if (parts.length === 0) return [];
  const result = await sql<FeatureColumns & { dot: number }>`
    SELECT c.dot, d.story_id, d.section, d.at, d.simhash, d.vector, d.entities, d.headline_terms
    FROM (
      SELECT story_id, SUM(part) AS dot FROM (${sql.join(parts, sql` UNION ALL `)}) AS shared
      WHERE story_id <> ${query.exclude}
      GROUP BY story_id ORDER BY dot DESC, story_id LIMIT ${query.limit}
    ) AS c
    JOIN related_docs AS d ON d.story_id = c.story_id`.execute(db);
  return result.rows.map((row) => ({ features: featuresOfRow(row), dot: row.dot }));
}

/** The stories posted under any of the terms near `at` (the holders of a term that just became shared). */
export async function storiesPostedUnder(
  db: Db,
  termIds: readonly number[],
  at: number,
  windowMinutes: number,
  perSide: number,
): Promise<number[]> {
  const ids = new Set<number>();
  for (const batch of chunks(termIds, TERMS_PER_QUERY)) {
    const parts = batch.flatMap((termId) => nearest(termId, at, windowMinutes, perSide, sql`story_id`));
    const result = await sql<{ story_id: number }>`${sql.join(parts, sql` UNION ALL `)}`.execute(db);
    for (const row of result.rows) ids.add(row.story_id);
  }
  return [...ids];
}

export interface ListRow {
  list: 'same' | 'across';
  rank: number;
  relatedId: number;
  score: number;
  fill: boolean;
}

/**
 * Stores a story's lists; returns whether they changed. Unchanged lists (the usual refresh)
 * only get their time moved on, which writes one page instead of two indexes' worth.
 */
export async function saveLists(db: Db, storyId: number, rows: readonly ListRow[], now: string): Promise<boolean> {
  // Two nodes computing the same story's lists at once (its first views) would both insert them.
  await lockFor(db, `wiredesk-related-lists:${storyId}`);
  const stored = await db
    .selectFrom('related_lists')
    .select(['list', 'rank', 'related_id', 'fill'])
    .where('story_id', '=', storyId)
    .orderBy('list')
    .orderBy('rank')
    .execute();
  const wanted = [...rows].sort((a, b) => (a.list < b.list ? -1 : a.list > b.list ? 1 : a.rank - b.rank));
  const same =
    stored.length === wanted.length &&
    stored.every((row, index) => {
      const other = wanted[index];
      return (
        other !== undefined &&
        row.list === other.list &&
        row.rank === other.rank &&
        row.related_id === other.relatedId &&
        row.fill === (other.fill ? 1 : 0)
      );
    });
  if (same) {
    if (stored.length > 0) await db.updateTable('related_lists').set({ computed_at: now }).where('story_id', '=', storyId).execute();
    return false;
  }
  await db.deleteFrom('related_lists').where('story_id', '=', storyId).execute();
  if (rows.length === 0) return true;
  await db
    .insertInto('related_lists')
    .values(
      rows.map((row) => ({
        story_id: storyId,
        list: row.list,
        rank: row.rank,
        related_id: row.relatedId,
        score: row.score,
        fill: row.fill ? 1 : 0,
        computed_at: now,
      })),
    )
    .execute();
  return true;
}

export type StoredCard = Omit<RelatedCard, 'fill'> & { list: string; fill: number; computed_at: string };

/**
 * The page view's one read: both lists with their cards, published stories only. Compiled once
 * (every view runs it), and only the columns a card shows: each more column was another
 * value per card for SQLite to hand over.
 */
export const readLists: (db: Db, storyId: number) => Promise<StoredCard[]> = preparedQuery((db: Db, storyId: number) =>
  db
    .selectFrom('related_lists')
    .innerJoin('stories', 'stories.id', 'related_lists.related_id')
    .select(RELATED_CARD_COLUMNS.map((column) => `stories.${column}` as const))
    .select(['related_lists.list', 'related_lists.fill', 'related_lists.computed_at'])
    .where('related_lists.story_id', '=', storyId)
    .where('stories.status', '=', 'published')
    .orderBy('related_lists.list')
    .orderBy('related_lists.rank'),
);

/** Stories whose lists show `storyId`, with their time. */
export async function listsShowing(db: Db, storyId: number): Promise<{ storyId: number; at: number | null }[]> {
  const rows = await db
    .selectFrom('related_lists')
    .leftJoin('related_docs', 'related_docs.story_id', 'related_lists.story_id')
    .select(['related_lists.story_id', 'related_docs.at'])
    .distinct()
    .where('related_lists.related_id', '=', storyId)
    .execute();
  return rows.map((row) => ({ storyId: row.story_id, at: row.at }));
}

/** Removes a story from every list at once, and its own lists. */
export async function deleteFromLists(db: Db, storyId: number): Promise<void> {
  await db.deleteFrom('related_lists').where('related_id', '=', storyId).execute();
  await db.deleteFrom('related_lists').where('story_id', '=', storyId).execute();
}

/** Marks lists for refresh at their next view (an older story's list lost an entry). */
export async function markStale(db: Db, storyIds: readonly number[]): Promise<void> {
  for (const batch of chunks(storyIds)) {
    await db.updateTable('related_lists').set({ computed_at: '1970-01-01T00:00:00.000Z' }).where('story_id', 'in', padded(batch)).execute();
  }
}

/** The latest published stories of a section (or of every other section), to fill a short list. */
export async function latestStories(
  db: Db,
  scope: { section: string; same: boolean },
  excludeIds: readonly number[],
  limit: number,
): Promise<{ id: number; simhash: string | null }[]> {
  let query = db.selectFrom('stories').select(['id', 'simhash']).where('status', '=', 'published');
  query = query.where('section', scope.same ? '=' : '!=', scope.section);
  if (excludeIds.length > 0) query = query.where('id', 'not in', padded(excludeIds));
  return query.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}
