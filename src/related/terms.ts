import { termsOf, withoutDatelinePrefix } from './text.ts';

/**
 * Term selection in the style of Lucene's MoreLikeThis: sublinear TF-IDF
 * `(1 + ln tf) * ln((N + 1) / df)` with the headline counted twice (the +1 keeps a term shared
 * by every story of a young archive above zero; from a few thousand stories on it is ln(N / df)), only terms with `df >= minDf`
 * and `df <= maxDfShare * N`, the top `maxTerms`, L2-normalised. Pure: document frequencies
 * come in as a map, so the same code serves the live engine, the evaluation and the benchmark.
 */

/** term -> weight; L2 norm 1 (or empty). */
export type TermVector = Map<string, number>;

export interface TermSelection {
  maxTerms: number;
  minDf: number;
  /** A term in more than this share of the archive says nothing about any one story. */
  maxDfShare: number;
  /**
   * The share cap never goes below this many stories. On a young archive 5% of N is under 2
   * and would exclude every term; the floor lets a new site relate its first stories.
   */
  maxDfFloor: number;
}

export const DEFAULT_TERM_SELECTION: TermSelection = { maxTerms: 25, minDf: 2, maxDfShare: 0.05, maxDfFloor: 10 };

/**
 * Raw term frequencies of a story, the headline counted twice (it is what the story is about).
 * The dateline place is left out: it is compared as an entity, and counted again here it would
 * make every story from one city look related ("same city, different event").
 */
export function termCounts(doc: { headline: string; body: string; place: string | null; language: string | null }): Map<string, number> {
  const place = new Set(doc.place === null ? [] : termsOf(doc.place, doc.language));
  const counts = new Map<string, number>();
  const add = (terms: string[], times: number): void => {
    for (const term of terms) if (!place.has(term)) counts.set(term, (counts.get(term) ?? 0) + times);
  };
  add(termsOf(doc.headline, doc.language), 2);
  add(termsOf(withoutDatelinePrefix(doc.body), doc.language), 1);
  return counts;
}

export function selectTerms(
  counts: ReadonlyMap<string, number>,
  df: ReadonlyMap<string, number>,
  stories: number,
  selection: TermSelection = DEFAULT_TERM_SELECTION,
): TermVector {
  const maxDf = Math.max(selection.maxDfFloor, Math.floor(selection.maxDfShare * stories));
  const scored: [string, number][] = [];
  for (const [term, tf] of counts) {
    const frequency = df.get(term) ?? 0;
    if (frequency < selection.minDf || frequency > maxDf) continue;
    scored.push([term, (1 + Math.log(tf)) * Math.log((Math.max(stories, frequency) + 1) / frequency)]);
  }
  // Ties broken by the term itself so the same story always gets the same vector.
  scored.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const top = scored.slice(0, selection.maxTerms).filter(([, weight]) => weight > 0);
  const norm = Math.sqrt(top.reduce((sum, [, weight]) => sum + weight * weight, 0));
  return new Map(top.map(([term, weight]) => [term, weight / norm]));
}

export function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, weight] of small) dot += weight * (large.get(term) ?? 0);
  return dot;
}

/**
 * Terms only this story has so far (df 1), most frequent first: not part of its vector, but
 * indexed, so the next story that uses one (the second story of a new event) finds this one
 * and both lists are recomputed with the term now shared.
 */
export function pendingTerms(counts: ReadonlyMap<string, number>, df: ReadonlyMap<string, number>, limit: number): string[] {
  return [...counts]
    .filter(([term]) => (df.get(term) ?? 0) <= 1)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([term]) => term);
}

/** Cosine of two term sets (every term weight 1): headline and entity overlap. */
export function setCosine(a: readonly string[], b: readonly string[]): number {
  const left = distinct(a);
  const right = distinct(b);
  if (left.length === 0 || right.length === 0) return 0;
  let shared = 0;
  for (const term of right) if (left.includes(term)) shared++;
  return shared / Math.sqrt(left.length * right.length);
}

/**
 * The terms without repeats. A story's entity and headline lists have none already and are a
 * few dozen at most: scanning them allocates nothing, where Sets for each of ~200 comparisons
 * per refresh fed the garbage collector.
 */
function distinct(terms: readonly string[]): readonly string[] {
  for (let i = 1; i < terms.length; i++) if (terms.lastIndexOf(terms[i] as string, i - 1) >= 0) return [...new Set(terms)];
  return terms;
}
