import type { StoryCard } from '../site/reader.ts';

/**
 * Interim related lists: stories sharing significant headline words, newest first, filled
 * with the newest stories when too few share any. Free of I/O so it can be swapped for the
 * real engine without touching the page.
 */
const STOP_WORDS = new Set(
  'a an and are as at be by for from has have in into is it its of on or over says said the to was were will with after amid new more than'.split(
    ' ',
  ),
);

function significantWords(headline: string): Set<string> {
  return new Set(
    headline
      .toLowerCase()
      .split(/[^\p{L}\p{M}\p{N}]+/u)
      .filter((word) => word.length >= 3 && !STOP_WORDS.has(word)),
  );
}

export interface RelatedLists {
  /** Other sections. */
  across: StoryCard[];
  /** The story's own section. */
  sameSection: StoryCard[];
}

export function interimRelated(
  story: { id: number; section: string; headline: string },
  candidates: StoryCard[],
  count: number,
): RelatedLists {
  const words = significantWords(story.headline);
  const scored = candidates
    .filter((candidate) => candidate.id !== story.id)
    .map((candidate, recency) => {
      let shared = 0;
      for (const word of significantWords(candidate.headline)) if (words.has(word)) shared++;
      return { candidate, shared, recency };
    })
    .sort((a, b) => b.shared - a.shared || a.recency - b.recency)
    .map((entry) => entry.candidate);
  return {
    across: scored.filter((candidate) => candidate.section !== story.section).slice(0, count),
    sameSection: scored.filter((candidate) => candidate.section === story.section).slice(0, count),
  };
}
