import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRemoteEvent, type PublishEvent } from '../../src/publish/index.ts';
import type { RelatedLists } from '../../src/related/index.ts';
import { createTestNode, createTestSite, feedConfig, storeDialects, type TestSite } from '../support/runtime.ts';
import { type GeneratedStory, generatedStory, rssOf } from '../support/test-agency.ts';

/**
 * One story identity (agency + guid) stored by two writers at the same moment, as happens when
 * two nodes take the same item (a retried poll, a push and a poll): exactly one story, no
 * rejection, one revision per version, one event per change; and a kill made meanwhile stands.
 * On PostgreSQL the writers are two nodes over one database; SQLite has a single writer, so
 * there they are two calls into one node.
 */

const ROUNDS = 25;

describe.each(storeDialects())('one story identity stored concurrently (%s)', (dialect) => {
  let nodeA: TestSite;
  let nodeB: TestSite;
  const events: PublishEvent[] = [];

  beforeAll(async () => {
    const config = {
      agencies: [{ id: 'loop', name: 'Loopback Wire', byline: 'LW', priority: 10, indexingPolicy: 'index' as const }],
      feeds: [feedConfig({ id: 'race', agency: 'loop', transport: 'push', defaultSection: 'national' })],
    };
    nodeA = await createTestSite(config, dialect);
    nodeB = dialect === 'postgres' ? await createTestNode(nodeA, config) : nodeA;
    // Each node's own changes; what it hears from the other node over NOTIFY is not counted.
    for (const node of new Set([nodeA, nodeB]))
      node.runtime.bus.on((event) => {
        if (!isRemoteEvent(event)) events.push(event);
      });
  });

  afterAll(async () => {
    if (nodeB !== nodeA) await nodeB?.close();
    await nodeA?.close();
  });

  /** Both nodes ingest the same document at once. */
  async function race(story: GeneratedStory): Promise<void> {
    const document = Buffer.from(rssOf([story]));
    await Promise.all(
      [nodeA, nodeB].map(async (node) => {
        const feed = await node.runtime.store.db.selectFrom('feeds').selectAll().where('id', '=', 'race').executeTakeFirstOrThrow();
        return node.runtime.pipeline.ingest(feed, document, { charset: null, baseUrl: null, ref: 'race' });
      }),
    );
  }

  /** The same story, rewritten an hour later: a newer version with other words. */
  function updated(story: GeneratedStory): GeneratedStory {
    return {
      ...story,
      headline: `${story.headline} (updated)`,
      paragraphs: [...story.paragraphs, 'The council added a second sitting for the ward budget on Monday.'],
      publishedAt: new Date(story.publishedAt.getTime() + 3_600_000),
    };
  }

  it('stores each item once, with its versions in order, however the two writers interleave', async () => {
    const stories = Array.from({ length: ROUNDS }, (_, index) => generatedStory(5000 + index));
    for (const story of stories) {
      await race(story);
      await race(updated(story));
    }

    const { db } = nodeA.runtime.store;
    expect(await db.selectFrom('rejected_items').select(['item_ref', 'reason']).execute()).toEqual([]);
    const stored = await db
      .selectFrom('stories')
      .select(['id', 'guid', 'headline', 'status', 'current_revision_id'])
      .orderBy('id')
      .execute();
    expect(stored.map((story) => story.guid)).toEqual(stories.map((story) => story.guid));
    for (const [index, story] of stored.entries()) {
      expect(story.status).toBe('published');
      expect(story.headline).toBe(updated(stories[index] as GeneratedStory).headline);
      const revisions = await db
        .selectFrom('revisions')
        .select(['id', 'headline'])
        .where('story_id', '=', story.id)
        .orderBy('id')
        .execute();
      // Version 1 then version 2, each once; the second is current.
      expect(revisions.map((revision) => revision.headline)).toEqual([
        (stories[index] as GeneratedStory).headline,
        updated(stories[index] as GeneratedStory).headline,
      ]);
      expect(story.current_revision_id).toBe(revisions[1]?.id);
      const history = await db.selectFrom('events').select('type').where('story_id', '=', story.id).orderBy('id').execute();
      expect(history.map((event) => event.type)).toEqual(['published', 'updated']);
    }
    // Each change is announced once, by the node that made it.
    expect(events.filter((event) => event.type === 'published')).toHaveLength(ROUNDS);
    expect(events.filter((event) => event.type === 'updated')).toHaveLength(ROUNDS);
  }, 120_000);

  it('never lets an agency update undo a kill an editor makes at the same moment', async () => {
    const { db } = nodeA.runtime.store;
    for (const story of Array.from({ length: ROUNDS }, (_, index) => generatedStory(6000 + index))) {
      await race(story);
      const { id } = await db.selectFrom('stories').select('id').where('guid', '=', story.guid).executeTakeFirstOrThrow();
      const feed = await db.selectFrom('feeds').selectAll().where('id', '=', 'race').executeTakeFirstOrThrow();
      await Promise.all([
        nodeA.runtime.pipeline.ingest(feed, Buffer.from(rssOf([updated(story)])), { charset: null, baseUrl: null, ref: 'race' }),
        nodeB.runtime.publisher.kill(id, 'legal advice', 'editor@example.test'),
      ]);
      const after = await db.selectFrom('stories').select(['status', 'kill_reason']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(after).toEqual({ status: 'killed', kill_reason: 'legal advice' });
    }
    expect(await db.selectFrom('rejected_items').select(['item_ref', 'reason']).execute()).toEqual([]);
  }, 120_000);

  it("serves a story's first views on both nodes at once when its related lists were never computed", async () => {
    const { db } = nodeA.runtime.store;
    const stories = Array.from({ length: ROUNDS }, (_, index) => generatedStory(7000 + index));
    for (const story of stories) await race(story);
    const published = await db
      .selectFrom('stories')
      .selectAll()
      .where(
        'guid',
        'in',
        stories.map((story) => story.guid),
      )
      .execute();
    expect(published).toHaveLength(stories.length);
    // As for stories from before the engine (or migrated in): no lists stored yet.
    await db
      .deleteFrom('related_lists')
      .where(
        'story_id',
        'in',
        published.map((story) => story.id),
      )
      .execute();
    const ids = (lists: RelatedLists): number[][] => [lists.sameSection, lists.across].map((list) => list.map((card) => card.id));
    for (const story of published) {
      const lists = await Promise.all([nodeA, nodeB].map((node) => node.runtime.related.listsFor(story)));
      // Each node's term frequencies may be minutes apart, so their lists may differ; what is stored is one of them.
      const stored = await nodeA.runtime.related.listsFor(story);
      expect(lists.map(ids)).toContainEqual(ids(stored));
      expect(stored.sameSection.length).toBeGreaterThanOrEqual(3);
    }
    const owners = await db
      .selectFrom('related_lists')
      .select('story_id')
      .distinct()
      .where(
        'story_id',
        'in',
        published.map((story) => story.id),
      )
      .execute();
    expect(owners).toHaveLength(published.length);
  }, 120_000);
});
