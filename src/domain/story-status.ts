/** Where a story stands. Only `published` stories reach readers and crawlers. */
export const STORY_STATUSES = ['published', 'held', 'embargoed', 'withheld', 'killed', 'duplicate'] as const;
export type StoryStatus = (typeof STORY_STATUSES)[number];

export function isStoryStatus(value: string): value is StoryStatus {
  return (STORY_STATUSES as readonly string[]).includes(value);
}
