import { entitiesOf } from './entities.ts';
import { DEFAULT_TERM_SELECTION, pendingTerms, selectTerms, type TermSelection, type TermVector } from './terms.ts';

const PENDING_TERMS = 10;

import { termsOf } from './text.ts';

/** What the engine knows about one story: everything ranking needs, nothing a page shows. */
export interface StoryFeatures {
  storyId: number;
  section: string;
  /** The story's own time (first publication), in whole minutes since 1970 (fits a 32-bit column for millennia). */
  at: number;
  /** SimHash of the body (hex), from the publisher: spots the same copy from another agency. */
  simhash: string | null;
  vector: TermVector;
  /** Terms no other story has yet (see pendingTerms): indexed with weight 0. */
  pending: string[];
  entities: string[];
  headlineTerms: string[];
}

/** A published story's text as the engine reads it from the store. */
export interface StorySource {
  storyId: number;
  section: string;
  at: number;
  simhash: string | null;
  headline: string;
  body: string;
  place: string | null;
  keywords: string[];
  language: string | null;
}

/** `counts` are the story's term counts (`termCounts(source)`), passed in because the caller also needs their keys for the frequencies. */
export function featuresOf(
  source: StorySource,
  counts: ReadonlyMap<string, number>,
  df: ReadonlyMap<string, number>,
  stories: number,
  selection: TermSelection = DEFAULT_TERM_SELECTION,
): StoryFeatures {
  return {
    storyId: source.storyId,
    section: source.section,
    at: source.at,
    simhash: source.simhash,
    vector: selectTerms(counts, df, stories, selection),
    pending: pendingTerms(counts, df, PENDING_TERMS),
    entities: entitiesOf(source),
    headlineTerms: [...new Set(termsOf(source.headline, source.language))],
  };
}
