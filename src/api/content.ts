import type { Kysely } from 'kysely';
import { storyPath } from '../domain/index.ts';
import type { Database } from '../store/index.ts';
import { citiesWithStories, findPublishedStory } from '../store/index.ts';
import { type Cursor, encodeCursor } from './cursor.ts';
import type { NinjsSource } from './ninjs.ts';

/**
 * What the content API reads. Like the site, it sees only `published` stories: held,
 * embargoed, withheld, duplicate and killed stories never appear in a list, and a killed
 * story's id answers "gone".
 */
export interface StoryFilters {
  section?: string;
  city?: string;
  tag?: string;
  agency?: string;
  /** ISO time: only stories updated at or after it. */
  updatedSince?: string;
}

export interface StorySummary {
  id: number;
  headline: string;
  teaser: string;
  section: string;
  city: string | null;
  language: string | null;
  agency: string;
  first_published_at: string | null;
  updated_at: string;
  /** The article on the site. */
  url: string;
  /** The full story (ninjs) in this API. */
  href: string;
}

export type StoryLookup = { kind: 'published'; source: NinjsSource } | { kind: 'gone' } | { kind: 'missing' };

export class ApiContent {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly urls: { siteUrl: string; apiBase: string },
  ) {}

  async stories(filters: StoryFilters, limit: number, after: Cursor | null): Promise<{ items: StorySummary[]; nextCursor: string | null }> {
    let query = this.db
      .selectFrom('stories')
      .select(['id', 'section', 'slug', 'headline', 'teaser', 'city', 'language', 'agency_id', 'first_published_at', 'updated_at'])
      .where('status', '=', 'published');
    if (filters.section !== undefined) query = query.where('section', '=', filters.section);
    if (filters.city !== undefined) query = query.where('city', '=', filters.city);
    if (filters.agency !== undefined) query = query.where('agency_id', '=', filters.agency);
    if (filters.updatedSince !== undefined) query = query.where('updated_at', '>=', filters.updatedSince);
    if (filters.tag !== undefined) {
      const tag = filters.tag;
      query = query.where('id', 'in', (eb) => eb.selectFrom('story_tags').select('story_id').where('tag', '=', tag));
    }
    if (after !== null) {
      query = query.where((eb) =>
        eb.or([eb('updated_at', '<', after.updatedAt), eb.and([eb('updated_at', '=', after.updatedAt), eb('id', '<', after.id)])]),
      );
    }
    const rows = await query
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => ({
        id: row.id,
        headline: row.headline,
        teaser: row.teaser,
        section: row.section,
        city: row.city,
        language: row.language,
        agency: row.agency_id,
        first_published_at: row.first_published_at,
        updated_at: row.updated_at,
        url: new URL(storyPath(row), this.urls.siteUrl).href,
        href: `${this.urls.apiBase}/stories/${row.id}`,
      })),
      nextCursor: rows.length > limit && last !== undefined ? encodeCursor({ updatedAt: last.updated_at, id: last.id }) : null,
    };
  }

  async story(id: number): Promise<StoryLookup> {
    const found = await findPublishedStory(this.db, id);
    if (found.kind === 'gone') return { kind: 'gone' };
    // A duplicate is not a story of its own in the API: partners get the published copy's id in lists.
    return found.kind === 'published' ? { kind: 'published', source: found.article } : { kind: 'missing' };
  }

  /** Cities with published stories, most active first. */
  async cities(): Promise<{ slug: string; stories: number }[]> {
    return (await citiesWithStories(this.db)).map((entry) => ({ slug: entry.city, stories: entry.stories }));
  }
}
