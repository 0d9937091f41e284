import type { Kysely } from 'kysely';
import type { Agency, Database, Revision, Story } from './schema.ts';

/**
 * The reads every public surface (site pages, content API) shares: a story as readers may see
 * it, and the cities that have stories. Only `published` stories are returned whole; a killed
 * story is `gone` (410), a duplicate points at the copy that was published.
 */

export interface PublishedStory {
  story: Story;
  revision: Revision;
  agency: Agency;
  tags: string[];
}

export type PublishedLookup =
  | { kind: 'published'; article: PublishedStory }
  | { kind: 'gone'; story: Story }
  | { kind: 'moved'; to: Story }
  | { kind: 'missing' };

export async function findPublishedStory(db: Kysely<Database>, id: number): Promise<PublishedLookup> {
  const story = await db.selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirst();
  if (story === undefined) return { kind: 'missing' };
  if (story.status === 'killed') return { kind: 'gone', story };
  if (story.status === 'duplicate' && story.duplicate_of !== null) {
    const winner = await db.selectFrom('stories').selectAll().where('id', '=', story.duplicate_of).executeTakeFirst();
    if (winner?.status === 'published') return { kind: 'moved', to: winner };
  }
  if (story.status !== 'published' || story.current_revision_id === null) return { kind: 'missing' };
  const [revision, agency, tags] = await Promise.all([
    db.selectFrom('revisions').selectAll().where('id', '=', story.current_revision_id).executeTakeFirstOrThrow(),
    db.selectFrom('agencies').selectAll().where('id', '=', story.agency_id).executeTakeFirstOrThrow(),
    db.selectFrom('story_tags').select('tag').where('story_id', '=', story.id).orderBy('tag').execute(),
  ]);
  return { kind: 'published', article: { story, revision, agency, tags: tags.map((row) => row.tag) } };
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
