import type { Kysely } from 'kysely';
import { preparedQuery } from './prepared-query.ts';
import type { Agency, Database, Revision, Story } from './schema.ts';
import { STORY_CARD_COLUMNS, type StoryCard } from './story-card.ts';

/**
 * The reads every public surface (site pages, content API) shares: a story as readers may see
 * it, and the cities that have stories. Only `published` stories are returned whole; a killed
 * story is `gone` (410), a duplicate points at the copy that was published.
 */

/** A published story whole, as the content API gives it. */
export interface PublishedStory {
  story: Story;
  revision: Revision;
  agency: Agency;
  tags: string[];
}

/** What an article page shows of a published story: its card facts, its current text, its agency's credit. */
export interface PublishedArticle {
  story: StoryCard;
  revision: Pick<Revision, 'dateline' | 'body_text' | 'body_html'>;
  agency: Pick<Agency, 'id' | 'name' | 'byline' | 'disclaimer' | 'indexing_policy'>;
}

/** A story looked up for a reader: found, gone (410), moved to the published copy of a duplicate, or missing. */
export type Lookup<Found, Gone> =
  | { kind: 'published'; article: Found }
  | { kind: 'gone'; story: Gone }
  | { kind: 'moved'; to: Story }
  | { kind: 'missing' };

export type PublishedLookup = Lookup<PublishedStory, Story>;
export type ArticleLookup = Lookup<PublishedArticle, StoryCard>;

// The article page runs these on every view, so each is compiled once (prepared-query.ts).
const storyById = preparedQuery((db: Kysely<Database>, id: number) => db.selectFrom('stories').selectAll().where('id', '=', id));
const revisionById = preparedQuery((db: Kysely<Database>, id: number) => db.selectFrom('revisions').selectAll().where('id', '=', id));
const agencyById = preparedQuery((db: Kysely<Database>, id: string) => db.selectFrom('agencies').selectAll().where('id', '=', id));
const tagsOf = preparedQuery((db: Kysely<Database>, storyId: number) =>
  db.selectFrom('story_tags').select('tag').where('story_id', '=', storyId).orderBy('tag'),
);

/**
 * An article page's story, text and agency in one statement, with only the columns the page
 * shows: on the demo article the four reads of `findPublishedStory` took three times as long.
 * The revision is a left join so that a story without one is still found, and answered as
 * `findPublishedStory` answers it.
 */
const articleRow = preparedQuery((db: Kysely<Database>, id: number) =>
  db
    .selectFrom('stories')
    .leftJoin('revisions', 'revisions.id', 'stories.current_revision_id')
    .innerJoin('agencies', 'agencies.id', 'stories.agency_id')
    .select(STORY_CARD_COLUMNS.map((column) => `stories.${column}` as const))
    .select(['stories.status', 'stories.duplicate_of', 'stories.current_revision_id', 'stories.agency_id'])
    .select(['revisions.dateline', 'revisions.body_text', 'revisions.body_html'])
    .select([
      'agencies.name as agency_name',
      'agencies.byline as agency_byline',
      'agencies.disclaimer as agency_disclaimer',
      'agencies.indexing_policy as agency_indexing_policy',
    ])
    .where('stories.id', '=', id),
);

/** A story whole with its current revision, agency and tags (the content API). */
export async function findPublishedStory(db: Kysely<Database>, id: number): Promise<PublishedLookup> {
  const [row] = await storyById(db, id);
  return lookup(db, row, async (story, revisionId) => {
    const [[revision], [agency], tags] = await Promise.all([
      revisionById(db, revisionId),
      agencyById(db, story.agency_id),
      tagsOf(db, story.id),
    ]);
    if (revision === undefined || agency === undefined) throw new Error(`story ${story.id}: its revision or agency is missing`);
    return { story, revision, agency, tags: tags.map((row) => row.tag) };
  });
}

/** What an article page shows of a story, in one read. */
export async function findPublishedArticle(db: Kysely<Database>, id: number): Promise<ArticleLookup> {
  const [row] = await articleRow(db, id);
  return lookup(db, row, async (row) => {
    if (row.body_text === null || row.body_html === null) throw new Error(`story ${row.id}: its current revision is missing`);
    return {
      story: {
        id: row.id,
        section: row.section,
        slug: row.slug,
        headline: row.headline,
        teaser: row.teaser,
        city: row.city,
        language: row.language,
        updated_at: row.updated_at,
        first_published_at: row.first_published_at,
      },
      revision: { dateline: row.dateline, body_text: row.body_text, body_html: row.body_html },
      agency: {
        id: row.agency_id,
        name: row.agency_name,
        byline: row.agency_byline,
        disclaimer: row.agency_disclaimer,
        indexing_policy: row.agency_indexing_policy,
      },
    };
  });
}

/**
 * The rules every surface answers a story by: killed is gone, a duplicate moves to the published
 * copy, anything else not published (or without a revision) is missing. `found` makes the
 * answer for a published story, given its current revision's id.
 */
async function lookup<Row extends Pick<Story, 'status' | 'duplicate_of' | 'current_revision_id'>, Found>(
  db: Kysely<Database>,
  story: Row | undefined,
  found: (story: Row, revisionId: number) => Promise<Found>,
): Promise<Lookup<Found, Row>> {
  if (story === undefined) return { kind: 'missing' };
  if (story.status === 'killed') return { kind: 'gone', story };
  if (story.status === 'duplicate' && story.duplicate_of !== null) {
    const [winner] = await storyById(db, story.duplicate_of);
    if (winner?.status === 'published') return { kind: 'moved', to: winner };
  }
  if (story.status !== 'published' || story.current_revision_id === null) return { kind: 'missing' };
  return { kind: 'published', article: await found(story, story.current_revision_id) };
}

/** Cities that have published stories, with how many, most active first. */
export async function citiesWithStories(db: Kysely<Database>): Promise<{ city: string; stories: number }[]> {
  const rows = await db
    .selectFrom('stories')
    .select(['city', (eb) => eb.fn.countAll<number>().as('stories')])
    .where('status', '=', 'published')
    .where('city', 'is not', null)
    .groupBy('city')
    .orderBy('stories', 'desc')
    .orderBy('city')
    .execute();
  return rows.map((row) => ({ city: row.city ?? '', stories: Number(row.stories) }));
}
