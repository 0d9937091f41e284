import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storyPath } from '../../src/domain/slug.ts';
import { explainText } from '../../src/related/commands.ts';
import { RelatedEngine } from '../../src/related/index.ts';
import { storiesPostedUnder } from '../../src/related/repository.ts';
import { EVALUATION_AGENCIES, evaluationFeeds, FIXTURE_STORIES, publishFixtures, shownRelated } from '../fixtures/related/evaluation.ts';
import { createTestSite, storeDialects, type TestSite } from '../support/runtime.ts';

const EVENTS = new Set(['tirrapur-flood', 'tirrapur-museum-theft', 'veshan-forest-fire']);
const STORIES = FIXTURE_STORIES.filter((story) => story.event !== null && EVENTS.has(story.event));

describe.each(storeDialects())('related lists kept current from publish events (%s)', (dialect) => {
  let site: TestSite;
  let ids: Map<string, number>;
  const changes: number[][] = [];

  beforeAll(async () => {
    site = await createTestSite({ agencies: EVALUATION_AGENCIES, feeds: evaluationFeeds() }, dialect);
    site.runtime.related.onListsChanged((storyIds) => changes.push(storyIds));
    ids = await publishFixtures(site.runtime, STORIES);
  });
  afterAll(async () => site.close());

  const idOf = (key: string): number => ids.get(key) ?? Number.NaN;
  const shownOn = async (key: string): Promise<number[]> => {
    const story = STORIES.find((candidate) => candidate.key === key);
    if (story === undefined) throw new Error(`no fixture ${key}`);
    return shownRelated(await site.runtime.related.listsFor({ id: idOf(key), section: story.section, headline: story.headline }));
  };

  it('lists a story among the related stories of the same event, and announces the lists that changed', async () => {
    expect(await shownOn('flood-kpa')).toEqual(
      expect.arrayContaining([idOf('flood-meridian'), idOf('flood-camps'), idOf('flood-recedes')]),
    );
    expect(await shownOn('museum-arrest')).toEqual(expect.arrayContaining([idOf('museum-kpa'), idOf('museum-meridian')]));
    // The arrest story entered the lists of the theft stories published two days before it.
    const announced = new Set(changes.flat());
    for (const key of ['museum-arrest', 'museum-kpa', 'museum-meridian']) expect(announced).toContain(idOf(key));
  });

  it('shows the lists on the article page', async () => {
    const story = await site.runtime.store.db
      .selectFrom('stories')
      .selectAll()
      .where('id', '=', idOf('flood-kpa'))
      .executeTakeFirstOrThrow();
    const response = await site.app.inject({ url: storyPath(story) });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Tirrapur flood relief camps short of drinking water');
  });

  it('removes a killed story from every list at once and announces every page that showed it', async () => {
    const killed = idOf('flood-camps');
    const showing = await site.runtime.store.db.selectFrom('related_lists').select('story_id').where('related_id', '=', killed).execute();
    expect(showing.length).toBeGreaterThan(0);
    changes.length = 0;
    expect(await site.runtime.publisher.kill(killed, 'legal', 'test')).toBe(true);
    await site.runtime.bus.settled();
    for (const story of STORIES) expect(await shownOn(story.key), story.key).not.toContain(killed);
    const announced = new Set(changes.flat());
    for (const row of showing) expect(announced).toContain(row.story_id);
    const left = await site.runtime.store.db.selectFrom('related_postings').select('story_id').where('story_id', '=', killed).execute();
    expect(left).toEqual([]);
  });

  it('brings a restored story back into the lists', async () => {
    const restored = idOf('flood-camps');
    await site.runtime.publisher.restore(restored, 'test');
    await site.runtime.bus.settled();
    expect(await shownOn('flood-recedes')).toContain(restored);
  });

  it('explains every candidate with its score components', async () => {
    const engine = new RelatedEngine(site.runtime.store.db);
    const explanation = await engine.explain(idOf('fire-kpa'));
    expect(explanation).not.toBeNull();
    const byId = new Map(explanation?.candidates.map((candidate) => [candidate.features.storyId, candidate]));
    const sibling = byId.get(idOf('fire-meridian'));
    expect(sibling?.verdict).toBe('same-section');
    expect(sibling?.parts.terms).toBeGreaterThan(0);
    expect(sibling?.parts.entities).toBeGreaterThan(0);
    const text = explainText(explanation as NonNullable<typeof explanation>);
    expect(text).toContain('verdict');
    expect(text).toMatch(new RegExp(`\\t${idOf('fire-meridian')}\\tnational\\t`));
  });
});

describe.each(storeDialects())('a story with a very large vocabulary (%s)', (dialect) => {
  it('gets its lists: term look-ups are batched below SQLite’s compound-select limit', async () => {
    const site = await createTestSite({}, dialect);
    try {
      // 400 distinct terms: one compound SELECT would need 800 parts, past SQLite's 500.
      const terms = Array.from({ length: 400 }, (_, i) => i + 1);
      await expect(storiesPostedUnder(site.runtime.store.db, terms, 0, 60, 10)).resolves.toEqual([]);
    } finally {
      await site.close();
    }
  });
});
