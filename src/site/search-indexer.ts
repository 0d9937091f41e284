import type { Kysely } from 'kysely';
import { isRemoteEvent, type PublishBus } from '../publish/index.ts';
import type { Database, Store } from '../store/index.ts';
import { openSearch, type SearchEngine } from '../store/index.ts';

/**
 * Keeps search in step with the publish bus. Whatever the event, the story's state in the store
 * decides: a published story is (re)indexed with its current text, anything else (killed,
 * unpublished, held again) leaves search at once.
 */
export function subscribeSearchIndexer(bus: PublishBus, db: Kysely<Database>, search: SearchEngine): () => void {
  return bus.on(async (event) => {
    // The index lives in the shared store: the node where the change was made updates it.
    if (isRemoteEvent(event)) return;
    const story = await db
      .selectFrom('stories')
      .leftJoin('revisions', 'revisions.id', 'stories.current_revision_id')
      .select(['stories.status', 'stories.headline', 'stories.language', 'revisions.body_text'])
      .where('stories.id', '=', event.storyId)
      .executeTakeFirst();
    if (story?.status === 'published' && story.body_text !== null) {
      await search.index(event.storyId, story.headline, story.body_text, story.language);
    } else {
      await search.remove(event.storyId);
    }
  });
}

/** The store's search engine, subscribed to the bus: what the runtime holds as `search`. */
export function openIndexedSearch(bus: PublishBus, store: Store): SearchEngine {
  const search = openSearch(store);
  subscribeSearchIndexer(bus, store.db, search);
  return search;
}
