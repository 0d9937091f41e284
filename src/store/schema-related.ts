import type { Generated } from 'kysely';

/**
 * Tables of the related-stories engine (src/related). All are derived from the stories and
 * their revisions and can be rebuilt from them; times are whole minutes since 1970 (`at`) where
 * they are index keys, ISO UTC strings elsewhere.
 */

/**
 * The term dictionary: each index term's id (the postings' key) and its document frequency
 * among published stories. Rows are never deleted (a term no story has any more keeps df 0),
 * so an id never changes.
 */
export interface RelatedTermTable {
  id: Generated<number>;
  /** A term; the reserved key `#stories` (never a term: terms have no `#`) holds N, the number of stories. */
  term: string;
  df: number;
}

/** One row per indexed (published) story: what ranking needs, so candidates are scored without re-reading text. */
export interface RelatedDocTable {
  story_id: number;
  /** The revision the terms were counted from: its terms leave the frequencies when the story leaves. */
  revision_id: number;
  section: string;
  at: number;
  simhash: string | null;
  /** JSON [[term, weight], …]: the top terms, L2-normalised. */
  vector: string;
  /** JSON string[]: terms no other story had when indexed, posted with weight 0 so the next story using one finds this one. */
  pending_terms: string;
  /** JSON string[]: places, people, organisations. */
  entities: string;
  /** JSON string[]: the headline's terms. */
  headline_terms: string;
  /** JSON [[term, count], …]: the revision's raw term counts, re-weighted on a refresh without the text; null before migration 0011. */
  term_counts: string | null;
  indexed_at: string;
}

/** The inverted index over each story's top terms: candidates for a story come from here. */
export interface RelatedPostingTable {
  /** `related_terms.id` */
  term_id: number;
  at: number;
  story_id: number;
  weight: number;
}

/** The precomputed lists a page shows; a page view reads these rows and nothing else. */
export interface RelatedListTable {
  story_id: number;
  /** `same` (<Section> Related Stories) or `across` (Related Stories). */
  list: string;
  rank: number;
  related_id: number;
  score: number;
  /** 1 when the slot was filled from the section's latest because too few stories were related. */
  fill: number;
  computed_at: string;
}

export interface RelatedTables {
  related_terms: RelatedTermTable;
  related_docs: RelatedDocTable;
  related_postings: RelatedPostingTable;
  related_lists: RelatedListTable;
}
