import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../store/schema.ts';
import { STORY_CARD_COLUMNS, type StoryCard } from '../store/story-card.ts';
import type { StoryFeatures, StorySource } from './features.ts';

/**
 * Every query of the related engine, in one place. Term-keyed reads are batched (one statement
 * per step), so computing a story's lists costs a handful of indexed statements whatever the
 * archive's size.
 */

type Db = Kysely<Database> | Transaction<Database>;

/** The reserved `related_df` key holding N, the number of indexed stories (terms never contain `#`). */
export const STORY_COUNT_KEY = '#stories';

const BATCH = 400;

function chunks<T>(items: readonly T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function minuteOf(iso: string): number {
  return Math.floor(Date.parse(iso) / 60_000);
}

export interface StoredStory extends StorySource {
  status: string;
  revisionId: number;
}

/** A story and the text of one of its revisions (the current one by default). */
export async function loadStory(db: Db, storyId: number, revisionId?: number): Promise<StoredStory | null> {
  const row = await db
    .selectFrom('stories')
    .innerJoin('revisions', (join) =>
      revisionId === undefined
        ? join.onRef('revisions.id', '=', 'stories.current_revision_id')
        : join.onRef('revisions.story_id', '=', 'stories.id').on('revisions.id', '=', revisionId),
    )
    .select([
      'stories.id',
      'stories.status',
      'stories.section',
      'stories.first_published_at',
      'stories.updated_at',
      'stories.simhash',
      'stories.language',
      'revisions.id as revision_id',
      'revisions.headline',
      'revisions.body_text',
      'revisions.place',
      'revisions.keywords',
      'revisions.language as revision_language',
    ])
    .where('stories.id', '=', storyId)
    .executeTakeFirst();
  if (row === undefined) return null;
  return {
    storyId: row.id,
    status: row.status,
    revisionId: row.revision_id,
    section: row.section,
    at: minuteOf(row.first_published_at ?? row.updated_at),
    simhash: row.simhash,
    headline: row.headline,
    body: row.body_text,
    place: row.place,
    keywords: parseStringList(row.keywords),
    language: row.revision_language ?? row.language,
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

/** Document frequencies of the given terms and N, the number of indexed stories. */
export async function documentFrequencies(db: Db, terms: Iterable<string>): Promise<{ df: Map<string, number>; stories: number }> {
  const df = new Map<string, number>();
  for (const batch of chunks([STORY_COUNT_KEY, ...terms])) {
    const rows = await db.selectFrom('related_df').select(['term', 'df']).where('term', 'in', batch).execute();
    for (const row of rows) df.set(row.term, row.df);
  }
  const stories = df.get(STORY_COUNT_KEY) ?? 0;
  df.delete(STORY_COUNT_KEY);
  return { df, stories };
}

/** Adds (delta 1) or removes (delta -1) one story's distinct terms from the frequencies. */
export async function adjustFrequencies(db: Db, terms: Iterable<string>, delta: 1 | -1): Promise<void> {
  for (const batch of chunks([STORY_COUNT_KEY, ...terms])) {
    await db
      .insertInto('related_df')
      .values(batch.map((term) => ({ term, df: delta })))
      .onConflict((oc) => oc.column('term').doUpdateSet((eb) => ({ df: eb('related_df.df', '+', eb.ref('excluded.df')) })))
      .execute();
    if (delta < 0) await db.deleteFrom('related_df').where('term', 'in', batch).where('df', '<=', 0).execute();
  }
}

export interface IndexedDoc {
  revisionId: number;
  features: StoryFeatures;
}

export async function loadDocs(db: Db, storyIds: readonly number[]): Promise<Map<number, IndexedDoc>> {
  const docs = new Map<number, IndexedDoc>();
  for (const batch of chunks(storyIds)) {
    const rows = await db.selectFrom('related_docs').selectAll().where('story_id', 'in', batch).execute();
    for (const row of rows) {
      docs.set(row.story_id, {
        revisionId: row.revision_id,
        features: {
          storyId: row.story_id,
          section: row.section,
          at: row.at,
          simhash: row.simhash,
          vector: new Map(JSON.parse(row.vector) as [string, number][]),
          pending: JSON.parse(row.pending_terms) as string[],
          entities: JSON.parse(row.entities) as string[],
          headlineTerms: JSON.parse(row.headline_terms) as string[],
        },
      });
    }
  }
  return docs;
}

/** Writes a story's features and its postings, replacing what was there. */
export async function saveDoc(db: Db, doc: IndexedDoc, previous: IndexedDoc | undefined, now: string): Promise<void> {
  const { features } = doc;
  if (previous !== undefined) await deletePostings(db, previous.features);
  const values = {
    revision_id: doc.revisionId,
    section: features.section,
    at: features.at,
    simhash: features.simhash,
    vector: JSON.stringify([...features.vector].map(([term, weight]) => [term, Math.round(weight * 1e5) / 1e5])),
    pending_terms: JSON.stringify(features.pending),
    entities: JSON.stringify(features.entities),
    headline_terms: JSON.stringify(features.headlineTerms),
    indexed_at: now,
  };
  await db
    .insertInto('related_docs')
    .values({ story_id: features.storyId, ...values })
    .onConflict((oc) => oc.column('story_id').doUpdateSet(values))
    .execute();
  const postings = [...features.vector, ...features.pending.map((term) => [term, 0] as const)];
  if (postings.length > 0) {
    await db
      .insertInto('related_postings')
      .values(postings.map(([term, weight]) => ({ term, at: features.at, story_id: features.storyId, weight })))
      // Two first views of an unindexed story (or two nodes) may index it at once: the later write wins.
      .onConflict((oc) => oc.columns(['term', 'at', 'story_id']).doUpdateSet((eb) => ({ weight: eb.ref('excluded.weight') })))
      .execute();
  }
}

export async function deleteDoc(db: Db, doc: IndexedDoc): Promise<void> {
  await deletePostings(db, doc.features);
  await db.deleteFrom('related_docs').where('story_id', '=', doc.features.storyId).execute();
}

async function deletePostings(db: Db, features: StoryFeatures): Promise<void> {
  const terms = [...features.vector.keys(), ...features.pending];
  if (terms.length === 0) return;
  await db
    .deleteFrom('related_postings')
    .where('term', 'in', terms)
    .where('at', '=', features.at)
    .where('story_id', '=', features.storyId)
    .execute();
}

export interface Posting {
  term: string;
  story_id: number;
  weight: number;
}

/**
 * For each term, the postings nearest in time to `at` within ±windowMinutes: `perSide` at or
 * after it and `perSide` before it, each a range scan on the (term, at) key, all in one
 * statement. Bounding each term keeps a common term (under the 5% cap but in thousands of
 * stories) from flooding the candidates; nearest-in-time is what the recency decay prefers.
 * Written as SQL text: the query builder's cost for 50 sub-selects exceeded the query's own.
 */
/** SQLite allows at most 500 SELECTs in one compound statement; each term takes two. */
const TERMS_PER_QUERY = 200;

export async function postingsNear(
  db: Db,
  terms: readonly string[],
  at: number,
  windowMinutes: number,
  perSide: number,
): Promise<Posting[]> {
  const postings: Posting[] = [];
  for (let start = 0; start < terms.length; start += TERMS_PER_QUERY) {
    const parts = terms
      .slice(start, start + TERMS_PER_QUERY)
      .flatMap((term) => [
        sql`SELECT * FROM (SELECT term, story_id, weight FROM related_postings WHERE term = ${term} AND at >= ${at} AND at <= ${at + windowMinutes} ORDER BY at LIMIT ${perSide}) AS p`,
        sql`SELECT * FROM (SELECT term, story_id, weight FROM related_postings WHERE term = ${term} AND at < ${at} AND at >= ${at - windowMinutes} ORDER BY at DESC LIMIT ${perSide}) AS p`,
      ]);
    const result = await sql<Posting>`${sql.join(parts, sql` UNION ALL `)}`.execute(db);
    postings.push(...result.rows);
  }
  return postings;
}

export interface ListRow {
  list: 'same' | 'across';
  rank: number;
  relatedId: number;
  score: number;
  fill: boolean;
}

export async function saveLists(db: Db, storyId: number, rows: readonly ListRow[], now: string): Promise<void> {
  await db.deleteFrom('related_lists').where('story_id', '=', storyId).execute();
  if (rows.length === 0) return;
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
}

export type StoredCard = StoryCard & { list: string; fill: number; computed_at: string };

/** The page view's one read: both lists with their cards, published stories only. */
export async function readLists(db: Db, storyId: number): Promise<StoredCard[]> {
  return db
    .selectFrom('related_lists')
    .innerJoin('stories', 'stories.id', 'related_lists.related_id')
    .select(STORY_CARD_COLUMNS.map((column) => `stories.${column}` as const))
    .select(['related_lists.list', 'related_lists.fill', 'related_lists.computed_at'])
    .where('related_lists.story_id', '=', storyId)
    .where('stories.status', '=', 'published')
    .orderBy('related_lists.list')
    .orderBy('related_lists.rank')
    .execute();
}

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
    await db.updateTable('related_lists').set({ computed_at: '1970-01-01T00:00:00.000Z' }).where('story_id', 'in', batch).execute();
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
  if (excludeIds.length > 0) query = query.where('id', 'not in', [...excludeIds]);
  return query.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}
