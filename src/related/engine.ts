import type { Kysely, Transaction } from 'kysely';
import { fromHex, hammingDistance } from '../ingest/simhash.ts';
import { isRemoteEvent, type PublishBus, type PublishEvent } from '../publish/index.ts';
import type { Database } from '../store/schema.ts';
import { featuresOf, type StoryFeatures } from './features.ts';
import {
  type Choice,
  chooseLists,
  DEFAULT_RANKING,
  MINUTES_PER_DAY,
  type Ranked,
  type RankingOptions,
  scorePair,
  type Verdict,
} from './ranking.ts';
import {
  adjustFrequencies,
  deleteDoc,
  deleteFromLists,
  documentFrequencies,
  type IndexedDoc,
  type ListRow,
  latestStories,
  listsShowing,
  loadDocs,
  loadStory,
  markStale,
  minuteOf,
  postingsNear,
  readLists,
  type StoredStory,
  saveDoc,
  saveLists,
} from './repository.ts';
import { DEFAULT_TERM_SELECTION, type TermSelection, termCounts } from './terms.ts';
import type { RelatedCard, RelatedLists, RelatedProvider } from './types.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The related-stories engine. Lists are computed when a story is published or updated and
 * stored; a page view reads them in one indexed statement. A story arriving or leaving
 * recomputes the lists of the last days' stories it relates to (or appeared on); older lists
 * refresh lazily when viewed after their TTL. All work runs one change at a time, in the order
 * the publish events came, so a kill can never be overtaken by the publish it follows.
 */
export interface RelatedEngineOptions {
  ranking: RankingOptions;
  selection: TermSelection;
  /** Candidates come from within this many days either side of the story. */
  windowDays: number;
  /** Per term, at most this many postings after and this many before the story's time. */
  postingsPerSide: number;
  /** How many of the best retrieved stories are re-ranked. */
  candidates: number;
  /** Stories this recent have their lists recomputed when a related story arrives or leaves. */
  recentDays: number;
  /** Older lists are recomputed in the background when viewed this long after computing. */
  ttlHours: number;
  now: () => Date;
  /** Where background work reports failures (a page view never waits for it). */
  onError: (error: unknown, storyId: number) => void;
}

export const DEFAULT_ENGINE_OPTIONS: RelatedEngineOptions = {
  ranking: DEFAULT_RANKING,
  selection: DEFAULT_TERM_SELECTION,
  windowDays: 30,
  postingsPerSide: 50,
  candidates: 100,
  recentDays: 7,
  ttlHours: 24,
  now: () => new Date(),
  onError: () => {},
};

export interface ExplainedCandidate extends Ranked {
  verdict: Verdict;
}

export interface Explanation {
  story: StoryFeatures;
  candidates: ExplainedCandidate[];
}

