import type { PublishEvent } from '../../publish/index.ts';

/**
 * Surrogate keys: the names a page is cached under and a CDN can purge by. Every key is ASCII
 * (city and tag slugs may be Devanagari, so they are percent-encoded) and has no spaces.
 */
export const surrogateKey = {
  story: (id: number) => `story-${id}`,
  section: (slug: string) => `section-${encodeURIComponent(slug)}`,
  city: (slug: string) => `city-${encodeURIComponent(slug)}`,
  tag: (slug: string) => `tag-${encodeURIComponent(slug)}`,
  home: 'home',
  /** The index of cities. */
  cities: 'cities',
  /** The site-wide feeds (section feeds carry their section's key). */
  feeds: 'feeds',
  sitemaps: 'sitemaps',
} as const;

export function storyKeys(stories: Iterable<{ id: number }>): string[] {
  return [...stories].map((story) => surrogateKey.story(story.id));
}

/**
 * Every page a change to one story can alter: its own page and every page listing it (which
 * carry its story key, related lists included), the lists it joins or leaves, feeds and sitemaps.
 */
export function keysForEvent(event: PublishEvent): string[] {
  return [
    surrogateKey.story(event.storyId),
    surrogateKey.home,
    surrogateKey.feeds,
    surrogateKey.sitemaps,
    ...event.sections.map(surrogateKey.section),
    ...event.cities.map(surrogateKey.city),
    ...(event.cities.length > 0 ? [surrogateKey.cities] : []),
    ...event.tags.map(surrogateKey.tag),
  ];
}
