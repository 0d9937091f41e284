import { entitiesOf } from './entities.ts';
import { DEFAULT_TERM_SELECTION, pendingTerms, selectTerms, type TermSelection, type TermVector, termCounts } from './terms.ts';
import { termsOf } from './text.ts';

const PENDING_TERMS = 10;

/** Where a story sits: what ranking needs besides its text. */
export interface StoryPlace {
  storyId: number;
  section: string;
  /** The story's own time (first publication), in whole minutes since 1970 (fits a 32-bit column for millennia). */
  at: number;
  /** SimHash of the body (hex), from the publisher: spots the same copy from another agency. */
  simhash: string | null;
}

/** What the engine knows about one story: everything ranking needs, nothing a page shows. */
export interface StoryFeatures extends StoryPlace {
  vector: TermVector;
  /** Terms no other story has yet (see pendingTerms): indexed with weight 0. */
  pending: string[];
  entities: string[];
  headlineTerms: string[];
}

/** A published story's text as the engine reads it from the store. */
export interface StorySource extends StoryPlace {
  headline: string;
  body: string;
  place: string | null;
  keywords: string[];
  language: string | null;
}

/**
 * What a revision's text yields, whatever the archive around it: computed once per revision and
 * stored, so a refresh re-weights the counts by today's frequencies without reading the text.
 */
export interface TextAnalysis {
  counts: Map<string, number>;
  entities: string[];
  headlineTerms: string[];
}

export function analyse(source: StorySource): TextAnalysis {
  return {
    counts: termCounts(source),
    entities: entitiesOf(source),
    headlineTerms: [...new Set(termsOf(source.headline, source.language))],
  };
}

/** A story's features given the archive's document frequencies (`df`) and size (`stories`). */
export function featuresOf(
  story: StoryPlace,
  text: TextAnalysis,
  df: ReadonlyMap<string, number>,
  stories: number,
  selection: TermSelection = DEFAULT_TERM_SELECTION,
): StoryFeatures {
  return {
    storyId: story.storyId,
    section: story.section,
    at: story.at,
    simhash: story.simhash,
    vector: selectTerms(text.counts, df, stories, selection),
    pending: pendingTerms(text.counts, df, PENDING_TERMS),
    entities: text.entities,
    headlineTerms: text.headlineTerms,
  };
}
