import type { StoryCard } from '../store/index.ts';

/** The columns a related card shows: its headline, linked, with its section's name. */
export const RELATED_CARD_COLUMNS = ['id', 'section', 'slug', 'headline', 'language'] as const;

/** A story on a related list; `fill` marks a slot filled from the latest because too few were related. */
export type RelatedCard = Pick<StoryCard, (typeof RELATED_CARD_COLUMNS)[number]> & { fill: boolean };

export interface RelatedLists {
  /** "Related Stories": the best related stories of the other sections, each shown with its section. */
  across: RelatedCard[];
  /** "<Section> Related Stories": the story's own section. */
  sameSection: RelatedCard[];
}

/** What the article page asks for; the engine behind it can change without the page knowing. */
export interface RelatedProvider {
  listsFor(story: { id: number; section: string; headline: string }): Promise<RelatedLists>;
  /**
   * Called with the ids of stories whose related lists (or a card on them) changed, after the
   * change is stored: a page cache purges those stories' pages. Returns an unsubscribe function.
   */
  onListsChanged(listener: (storyIds: number[]) => void): () => void;
}
