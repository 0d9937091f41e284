import { fromHex, hammingDistance } from '../domain/index.ts';
import type { StoryFeatures } from './features.ts';
import { cosine, setCosine } from './terms.ts';

/**
 * How a candidate is scored against the story on the page, and how the two lists are chosen.
 *
 * score = (0.60 · TF-IDF cosine + 0.25 · entity overlap + 0.15 · headline overlap) · recency
 *
 * - TF-IDF cosine carries most of the weight: over the top-25 terms it is the best single
 *   measure of "about the same thing", and it is what candidates were retrieved by.
 * - Entity overlap (dateline place, agency keywords, capitalised names) catches two agencies
 *   writing the same event in different words: names survive rewording, verbs do not. It is
 *   kept below the cosine because a shared city alone ("same city, different event") must not
 *   make two stories related.
 * - Headline overlap is a small tie-breaker: headlines are the agency's own summary, but short,
 *   so one shared word moves it a lot.
 * - Recency halves the score every 14 days of distance from the story's own time: a follow-up a
 *   few days later keeps ~80%, last month's story on the same topic keeps ~25%.
 * - "Related Stories" holds other sections only, each story with its section label, as the
 *   page the site reproduces does; the "boost for the same section in the cross-section
 *   list" has nothing to act on there, so there is no such factor.
 * The numbers were chosen on the evaluation set in test/fixtures/related (see bench/related/README.md).
 */
export interface RankingOptions {
  weights: { terms: number; entities: number; headline: number };
  halfLifeDays: number;
  /** A candidate under this score is not shown as related (the list is filled instead). */
  minScore: number;
  /** With fewer related stories than this, a list is filled from the latest. */
  minRelated: number;
  count: number;
  /** Within this many SimHash bits two texts are the same copy (different stories are ~32 apart). */
  nearDuplicateBits: number;
  /** TF-IDF vectors this close are the same copy re-keyed, whatever SimHash says. */
  nearIdenticalCosine: number;
}

export const DEFAULT_RANKING: RankingOptions = {
  weights: { terms: 0.6, entities: 0.25, headline: 0.15 },
  halfLifeDays: 14,
  minScore: 0.12,
  minRelated: 3,
  count: 5,
  nearDuplicateBits: 10,
  nearIdenticalCosine: 0.9,
};

export const MINUTES_PER_DAY = 1440;

export interface ScoreParts {
  terms: number;
  entities: number;
  headline: number;
  recency: number;
  score: number;
}

/**
 * Scores a candidate against the story. `terms`, the TF-IDF cosine, can be given: the engine
 * takes the one the store summed over the postings it read (exact whenever each shared term's
 * posting of the candidate was among the nearest read, i.e. for every story near enough to
 * matter), which spares parsing every candidate's vector.
 */
export function scorePair(
  story: StoryFeatures,
  candidate: StoryFeatures,
  options: RankingOptions,
  terms = cosine(story.vector, candidate.vector),
): ScoreParts {
  const entities = setCosine(story.entities, candidate.entities);
  const headline = setCosine(story.headlineTerms, candidate.headlineTerms);
  const days = Math.abs(story.at - candidate.at) / MINUTES_PER_DAY;
  const recency = 0.5 ** (days / options.halfLifeDays);
  const { weights } = options;
  const blend = weights.terms * terms + weights.entities * entities + weights.headline * headline;
  return { terms, entities, headline, recency, score: blend * recency };
}

/** The same copy: from another agency, or re-keyed; never shown twice on one page. `cosineOf` when already known. */
export function nearIdentical(a: StoryFeatures, b: StoryFeatures, options: RankingOptions, cosineOf?: number): boolean {
  if (a.simhash !== null && b.simhash !== null && hammingDistance(fromHex(a.simhash), fromHex(b.simhash)) <= options.nearDuplicateBits) {
    return true;
  }
  return a.vector.size > 0 && (cosineOf ?? cosine(a.vector, b.vector)) >= options.nearIdenticalCosine;
}

export interface Ranked {
  features: StoryFeatures;
  parts: ScoreParts;
}

/** Why a candidate is or is not on the page: what --explain prints. */
export type Verdict = 'same-section' | 'across' | 'near-duplicate' | 'same-cluster' | 'below-minimum' | 'not-shown';

export interface Choice {
  sameSection: Ranked[];
  across: Ranked[];
  verdicts: Map<number, Verdict>;
}

/**
 * Picks both lists from scored candidates: drops copies of the story itself, keeps one story
 * per cluster of near-identical copies (the best scored), drops those under the minimum, then
 * fills "<Section> Related Stories" with the best of the same section and "Related Stories"
 * with the best of the other sections.
 */
export function chooseLists(story: StoryFeatures, candidates: Ranked[], options: RankingOptions): Choice {
  const verdicts = new Map<number, Verdict>();
  const sameSection: Ranked[] = [];
  const across: Ranked[] = [];
  for (const candidate of [...candidates].sort(byScore)) {
    const id = candidate.features.storyId;
    if (id === story.storyId) continue;
    const list = candidate.features.section === story.section ? sameSection : across;
    if (nearIdentical(story, candidate.features, options, candidate.parts.terms)) verdicts.set(id, 'near-duplicate');
    else if (candidate.parts.score < options.minScore) verdicts.set(id, 'below-minimum');
    // Both lists full: the rest cannot be shown whatever they are (and need not be compared).
    else if (sameSection.length >= options.count && across.length >= options.count) verdicts.set(id, 'not-shown');
    else if ([...sameSection, ...across].some((other) => nearIdentical(other.features, candidate.features, options))) {
      verdicts.set(id, 'same-cluster');
    } else if (list.length >= options.count) verdicts.set(id, 'not-shown');
    else {
      list.push(candidate);
      verdicts.set(id, list === sameSection ? 'same-section' : 'across');
    }
  }
  return { sameSection, across, verdicts };
}

function byScore(a: Ranked, b: Ranked): number {
  return b.parts.score - a.parts.score || a.features.storyId - b.features.storyId;
}
