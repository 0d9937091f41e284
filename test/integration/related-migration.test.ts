import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RelatedEngine } from '../../src/related/index.ts';
import * as termIdsMigration from '../../src/store/migrations/0011_related_term_ids.ts';
import { EVALUATION_AGENCIES, evaluationFeeds, FIXTURE_STORIES, publishFixtures, shownRelated } from '../fixtures/related/evaluation.ts';
import { createTestSite, storeDialects, type TestSite } from '../support/runtime.ts';

const EVENTS = new Set(['tirrapur-flood', 'veshan-forest-fire']);
const STORIES = FIXTURE_STORIES.filter((story) => story.event !== null && EVENTS.has(story.event));

/**
 * Migration 0011 re-keys the related index by term id and adds stored term counts. A site
 * upgraded with an index built before it must keep its postings, frequencies and lists, and
 * its older index entries (no term counts) must still refresh.
 */
describe.each(storeDialects())('the related index across migration 0011 (%s)', (dialect) => {
  let site: TestSite;
  let ids: Map<string, number>;

  beforeAll(async () => {
    site = await createTestSite({ agencies: EVALUATION_AGENCIES, feeds: evaluationFeeds() }, dialect);
    ids = await publishFixtures(site.runtime, STORIES);
  });
  afterAll(async () => site.close());

  const postingCount = async (): Promise<number> =>
    Number((await sql<{ n: number }>`SELECT count(*) AS n FROM related_postings`.execute(site.runtime.store.db)).rows[0]?.n);

  it('keeps postings, frequencies and lists down to the text-keyed index and back up, and refreshes entries without term counts', async () => {
    const db = site.runtime.store.db;
    const story = STORIES.find((candidate) => candidate.key === 'flood-kpa');
    const id = ids.get('flood-kpa');
    if (story === undefined || id === undefined) throw new Error('fixture flood-kpa missing');
    const lists = async () => shownRelated(await site.runtime.related.listsFor({ id, section: story.section, headline: story.headline }));
    const frequencies = async () =>
      (await db.selectFrom('related_terms').select(['term', 'df']).where('df', '>', 0).orderBy('term').execute()).map(
        (row) => `${row.term}:${row.df}`,
      );
    const before = { postings: await postingCount(), frequencies: await frequencies(), lists: await lists() };
    expect(before.postings).toBeGreaterThan(0);
    expect(before.lists.length).toBeGreaterThan(0);

    await termIdsMigration.down(db);
    const textKeyed = await sql<{ term: string }>`SELECT term FROM related_postings`.execute(db);
    expect(textKeyed.rows).toHaveLength(before.postings);
    expect(textKeyed.rows.every((row) => typeof row.term === 'string' && row.term !== '')).toBe(true);

    await termIdsMigration.up(db);
    expect(await postingCount()).toBe(before.postings);
    expect(await frequencies()).toEqual(before.frequencies);
    const counts = async () =>
      (await db.selectFrom('related_docs').select('term_counts').where('story_id', '=', id).executeTakeFirstOrThrow()).term_counts;
    expect(await counts()).toBeNull();

    // A fresh engine, as after a restart: the term ids it would have held were renumbered.
    const engine = new RelatedEngine(db);
    expect(await engine.refresh(id)).toBe(true);
    expect(await counts()).not.toBeNull();
    expect(await lists()).toEqual(before.lists);
  });
});
