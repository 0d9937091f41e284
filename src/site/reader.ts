import { type Kysely, sql } from 'kysely';
import { mediaForStories, type StoryImage } from '../media/index.ts';
import type { Agency, Database } from '../store/index.ts';
import {
  type ArticleLookup,
  citiesWithStories,
  findPublishedArticle,
  type PublishedArticle,
  STORY_CARD_COLUMNS,
  type StoryCard,
} from '../store/index.ts';

export type { StoryCard };

/** A story in a list, with its lead photo's thumbnail when it has one. */
export type ListedStory = StoryCard & { image: StoryImage | null };

/**
 * Everything the public site reads, in one place. Only `published` stories are ever returned
 * to a page: held, embargoed, withheld, duplicate and killed stories never reach a reader.
 */

export type Article = PublishedArticle;

export interface FeedEntry extends StoryCard {
  body_html: string;
  agency_name: string;
  agency_byline: string;
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString();
}

export interface Page<T> {
  items: T[];
  page: number;
  hasNext: boolean;
}

export class SiteReader {
  constructor(private readonly db: Kysely<Database>) {}

  async latest(options: {
    limit: number;
    page?: number;
    section?: string;
    city?: string;
    tag?: string;
    excludeIds?: number[];
  }): Promise<Page<ListedStory>> {
    const page = Math.max(1, options.page ?? 1);
    let query = this.db.selectFrom('stories').select(STORY_CARD_COLUMNS).where('status', '=', 'published');
    if (options.section !== undefined) query = query.where('section', '=', options.section);
    if (options.city !== undefined) query = query.where('city', '=', options.city);
    if (options.tag !== undefined) {
      const tag = options.tag;
      query = query.where('id', 'in', (eb) => eb.selectFrom('story_tags').select('story_id').where('tag', '=', tag));
    }
    if (options.excludeIds !== undefined && options.excludeIds.length > 0) query = query.where('id', 'not in', options.excludeIds);
    const rows = await query
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc')
      // Written into the SQL, not bound: with a bound LIMIT, SQLite took half as long again on these lists.
      // Each caller has its own fixed size, so this adds a handful of statements, not one per call.
      .limit(sql.lit(options.limit + 1))
      .offset((page - 1) * options.limit)
      .execute();
    const items = rows.slice(0, options.limit);
    // Thumbnails for the whole list in one more query.
    const images = await mediaForStories(
      this.db,
      items.map((story) => story.id),
    );
    return { items: items.map((story) => ({ ...story, image: images.get(story.id) ?? null })), page, hasNext: rows.length > options.limit };
  }

  story(id: number): Promise<ArticleLookup> {
    return findPublishedArticle(this.db, id);
  }

  cities(): Promise<{ city: string; stories: number }[]> {
    return citiesWithStories(this.db);
  }

  /** True when at least one published story carries the tag. */
  async tagInUse(tag: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('story_tags')
      .innerJoin('stories', 'stories.id', 'story_tags.story_id')
      .select('story_tags.story_id')
      .where('story_tags.tag', '=', tag)
      .where('stories.status', '=', 'published')
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async agencies(): Promise<Agency[]> {
    return this.db.selectFrom('agencies').selectAll().orderBy('name').execute();
  }

  async agency(id: string): Promise<Agency | null> {
    return (await this.db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  /** The newest published stories with their full text and agency, for outgoing feeds. */
  async feedEntries(options: { limit: number; section?: string }): Promise<FeedEntry[]> {
    let query = this.db
      .selectFrom('stories')
      .innerJoin('revisions', 'revisions.id', 'stories.current_revision_id')
      .innerJoin('agencies', 'agencies.id', 'stories.agency_id')
      .select(STORY_CARD_COLUMNS.map((column) => `stories.${column}` as const))
      .select(['revisions.body_html', 'agencies.name as agency_name', 'agencies.byline as agency_byline'])
      .where('stories.status', '=', 'published');
    if (options.section !== undefined) query = query.where('stories.section', '=', options.section);
    return query.orderBy('stories.updated_at', 'desc').orderBy('stories.id', 'desc').limit(options.limit).execute();
  }

  /**
   * Days (UTC, of first publication) that have indexable stories, with how many and the newest
   * change among them: the sitemap index. Stories of `noindex` agencies are left out.
   */
  async sitemapDays(): Promise<{ day: string; stories: number; lastmod: string }[]> {
    const rows = await this.db
      .selectFrom('stories')
      .innerJoin('agencies', 'agencies.id', 'stories.agency_id')
      .select((eb) => [
        eb.fn<string>('substr', ['stories.first_published_at', eb.val(1), eb.val(10)]).as('day'),
        eb.fn.countAll<number>().as('stories'),
        eb.fn.max('stories.updated_at').as('lastmod'),
      ])
      .where('stories.status', '=', 'published')
      .where('stories.first_published_at', 'is not', null)
      .where('agencies.indexing_policy', '!=', 'noindex')
      .groupBy('day')
      .orderBy('day', 'desc')
      .execute();
    return rows.map((row) => ({ day: row.day, stories: Number(row.stories), lastmod: String(row.lastmod) }));
  }

  /** Indexable stories first published on a UTC day (`YYYY-MM-DD`), oldest first, one sitemap chunk. */
  async sitemapStories(day: string, offset: number, limit: number): Promise<StoryCard[]> {
    return this.indexable(['index', 'noindex-news'])
      .where('stories.first_published_at', '>=', `${day}T00:00:00.000Z`)
      .where('stories.first_published_at', '<', nextDay(day))
      .orderBy('stories.first_published_at')
      .orderBy('stories.id')
      .offset(offset)
      .limit(limit)
      .execute();
  }

  /** Stories for Google News: first published since `since`, agencies that allow News, newest first. */
  async newsStories(since: Date, limit: number): Promise<StoryCard[]> {
    return this.indexable(['index'])
      .where('stories.first_published_at', '>=', since.toISOString())
      .orderBy('stories.first_published_at', 'desc')
      .limit(limit)
      .execute();
  }

  private indexable(policies: string[]) {
    return this.db
      .selectFrom('stories')
      .innerJoin('agencies', 'agencies.id', 'stories.agency_id')
      .select(STORY_CARD_COLUMNS.map((column) => `stories.${column}` as const))
      .where('stories.status', '=', 'published')
      .where('agencies.indexing_policy', 'in', policies);
  }

  /** The place name as the dateline wrote it, for a city slug. */
  async cityName(city: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('stories')
      .innerJoin('revisions', 'revisions.id', 'stories.current_revision_id')
      .select('revisions.place')
      .where('stories.city', '=', city)
      .where('stories.status', '=', 'published')
      .orderBy('stories.updated_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.place ?? null;
  }
}
