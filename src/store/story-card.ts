/** The columns every story list shows (home, sections, related lists, feeds). */
export interface StoryCard {
  id: number;
  section: string;
  slug: string;
  headline: string;
  teaser: string;
  city: string | null;
  language: string | null;
  updated_at: string;
  first_published_at: string | null;
}

export const STORY_CARD_COLUMNS = [
  'id',
  'section',
  'slug',
  'headline',
  'teaser',
  'city',
  'language',
  'updated_at',
  'first_published_at',
] as const;
