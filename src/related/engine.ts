import type { Kysely } from 'kysely';
import { fromHex, hammingDistance } from '../domain/index.ts';
import { isRemoteEvent, type PublishBus, type PublishEvent } from '../publish/index.ts';
import type { Database } from '../store/index.ts';
import { analyse, featuresOf, type StoryFeatures, type TextAnalysis } from './features.ts';
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
  candidatesNear,
  type Db,
  deleteDoc,
  deleteFromLists,
  type IndexedDoc,
  type ListRow,
  latestStories,
  listsShowing,
  loadState,
  loadStory,
  markStale,
  minuteOf,
  postedTerms,
  readLists,
  type StoryState,
  saveDoc,
  saveLists,
  storiesPostedUnder,
} from './repository.ts';
import { documentFrequencies, TermStatistics } from './statistics.ts';
import { DEFAULT_TERM_SELECTION, type TermSelection, termCounts } from './terms.ts';
import type { RelatedCard, RelatedLists, RelatedProvider } from './types.ts';

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
  /**
   * A refresh re-weights a story's terms by today's frequencies, and rewrites its index entry
   * only when a weight (L2-normalised, typically 0.1–0.4) moved more than this or a term came or
   * went: one more story in the archive moves every weight a little, and rewriting 35 postings
   * for that would be most of a refresh's cost.
   */
  weightTolerance: number;
  /** How long document frequencies held in memory are trusted (see TermStatistics). */
  frequenciesTtlSeconds: number;
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
  weightTolerance: 0.01,
  frequenciesTtlSeconds: 300,
  now: () => new Date(),
  onError: () => {},
};

/** Terms held in memory at most (~100 bytes each). */
const MAX_TERMS_IN_MEMORY = 1_000_000;

export interface ExplainedCandidate extends Ranked {
  verdict: Verdict;
}

export interface Explanation {
  story: StoryFeatures;
  candidates: ExplainedCandidate[];
}

interface Refreshed {
  ranked: Ranked[];
  features: StoryFeatures;
  /** Terms this story's new revision made shared by exactly two stories. */
  newlyShared: string[];
  listsChanged: boolean;
}

