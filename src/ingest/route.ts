import { type NormalizedItem, type Route, slugify } from '../domain/index.ts';

export interface RouteContext {
  sections: readonly { slug: string; name: string }[];
  defaultSection: string;
}

const MAX_TAGS = 12;

/** What routing reads of an item; a stored revision can supply it too (re-applying rules). */
export type RoutableItem = Pick<NormalizedItem, 'place'> & { item: Pick<NormalizedItem['item'], 'subjects' | 'keywords'> };

/**
 * Decides where a story goes: its section, its city and its tags. The agency's own categories pick the
 * section when one names a configured section; otherwise the feed's default applies. The city
 * is the dateline's place. Ordered routing rules from the console are applied on top of this
 * (see the admin console's rules) and always win.
 */
export function routeItem(normalized: RoutableItem, context: RouteContext): Route {
  const { item } = normalized;
  const candidates = [...item.subjects, ...item.keywords];
  const section = candidates.map((label) => sectionFor(label, context.sections)).find((slug) => slug !== null) ?? context.defaultSection;
  const sectionNames = new Set(context.sections.flatMap((s) => [s.slug, s.name.toLowerCase()]));
  const tags = uniqueSlugs(
    candidates.filter((label) => !sectionNames.has(lastSegment(label).toLowerCase()) && !/^[a-z]+:\S*\d/i.test(label)),
  ).slice(0, MAX_TAGS);
  return { section, city: normalized.place === null ? null : citySlug(normalized.place), tags };
}

/** "Technology", "technology", "meridian:section/technology" all name the technology section. */
function sectionFor(label: string, sections: RouteContext['sections']): string | null {
  const wanted = lastSegment(label).toLowerCase();
  return sections.find((section) => section.slug === wanted || section.name.toLowerCase() === wanted)?.slug ?? null;
}

function lastSegment(label: string): string {
  return label.split(/[/:]/).pop()?.trim() ?? label;
}

export function citySlug(place: string): string {
  return slugify(place);
}

function uniqueSlugs(labels: string[]): string[] {
  const seen = new Set<string>();
  for (const label of labels) {
    const slug = slugify(lastSegment(label));
    if (slug !== 'story') seen.add(slug);
  }
  return [...seen];
}