export class RelatedEngine implements RelatedProvider {
  readonly #db: Kysely<Database>;
  readonly #options: RelatedEngineOptions;
  readonly #listeners = new Set<(storyIds: number[]) => void>();
  readonly #pendingRefresh = new Set<number>();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(db: Kysely<Database>, options: Partial<RelatedEngineOptions> = {}) {
    this.#db = db;
    this.#options = { ...DEFAULT_ENGINE_OPTIONS, ...options };
  }

  /** Keeps the lists current from the publish events; returns the unsubscribe function. */
  attach(bus: PublishBus): () => void {
    // The lists live in the shared store: the node where the change was made computes them.
    return bus.on((event) => (isRemoteEvent(event) ? undefined : this.handle(event)));
  }

  onListsChanged(listener: (storyIds: number[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  handle(event: PublishEvent): Promise<void> {
    switch (event.type) {
      case 'published':
      case 'updated':
      case 'restored':
        return this.#serial(() => this.#index(event.storyId));
      case 'killed':
      case 'unpublished':
        return this.#serial(() => this.#remove(event.storyId));
    }
  }

  /** Resolves when every change queued so far is stored (tests, shutdown). */
  async settled(): Promise<void> {
    let seen: Promise<unknown> | undefined;
    while (seen !== this.#queue) {
      seen = this.#queue;
      await seen.catch(() => {});
    }
  }

  async listsFor(story: { id: number; section: string; headline: string }): Promise<RelatedLists> {
    let rows = await readLists(this.#db, story.id);
    if (rows.length === 0) {
      // Never computed (a story from before the engine, or an empty archive): compute it now.
      await this.#serial(() => this.#index(story.id));
      rows = await readLists(this.#db, story.id);
    } else {
      const computed = rows.map((row) => row.computed_at).sort()[0] ?? '';
      const ttl = this.#options.ttlHours * 3_600_000;
      if (Date.parse(computed) < this.#options.now().getTime() - ttl) this.#refreshInBackground(story.id);
    }
    const lists: RelatedLists = { across: [], sameSection: [] };
    for (const { list, fill, computed_at: _computed, ...card } of rows) {
      const entry: RelatedCard = { ...card, fill: fill === 1 };
      (list === 'same' ? lists.sameSection : lists.across).push(entry);
    }
    return lists;
  }

  /** Every candidate for a story with each score component and why it is or is not shown. */
  async explain(storyId: number): Promise<Explanation | null> {
    const doc = (await loadDocs(this.#db, [storyId])).get(storyId);
    const story = doc?.features ?? (await this.#transientFeatures(storyId));
    if (story === null) return null;
    const ranked = await this.#candidates(story);
    const choice = chooseLists(story, ranked, this.#options.ranking);
    const candidates = ranked
      .filter((candidate) => candidate.features.storyId !== storyId)
      .sort((a, b) => b.parts.score - a.parts.score)
      .map((candidate) => ({
        ...candidate,
        verdict: choice.verdicts.get(candidate.features.storyId) ?? 'not-shown',
      }));
    return { story, candidates };
  }

  /** Recomputes one story's lists now (with its terms re-weighted by today's frequencies); false when it is not published. */
  async refresh(storyId: number): Promise<boolean> {
    return (await this.#serial(() => this.#refresh(storyId))) !== null;
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => {});
    return run;
  }

  #refreshInBackground(storyId: number): void {
    if (this.#pendingRefresh.has(storyId)) return;
    this.#pendingRefresh.add(storyId);
    void this.#serial(async () => {
      this.#pendingRefresh.delete(storyId);
      if ((await this.#refresh(storyId)) !== null) this.#emit([storyId]);
    }).catch((error: unknown) => this.#options.onError(error, storyId));
  }

  #emit(storyIds: Iterable<number>): void {
    const ids = [...new Set(storyIds)].sort((a, b) => a - b);
    if (ids.length === 0) return;
    for (const listener of this.#listeners) {
      try {
        listener(ids);
      } catch (error) {
        this.#options.onError(error, ids[0] ?? 0);
      }
    }
  }

  /** A story was published or changed: (re)index it, compute its lists and those of recent related stories. */
  async #index(storyId: number): Promise<void> {
    const refreshed = await this.#refresh(storyId);
    if (refreshed === null) return this.#remove(storyId);
    const { ranked, features, newlyShared } = refreshed;
    const changed = new Set([storyId]);
    // Pages already showing this story show its new headline: they change too.
    for (const owner of await listsShowing(this.#db, storyId)) changed.add(owner.storyId);
    const affected = new Set(
      ranked
        .filter(
          (candidate) => candidate.parts.score >= this.#options.ranking.minScore && this.#isRecent(candidate.features.at, features.at),
        )
        .map((candidate) => candidate.features.storyId),
    );
    // The story that had a term alone until now (the first story of a new event) gains it.
    const recentMinutes = this.#options.recentDays * MINUTES_PER_DAY;
    for (const posting of await postingsNear(this.#db, newlyShared, features.at, recentMinutes, this.#options.postingsPerSide)) {
      if (posting.story_id !== storyId) affected.add(posting.story_id);
    }
    for (const id of affected) if ((await this.#refresh(id)) !== null) changed.add(id);
    this.#emit(changed);
  }

  /** A story left the site (killed, withheld, demoted as a duplicate): out of the index and every list at once. */
  async #remove(storyId: number): Promise<void> {
    const owners = await this.#db.transaction().execute(async (trx) => {
      const doc = (await loadDocs(trx, [storyId])).get(storyId);
      if (doc !== undefined) {
        await this.#forgetTerms(trx, storyId, doc);
        await deleteDoc(trx, doc);
      }
      const showing = await listsShowing(trx, storyId);
      await deleteFromLists(trx, storyId);
      await markStale(
        trx,
        showing.filter((owner) => !this.#isRecent(owner.at)).map((owner) => owner.storyId),
      );
      return showing;
    });
    const changed = new Set([storyId, ...owners.map((owner) => owner.storyId)]);
    for (const owner of owners) if (this.#isRecent(owner.at)) await this.#refresh(owner.storyId);
    this.#emit(changed);
  }

  async #forgetTerms(db: Db, storyId: number, doc: IndexedDoc): Promise<void> {
    const indexed = await loadStory(db, storyId, doc.revisionId);
    if (indexed !== null) await adjustFrequencies(db, termCounts(indexed).keys(), -1);
  }

  /**
   * Within the recent days before `reference` (now, or the time of an arriving story: on a live
   * desk the two are the same; an archive loaded in time order then refreshes as the desk would have).
   */
  #isRecent(at: number | null, reference = minuteOf(this.#options.now().toISOString())): boolean {
    return at !== null && at >= reference - this.#options.recentDays * MINUTES_PER_DAY;
  }

  /**
   * Indexes a published story (its terms re-weighted by today's frequencies) and recomputes its
   * lists. Returns the scored candidates, or null when the story is not published.
   */
  async #refresh(storyId: number): Promise<{ ranked: Ranked[]; features: StoryFeatures; newlyShared: string[] } | null> {
    const stored = await loadStory(this.#db, storyId);
    if (stored === null || stored.status !== 'published') return null;
    const now = this.#options.now().toISOString();
    const { features, newlyShared } = await this.#db.transaction().execute((trx) => this.#reindex(trx, stored, now));
    const ranked = await this.#candidates(features);
    await this.#saveChoice(features, chooseLists(features, ranked, this.#options.ranking), stored.simhash, now);
    return { ranked, features, newlyShared };
  }

  /**
   * Counts a new revision's terms into the frequencies (and the old one's out) and stores the
   * story's features. `newlyShared`: terms this revision made shared by exactly two stories.
   */
  async #reindex(trx: Db, stored: StoredStory, now: string): Promise<{ features: StoryFeatures; newlyShared: string[] }> {
    const previous = (await loadDocs(trx, [stored.storyId])).get(stored.storyId);
    const counts = termCounts(stored);
    const counted = previous?.revisionId !== stored.revisionId;
    if (counted) {
      if (previous !== undefined) await this.#forgetTerms(trx, stored.storyId, previous);
      await adjustFrequencies(trx, counts.keys(), 1);
    }
    const { df, stories } = await documentFrequencies(trx, counts.keys());
    const features = featuresOf(stored, counts, df, stories, this.#options.selection);
    if (previous === undefined || previous.revisionId !== stored.revisionId || !sameFeatures(previous.features, features)) {
      await saveDoc(trx, { revisionId: stored.revisionId, features }, previous, now);
    }
    const newlyShared = counted ? [...counts.keys()].filter((term) => df.get(term) === 2) : [];
    return { features, newlyShared };
  }

  /** A story's features without storing anything (--explain on a story not indexed). */
  async #transientFeatures(storyId: number): Promise<StoryFeatures | null> {
    const stored = await loadStory(this.#db, storyId);
    if (stored === null) return null;
    const counts = termCounts(stored);
    const { df, stories } = await documentFrequencies(this.#db, counts.keys());
    return featuresOf(stored, counts, df, stories, this.#options.selection);
  }

  async #candidates(story: StoryFeatures): Promise<Ranked[]> {
    const options = this.#options;
    const postings = await postingsNear(
      this.#db,
      [...story.vector.keys()],
      story.at,
      options.windowDays * MINUTES_PER_DAY,
      options.postingsPerSide,
    );
    const dot = new Map<number, number>();
    for (const posting of postings) {
      if (posting.story_id === story.storyId) continue;
      dot.set(posting.story_id, (dot.get(posting.story_id) ?? 0) + (story.vector.get(posting.term) ?? 0) * posting.weight);
    }
    const best = [...dot.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, options.candidates)
      .map(([id]) => id);
    const docs = await loadDocs(this.#db, best);
    return [...docs.values()].map((doc) => ({ features: doc.features, parts: scorePair(story, doc.features, options.ranking) }));
  }

  async #saveChoice(story: StoryFeatures, choice: Choice, simhash: string | null, now: string): Promise<void> {
    const { count, minRelated } = this.#options.ranking;
    const chosen = [...choice.sameSection, ...choice.across].map((candidate) => candidate.features.storyId);
    const rows: ListRow[] = [];
    const exclude = [story.storyId, ...chosen];
    for (const [list, picked] of [
      ['same', choice.sameSection],
      ['across', choice.across],
    ] as const) {
      picked.forEach((candidate, rank) => {
        rows.push({ list, rank, relatedId: candidate.features.storyId, score: candidate.parts.score, fill: false });
      });
      if (picked.length >= minRelated) continue;
      // Too few related: the rest of the list is the latest of the section (or of the other sections).
      const latest = await latestStories(this.#db, { section: story.section, same: list === 'same' }, exclude, count * 2);
      const fills = latest.filter((candidate) => !isSameCopy(simhash, candidate.simhash, this.#options.ranking.nearDuplicateBits));
      for (const fill of fills.slice(0, count - picked.length)) {
        rows.push({ list, rank: rows.filter((row) => row.list === list).length, relatedId: fill.id, score: 0, fill: true });
        exclude.push(fill.id);
      }
    }
    await this.#db.transaction().execute((trx) => saveLists(trx, story.storyId, rows, now));
  }
}

function sameFeatures(a: StoryFeatures, b: StoryFeatures): boolean {
  if (a.pending.join(' ') !== b.pending.join(' ')) return false;
  if (a.vector.size !== b.vector.size || a.at !== b.at || a.section !== b.section || a.simhash !== b.simhash) return false;
  for (const [term, weight] of a.vector) if (!(Math.abs((b.vector.get(term) ?? Number.NaN) - weight) <= 1e-4)) return false;
  return a.entities.join('\n') === b.entities.join('\n') && a.headlineTerms.join(' ') === b.headlineTerms.join(' ');
}

function isSameCopy(a: string | null, b: string | null, maxBits: number): boolean {
  return a !== null && b !== null && hammingDistance(fromHex(a), fromHex(b)) <= maxBits;
}

/** The engine as a runtime runs it: subscribed to the publish events, failures logged. */
export function startRelatedEngine(
  db: Kysely<Database>,
  bus: PublishBus,
  options: { count: number; log: { warn(object: object, message: string): void } },
): RelatedEngine {
  const engine = new RelatedEngine(db, {
    ranking: { ...DEFAULT_RANKING, count: options.count },
    onError: (error, storyId) => options.log.warn({ err: error, storyId }, 'related lists refresh failed'),
  });
  engine.attach(bus);
  return engine;
}