export class RelatedEngine implements RelatedProvider {
  readonly #db: Kysely<Database>;
  readonly #options: RelatedEngineOptions;
  readonly #statistics: TermStatistics;
  readonly #listeners = new Set<(storyIds: number[]) => void>();
  readonly #pendingRefresh = new Set<number>();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(db: Kysely<Database>, options: Partial<RelatedEngineOptions> = {}) {
    this.#db = db;
    this.#options = { ...DEFAULT_ENGINE_OPTIONS, ...options };
    this.#statistics = new TermStatistics({ ttlMs: this.#options.frequenciesTtlSeconds * 1000, maxTerms: MAX_TERMS_IN_MEMORY });
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
      // Never computed (a story from before the engine, or migrated in): index it and compute its
      // own lists now, but not the lists of the stories it relates to, as a publish does: on a
      // reader's (or a crawler's) view that cost seconds at 1,000,000 stories (bench/scale), and
      // those lists take the story in at their next refresh.
      await this.#serial(() => this.#refresh(story.id));
      rows = await readLists(this.#db, story.id);
    } else {
      let computed = rows[0]?.computed_at ?? '';
      for (const row of rows) if (row.computed_at < computed) computed = row.computed_at;
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
    const state = await loadState(this.#db, storyId);
    if (state === null) return null;
    const story = state.doc?.features ?? (await this.#transientFeatures(state.story));
    if (story === null) return null;
    const ranked = await this.#candidates(story);
    const choice = chooseLists(story, ranked, this.#options.ranking);
    const candidates = ranked
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
      if ((await this.#refresh(storyId))?.listsChanged) this.#emit([storyId]);
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
    if (newlyShared.length > 0) {
      const { stats } = await this.#statistics.read(this.#db, newlyShared);
      const termIds = [...stats.values()].flatMap((stat) => (stat.id === null ? [] : [stat.id]));
      const recentMinutes = this.#options.recentDays * MINUTES_PER_DAY;
      for (const id of await storiesPostedUnder(this.#db, termIds, features.at, recentMinutes, this.#options.postingsPerSide)) {
        if (id !== storyId) affected.add(id);
      }
    }
    for (const id of affected) if ((await this.#refresh(id))?.listsChanged) changed.add(id);
    this.#emit(changed);
  }

  /** A story left the site (killed, withheld, demoted as a duplicate): out of the index and every list at once. */
  async #remove(storyId: number): Promise<void> {
    const owners = await this.#write(async (trx) => {
      const doc = (await loadState(trx, storyId))?.doc;
      if (doc !== undefined) {
        await this.#forgetTerms(trx, doc);
        await deleteDoc(trx, doc, await this.#termIds(trx, [doc]));
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

  /** Runs a write that counts terms; a failure leaves the frequencies held in memory unknown, so they are dropped. */
  async #write<T>(work: (trx: Db) => Promise<T>): Promise<T> {
    try {
      return await this.#db.transaction().execute(work);
    } catch (error) {
      this.#statistics.forget();
      throw error;
    }
  }

  /** Counts the terms of the revision a story was indexed from out of the frequencies. */
  async #forgetTerms(db: Db, doc: IndexedDoc): Promise<void> {
    let counts = doc.counts;
    if (counts === null) {
      const indexed = await loadStory(db, doc.features, doc.revisionId);
      counts = indexed === null ? new Map() : termCounts(indexed);
    }
    await this.#statistics.count(db, counts.keys(), -1);
  }

  /** Dictionary ids of every term the documents are posted under. */
  async #termIds(db: Db, docs: readonly IndexedDoc[]): Promise<Map<string, number | null>> {
    const terms = docs.flatMap((doc) => postedTerms(doc.features).map(([term]) => term));
    const { stats } = await this.#statistics.read(db, terms);
    return new Map([...stats].map(([term, stat]) => [term, stat.id]));
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
  async #refresh(storyId: number): Promise<Refreshed | null> {
    const state = await loadState(this.#db, storyId);
    if (state === null || state.story.status !== 'published' || state.story.revisionId === null) return null;
    const now = this.#options.now().toISOString();
    const indexed = await this.#reindex(state.story, state.story.revisionId, state.doc, now);
    if (indexed === null) return null;
    const { features, newlyShared } = indexed;
    const ranked = await this.#candidates(features);
    const listsChanged = await this.#saveChoice(features, chooseLists(features, ranked, this.#options.ranking), now);
    return { ranked, features, newlyShared, listsChanged };
  }

  /**
   * Brings a story's index entry up to date. The current revision already indexed (the usual
   * refresh): its stored term counts are re-weighted, nothing is read but their frequencies and
   * nothing written unless a weight moved materially. A new revision: its text is analysed, its
   * terms counted into the frequencies (the old revision's out) and the entry rewritten.
   */
  async #reindex(
    story: StoryState,
    revisionId: number,
    doc: IndexedDoc | undefined,
    now: string,
  ): Promise<{ features: StoryFeatures; newlyShared: string[] } | null> {
    const selection = this.#options.selection;
    if (doc !== undefined && doc.revisionId === revisionId && doc.counts !== null) {
      const text: TextAnalysis = { counts: doc.counts, entities: doc.features.entities, headlineTerms: doc.features.headlineTerms };
      const frequencies = await this.#statistics.read(this.#db, doc.counts.keys());
      const features = featuresOf(story, text, documentFrequencies(frequencies), frequencies.stories, selection);
      if (closeEnough(doc.features, features, this.#options.weightTolerance)) return { features: doc.features, newlyShared: [] };
      const fresh = { revisionId, counts: doc.counts, features };
      await this.#write(async (trx) => saveDoc(trx, fresh, doc, await this.#termIds(trx, [fresh, doc]), now));
      return { features, newlyShared: [] };
    }
    // A new revision, or a story indexed before term counts were stored: the text is read once.
    const source = await loadStory(this.#db, story, revisionId);
    if (source === null) return null;
    const text = analyse(source);
    return this.#write(async (trx) => {
      const counted = doc?.revisionId !== revisionId;
      if (counted && doc !== undefined) await this.#forgetTerms(trx, doc);
      const frequencies = counted
        ? await this.#statistics.count(trx, text.counts.keys(), 1)
        : await this.#statistics.read(trx, text.counts.keys());
      const features = featuresOf(story, text, documentFrequencies(frequencies), frequencies.stories, selection);
      const fresh = { revisionId, counts: text.counts, features };
      await saveDoc(trx, fresh, doc, await this.#termIds(trx, doc === undefined ? [fresh] : [fresh, doc]), now);
      const newlyShared = counted ? [...text.counts.keys()].filter((term) => frequencies.stats.get(term)?.df === 2) : [];
      return { features, newlyShared };
    });
  }

  /** A story's features without storing anything (--explain on a story not indexed). */
  async #transientFeatures(story: StoryState): Promise<StoryFeatures | null> {
    const source = story.revisionId === null ? null : await loadStory(this.#db, story, story.revisionId);
    if (source === null) return null;
    const text = analyse(source);
    const frequencies = await this.#statistics.read(this.#db, text.counts.keys());
    return featuresOf(story, text, documentFrequencies(frequencies), frequencies.stories, this.#options.selection);
  }

  async #candidates(story: StoryFeatures): Promise<Ranked[]> {
    const options = this.#options;
    const { stats } = await this.#statistics.read(this.#db, story.vector.keys());
    const terms = [...story.vector].flatMap(([term, weight]) => {
      const id = stats.get(term)?.id ?? null;
      return id === null ? [] : [[id, weight] as const];
    });
    const candidates = await candidatesNear(this.#db, {
      terms,
      at: story.at,
      windowMinutes: options.windowDays * MINUTES_PER_DAY,
      perSide: options.postingsPerSide,
      exclude: story.storyId,
      limit: options.candidates,
    });
    return candidates.map(({ features, dot }) => ({ features, parts: scorePair(story, features, options.ranking, dot) }));
  }

  /** Stores the chosen lists, filled from the latest where too few are related; returns whether they changed. */
  async #saveChoice(story: StoryFeatures, choice: Choice, now: string): Promise<boolean> {
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
      const fills = latest.filter((candidate) => !isSameCopy(story.simhash, candidate.simhash, this.#options.ranking.nearDuplicateBits));
      for (const fill of fills.slice(0, count - picked.length)) {
        rows.push({ list, rank: rows.filter((row) => row.list === list).length, relatedId: fill.id, score: 0, fill: true });
        exclude.push(fill.id);
      }
    }
    return this.#db.transaction().execute((trx) => saveLists(trx, story.storyId, rows, now));
  }
}

/** The same place, the same terms and every weight within `tolerance`: the stored entry still stands. */
function closeEnough(stored: StoryFeatures, fresh: StoryFeatures, tolerance: number): boolean {
  if (stored.section !== fresh.section || stored.at !== fresh.at || stored.simhash !== fresh.simhash) return false;
  if (stored.pending.join(' ') !== fresh.pending.join(' ') || stored.vector.size !== fresh.vector.size) return false;
  for (const [term, weight] of fresh.vector) if (!(Math.abs((stored.vector.get(term) ?? Number.NaN) - weight) <= tolerance)) return false;
  return true;
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
