import type { Kysely } from 'kysely';
import { storyIdFromSegment } from '../domain/index.ts';
import type { Database } from '../store/index.ts';

/** What the review queue and the stories page read: stories in any state, newest first. */

export interface DeskStory {
  id: number;
  agency_id: string;
  feed_id: string | null;
  section: string;
  slug: string;
  city: string | null;
  status: string;
  headline: string;
  updated_at: string;
  created_at: string;
  kill_reason: string | null;
  /** When a breaking-news alert went out for the story (from the console, the CLI or the FLASH rule). */
  breaking_sent_at: string | null;
}

export interface HeldStory extends DeskStory {
  byline: string | null;
  dateline: string | null;
  body_html: string;
}

const DESK_COLUMNS = [
  'stories.id',
  'stories.agency_id',
  'stories.feed_id',
  'stories.section',
  'stories.slug',
  'stories.city',
  'stories.status',
  'stories.headline',
  'stories.updated_at',
  'stories.created_at',
  'stories.kill_reason',
  'breaking_alerts.sent_at as breaking_sent_at',
] as const;

export class DeskQueries {
  constructor(private readonly db: Kysely<Database>) {}

  /** Stories whose id, URL or headline matches the search; the latest ones when it is empty. */
  async find(search: string, limit: number): Promise<DeskStory[]> {
    let query = this.db
      .selectFrom('stories')
      .leftJoin('breaking_alerts', 'breaking_alerts.story_id', 'stories.id')
      .select(DESK_COLUMNS)
      .orderBy('stories.id', 'desc')
      .limit(limit);
    const term = search.trim();
    if (term !== '') {
      const id = /^\d+$/.test(term)
        ? Number(term)
        : storyIdFromSegment(
            term
              .replace(/[?#].*$/, '')
              .replace(/\/+$/, '')
              .split('/')
              .pop() ?? '',
          );
      const pattern = `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) =>
        eb.or([...(id === null ? [] : [eb('stories.id', '=', id)]), eb(eb.fn('lower', ['stories.headline']), 'like', eb.val(pattern))]),
      );
    }
    return query.execute();
  }

  async held(limit: number): Promise<HeldStory[]> {
    return this.db
      .selectFrom('stories')
      .innerJoin('revisions', 'revisions.id', 'stories.current_revision_id')
      .leftJoin('breaking_alerts', 'breaking_alerts.story_id', 'stories.id')
      .select([...DESK_COLUMNS, 'revisions.byline', 'revisions.dateline', 'revisions.body_html'])
      .where('stories.status', '=', 'held')
      .orderBy('stories.created_at', 'asc')
      .limit(limit)
      .execute();
  }

  async status(id: number): Promise<string | null> {
    const row = await this.db.selectFrom('stories').select('status').where('id', '=', id).executeTakeFirst();
    return row?.status ?? null;
  }
}
