/**
 * URL slugs: readable in any script (Devanagari headlines keep their letters), lower-cased,
 * words joined by hyphens, cut at a word boundary. A slug is fixed at first publication.
 */
const MAX_SLUG_LENGTH = 80;

export function slugify(headline: string): string {
  const words = headline
    .normalize('NFC')
    .toLowerCase()
    // Apostrophes join a word ("india's" -> "indias") rather than split it.
    .replace(/['’‘`]/g, '')
    // Letters, combining marks (Devanagari vowel signs, viramas) and digits are kept; all else separates.
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((word) => word.length > 0);
  let slug = '';
  for (const word of words) {
    const next = slug === '' ? word : `${slug}-${word}`;
    if (next.length > MAX_SLUG_LENGTH) break;
    slug = next;
  }
  if (slug === '' && words[0] !== undefined) slug = words[0].slice(0, MAX_SLUG_LENGTH);
  return slug === '' ? 'story' : slug;
}

/** The article path: `/<section>/<slug>-<id>`. The id makes it unique; the slug makes it readable. */
export function storyPath(story: { section: string; slug: string; id: number }): string {
  return `/${story.section}/${encodeURIComponent(story.slug).replace(/%2D/gi, '-')}-${story.id}`;
}

/** Reads the id back from the last path segment `<slug>-<id>`; null when it is not one. */
export function storyIdFromSegment(segment: string): number | null {
  const match = /-(\d{1,15})$/.exec(segment) ?? /^(\d{1,15})$/.exec(segment);
  return match?.[1] === undefined ? null : Number(match[1]);
}
