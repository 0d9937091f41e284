import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { STORY_CARD_COLUMNS, type StoryCard } from '../store/story-card.ts';

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

/** What the article page asks for; the engine behind it can change without the page knowing. */
export interface RelatedProvider {
  listsFor(story: { id: number; section: string; headline: string }): Promise<RelatedLists>;
}

/** Reads the 200 newest published stories and ranks them by shared headline words. */
export class InterimRelated implements RelatedProvider {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly count: number,
  ) {}

  async listsFor(story: { id: number; section: string; headline: string }): Promise<RelatedLists> {
    const candidates = await this.db
      .selectFrom('stories')
      .select(STORY_CARD_COLUMNS)
      .where('status', '=', 'published')
      .where('id', '!=', story.id)
      .orderBy('updated_at', 'desc')
      .limit(200)
      .execute();
    return interimRelated(story, candidates, this.count);
  }
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
