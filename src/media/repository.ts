import type { Kysely } from 'kysely';
import type { Database, Feed, MediaAssetTable, StoryMediaTable } from '../store/index.ts';
import { preparedQuery } from '../store/index.ts';

/** The queries of the photos area, the same on SQLite and PostgreSQL. */

type Db = Kysely<Database>;

/** A story's picture as a page shows it: everything <Picture> needs, from one query. */
export interface StoryImage {
  sha256: string;
  width: number;
  height: number;
  caption: string | null;
  credit: string | null;
}

/** A story's pictures with their sizes, each row a `StoryImage` and the story it belongs to. */
function storyImages(db: Db) {
  return db
    .selectFrom('story_media')
    .innerJoin('media_assets', 'media_assets.sha256', 'story_media.sha256')
    .select([
      'story_media.story_id',
      'story_media.sha256',
      'media_assets.width',
      'media_assets.height',
      'story_media.caption',
      'story_media.credit',
    ]);
}

/**
 * The lead picture of each story that has one (its lowest position), in one query for a whole
 * page of stories. Stories without a picture are absent from the map.
 */
export async function mediaForStories(db: Db, storyIds: readonly number[]): Promise<Map<number, StoryImage>> {
  const leads = new Map<number, StoryImage>();
  if (storyIds.length === 0) return leads;
  const rows = await storyImages(db)
    .where('story_media.story_id', 'in', [...new Set(storyIds)])
    .orderBy('story_media.story_id')
    .orderBy('story_media.position')
    .execute();
  for (const { story_id, ...image } of rows) {
    if (!leads.has(story_id)) leads.set(story_id, image);
  }
  return leads;
}

/**
 * Compiled once: every article view asks it (prepared-query.ts). No LIMIT: a story has a few
 * pictures at most, and on SQLite a bound LIMIT made this read four times slower.
 */
const picturesOf = preparedQuery((db: Db, storyId: number) =>
  storyImages(db).where('story_media.story_id', '=', storyId).orderBy('story_media.position'),
);

/** One story's lead picture (its lowest position), or null: the article page's photo. */
export async function leadImageOf(db: Db, storyId: number): Promise<StoryImage | null> {
  const [row] = await picturesOf(db, storyId);
  if (row === undefined) return null;
  const { story_id: _story, ...image } = row;
  return image;
}

/** What the collector needs of a story: its current revision's media and the feed that sent it. */
export async function currentMediaOf(db: Db, storyId: number): Promise<{ media: string; feed: Feed | null } | null> {
  const row = await db
    .selectFrom('stories')
    .innerJoin('revisions', 'revisions.id', 'stories.current_revision_id')
    .select(['revisions.media', 'revisions.feed_id'])
    .where('stories.id', '=', storyId)
    .executeTakeFirst();
  if (row === undefined) return null;
  const feed = row.feed_id === null ? undefined : await db.selectFrom('feeds').selectAll().where('id', '=', row.feed_id).executeTakeFirst();
  return { media: row.media, feed: feed ?? null };
}

/** The stored picture an agency URL was already fetched as, so an update does not fetch it again. */
export async function pictureFetchedFrom(db: Db, sourceUrl: string): Promise<string | null> {
  const row = await db.selectFrom('story_media').select('sha256').where('source_url', '=', sourceUrl).limit(1).executeTakeFirst();
  return row?.sha256 ?? null;
}

export async function findAsset(db: Db, sha256: string): Promise<MediaAssetTable | null> {
  return (await db.selectFrom('media_assets').selectAll().where('sha256', '=', sha256).executeTakeFirst()) ?? null;
}

export async function saveAsset(db: Db, asset: MediaAssetTable): Promise<void> {
  await db
    .insertInto('media_assets')
    .values(asset)
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

/** A story's pictures become exactly `rows`: the current revision decides what the story shows. */
export async function replaceStoryMedia(db: Db, storyId: number, rows: StoryMediaTable[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('story_media').where('story_id', '=', storyId).execute();
    if (rows.length > 0) await trx.insertInto('story_media').values(rows).execute();
  });
}

/**
 * The published stories showing a picture. A picture no published story shows (its stories
 * were killed, withheld or never published) is not served: a kill reaches the photos too.
 */
export async function publishedStoriesShowing(db: Db, sha256: string): Promise<number[]> {
  const rows = await db
    .selectFrom('story_media')
    .innerJoin('stories', 'stories.id', 'story_media.story_id')
    .select('stories.id')
    .distinct()
    .where('story_media.sha256', '=', sha256)
    .where('stories.status', '=', 'published')
    .execute();
  return rows.map((row) => row.id);
}
