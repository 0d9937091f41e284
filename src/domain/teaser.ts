/**
 * The teaser under the headline: the agency's own summary when it sends one, otherwise the
 * opening of the body cut at a word boundary and ending in " ..." (as wire sites show it).
 */
export const TEASER_MAX_CHARS = 100;

export function teaserFor(summary: string | null, bodyText: string): string {
  const given = collapseSpace(summary ?? '');
  if (given !== '') return given;
  const text = collapseSpace(bodyText);
  if (text.length <= TEASER_MAX_CHARS) return text;
  const cut = text.slice(0, TEASER_MAX_CHARS + 1);
  const lastSpace = cut.lastIndexOf(' ');
  const head = (lastSpace > 0 ? cut.slice(0, lastSpace) : cut.slice(0, TEASER_MAX_CHARS)).replace(/[\s,;:–—-]+$/u, '');
  return `${head} ...`;
}

export function collapseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
