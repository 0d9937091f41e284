import { addTerms, changeFrequencies, type Db, readTerms, STORY_COUNT_KEY, type TermRow } from './repository.ts';

/** A term's dictionary id (null: no story ever had it) and its document frequency. */
export interface TermStat {
  id: number | null;
  df: number;
}

export interface Frequencies {
  /** Every term asked about. */
  stats: Map<string, TermStat>;
  /** N, the number of indexed stories. */
  stories: number;
}

export interface TermStatisticsOptions {
  /**
   * How long frequencies read from the store are trusted. Changes made through this object are
   * exact at once; other nodes' changes (PostgreSQL, several processes) are seen after this long.
   * A frequency a few stories off moves a weight by a fraction of a percent.
   */
  ttlMs: number;
  /** Past this many terms the memory starts over (a long-running desk's vocabulary keeps growing). */
  maxTerms: number;
  clock?: () => number;
}

/**
 * Document frequencies and term ids, held in memory: every refresh re-weights a story's ~60
 * terms, and reading them costs more than the arithmetic. Ids never change (dictionary rows are
 * never deleted); frequencies are exact for what this process counted and re-read after the TTL.
 */
export class TermStatistics {
  readonly #entries = new Map<string, TermStat>();
  readonly #options: TermStatisticsOptions;
  readonly #clock: () => number;
  #since: number;

  constructor(options: TermStatisticsOptions) {
    this.#options = options;
    this.#clock = options.clock ?? Date.now;
    this.#since = this.#clock();
  }

  async read(db: Db, terms: Iterable<string>): Promise<Frequencies> {
    this.#expire();
    const wanted = [STORY_COUNT_KEY, ...terms];
    const missing = wanted.filter((term) => !this.#entries.has(term));
    if (missing.length > 0) {
      const found = new Map((await readTerms(db, missing)).map((row) => [row.term, row]));
      for (const term of missing) {
        const row = found.get(term);
        this.#entries.set(term, row === undefined ? { id: null, df: 0 } : { id: row.id, df: row.df });
      }
    }
    return this.#answer(wanted);
  }

  /**
   * Counts one story's distinct terms into (+1) or out of (-1) the frequencies, in the caller's
   * transaction (call `forget` if it fails). Returns the frequencies after the change, exact.
   */
  async count(db: Db, terms: Iterable<string>, delta: 1 | -1): Promise<Frequencies> {
    const list = [...new Set(terms)].sort();
    const known = await this.read(db, list);
    const idOf = (term: string): number | null => known.stats.get(term)?.id ?? null;
    const rows: TermRow[] = [];
    // N first: every count changes it, so counts running at once on PostgreSQL queue on that
    // row instead of locking term rows in different orders and deadlocking.
    const storiesId = idOf(STORY_COUNT_KEY);
    if (storiesId !== null) rows.push(...(await changeFrequencies(db, [storiesId], delta)));
    else if (delta > 0) rows.push(...(await addTerms(db, [STORY_COUNT_KEY], delta)));
    const existing = list.map(idOf).filter((id): id is number => id !== null);
    if (existing.length > 0) rows.push(...(await changeFrequencies(db, existing, delta)));
    const absent = list.filter((term) => idOf(term) === null);
    if (delta > 0 && absent.length > 0) rows.push(...(await addTerms(db, absent, delta)));
    for (const row of rows) this.#entries.set(row.term, { id: row.id, df: row.df });
    return this.#answer([STORY_COUNT_KEY, ...list]);
  }

  /** Drops what is held (a transaction that counted terms was rolled back). */
  forget(): void {
    this.#entries.clear();
    this.#since = this.#clock();
  }

  #expire(): void {
    if (this.#clock() - this.#since > this.#options.ttlMs || this.#entries.size > this.#options.maxTerms) this.forget();
  }

  #answer(terms: readonly string[]): Frequencies {
    const stats = new Map<string, TermStat>();
    for (const term of terms) stats.set(term, this.#entries.get(term) ?? { id: null, df: 0 });
    const stories = stats.get(STORY_COUNT_KEY)?.df ?? 0;
    stats.delete(STORY_COUNT_KEY);
    return { stats, stories };
  }
}

/** The document frequencies alone, as term selection takes them. */
export function documentFrequencies(frequencies: Frequencies): Map<string, number> {
  const df = new Map<string, number>();
  for (const [term, stat] of frequencies.stats) df.set(term, stat.df);
  return df;
}
