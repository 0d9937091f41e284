import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FeedConfig } from '../../src/config.ts';
import { storyPath } from '../../src/domain/slug.ts';
import type { PublishEvent } from '../../src/publish/index.ts';
import { openRuntime } from '../../src/runtime.ts';
import type { Story } from '../../src/store/schema.ts';
import { createTestSite, storeDialects, type TestSite } from '../support/runtime.ts';
import { ninjsStory, rssFeed, type SampleStory, sampleStory } from '../support/wire-samples.ts';

/** The agency's lifecycle, end to end: bytes through the real pipeline, then what a reader gets. */

const feed = (id: string, agency: string, mode: 'auto' | 'review' = 'auto'): FeedConfig => ({
  id,
  agency,
  transport: 'push',
  location: '',
  format: 'auto',
  intervalSeconds: 60,
  mode,
  defaultSection: 'national',
  allowPrivate: false,
});

describe.each(storeDialects())('agency lifecycle through the pipeline (%s)', (dialect) => {
  let site: TestSite;
  const events: PublishEvent[] = [];
  let seed = 100;

  beforeAll(async () => {
    site = await createTestSite(
      {
        agencies: [
          { id: 'first', name: 'First Wire', byline: 'First Wire', priority: 10, indexingPolicy: 'index' },
          { id: 'second', name: 'Second Wire', byline: 'Second Wire', priority: 20, indexingPolicy: 'index' },
          { id: 'third', name: 'Third Wire', byline: 'Third Wire', priority: 30, indexingPolicy: 'index' },
        ],
        feeds: [
          feed('first-feed', 'first'),
          feed('second-feed', 'second'),
          feed('third-feed', 'third'),
          feed('review-feed', 'third', 'review'),
        ],
      },
      dialect,
    );
    site.runtime.bus.on((event) => {
      events.push(event);
    });
  });
  afterAll(() => site.close());

  /** A story no other test uses, so near-duplicate detection never links tests together. */
  function fresh(): SampleStory {
    seed++;
    return sampleStory(seed, { seed });
  }

  async function ingest(feedId: string, document: string) {
    const row = await site.runtime.store.db.selectFrom('feeds').selectAll().where('id', '=', feedId).executeTakeFirstOrThrow();
    return site.runtime.pipeline.ingest(row, Buffer.from(document), { charset: null, baseUrl: null, ref: 'test' });
  }

  function version(story: SampleStory, n: number, extra: Record<string, unknown> = {}, paragraphs = story.paragraphs): string {
    const at = new Date(story.published.getTime() + n * 60_000);
    return ninjsStory({ ...story, paragraphs, version: n, published: at }, { firstcreated: story.published.toISOString(), ...extra });
  }

  async function storyOf(agency: string, guid: string): Promise<Story> {
    return site.runtime.store.db
      .selectFrom('stories')
      .selectAll()
      .where('agency_id', '=', agency)
      .where('guid', '=', guid)
      .executeTakeFirstOrThrow();
  }

  async function page(story: Story) {
    return site.app.inject({ url: storyPath(story) });
  }

  async function revisionsOf(story: Story) {
    return site.runtime.store.db.selectFrom('revisions').selectAll().where('story_id', '=', story.id).orderBy('id').execute();
  }

  it('an update becomes the current text under the same URL and moves "Updated"', async () => {
    const story = fresh();
    await ingest('first-feed', version(story, 1));
    const before = await storyOf('first', story.guid);
    const changed = [...story.paragraphs.slice(0, -1), 'The council added that work would begin in the first week of March.'];
    const report = await ingest('first-feed', version(story, 2, {}, changed));
    expect(report.updated).toBe(1);
    const after = await storyOf('first', story.guid);
    expect(after.id).toBe(before.id);
    expect(after.slug).toBe(before.slug);
    expect(after.updated_at > before.updated_at).toBe(true);
    expect((await page(after)).body).toContain('first week of March');
    expect(await revisionsOf(after)).toHaveLength(2);
    expect(events.filter((event) => event.storyId === after.id).map((event) => event.type)).toEqual(['published', 'updated']);
  });

  it('an identical re-send changes nothing', async () => {
    const story = fresh();
    await ingest('first-feed', version(story, 1));
    const before = await storyOf('first', story.guid);
    const report = await ingest('first-feed', version(story, 1));
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(await storyOf('first', story.guid)).toEqual(before);
    expect(await revisionsOf(before)).toHaveLength(1);
  });

  it('an older version arriving late is kept in history and shown nowhere', async () => {
    const story = fresh();
    const v2 = [...story.paragraphs, 'A second version adds this closing line about the tender.'];
    await ingest('first-feed', version(story, 2, {}, v2));
    const report = await ingest('first-feed', version(story, 1));
    expect(report.history).toBe(1);
    const stored = await storyOf('first', story.guid);
    const revisions = await revisionsOf(stored);
    expect(revisions.map((revision) => revision.version)).toEqual([2, 1]);
    expect(stored.current_revision_id).toBe(revisions[0]?.id);
    expect((await page(stored)).body).toContain('closing line about the tender');
  });

  it('withheld pulls the story until a usable version arrives', async () => {
    const story = fresh();
    await ingest('first-feed', version(story, 1));
    await ingest('first-feed', version(story, 2, { pubstatus: 'withheld' }));
    const withheld = await storyOf('first', story.guid);
    expect(withheld.status).toBe('withheld');
    expect((await page(withheld)).statusCode).toBe(404);
    expect(events.at(-1)).toMatchObject({ type: 'unpublished', storyId: withheld.id });
    await ingest('first-feed', version(story, 3));
    const back = await storyOf('first', story.guid);
    expect(back.status).toBe('published');
    expect((await page(back)).statusCode).toBe(200);
  });

  it('canceled is a kill: 410, reason and time recorded, and the tombstone keeps every later version out', async () => {
    const story = fresh();
    await ingest('first-feed', version(story, 1));
    await ingest(
      'first-feed',
      version(story, 2, { pubstatus: 'canceled', descriptions: [{ role: 'summary', value: 'Withdrawn: the figures were wrong.' }] }),
    );
    const killed = await storyOf('first', story.guid);
    expect(killed.status).toBe('killed');
    expect(killed.killed_at).not.toBeNull();
    expect(killed.kill_reason).toContain('figures were wrong');
    expect((await page(killed)).statusCode).toBe(410);
    expect(events.at(-1)).toMatchObject({ type: 'killed', storyId: killed.id });

    const report = await ingest('first-feed', version(story, 3));
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect((await storyOf('first', story.guid)).status).toBe('killed');
    expect((await page(killed)).statusCode).toBe(410);
    const ignored = await site.runtime.store.db
      .selectFrom('events')
      .selectAll()
      .where('story_id', '=', killed.id)
      .where('type', '=', 'ignored')
      .execute();
    expect(ignored).toHaveLength(1);
  });

  it('a kill for a story never seen leaves a tombstone that keeps the story out', async () => {
    const story = fresh();
    await ingest('first-feed', version(story, 2, { pubstatus: 'canceled' }));
    expect((await storyOf('first', story.guid)).status).toBe('killed');
    await ingest('first-feed', version(story, 1));
    expect((await storyOf('first', story.guid)).status).toBe('killed');
  });

  it('an RSS agency kills with a KILL: headline', async () => {
    const story = fresh();
    await ingest('second-feed', rssFeed([story]));
    const killNotice = { ...story, headline: `KILL: ${story.headline}`, published: new Date(story.published.getTime() + 3_600_000) };
    await ingest('second-feed', rssFeed([killNotice]));
    const stored = await storyOf('second', story.guid);
    expect(stored.status).toBe('killed');
    expect((await page(stored)).statusCode).toBe(410);
  });

  it('an embargoed story is held, never shown early, and released by the scheduler after a restart', { timeout: 90_000 }, async () => {
    const story = fresh();
    const embargo = new Date(Date.now() + 1500);
    await ingest('first-feed', version(story, 1, { embargoed: embargo.toISOString() }));
    const held = await storyOf('first', story.guid);
    expect(held.status).toBe('embargoed');
    expect((await page(held)).statusCode).toBe(404);

    // A new process over the same store: the embargo lives in the database, not in a timer.
    const restarted = await openRuntime(site.runtime.config, { log: site.runtime.log });
    try {
      restarted.embargo.start();
      await vi.waitFor(async () => expect((await storyOf('first', story.guid)).status).toBe('published'), {
        timeout: 80_000,
        interval: 100,
      });
    } finally {
      await restarted.close();
    }
    const released = await storyOf('first', story.guid);
    expect(Date.parse(released.first_published_at ?? '')).toBeGreaterThanOrEqual(embargo.getTime() - 1000);
    const releasedAt = await site.runtime.store.db
      .selectFrom('events')
      .select('created_at')
      .where('story_id', '=', released.id)
      .where('type', '=', 'published')
      .executeTakeFirstOrThrow();
    expect(Date.parse(releasedAt.created_at)).toBeGreaterThanOrEqual(embargo.getTime());
    expect((await page(released)).statusCode).toBe(200);
  });

  it('an embargoed story from a review feed goes to the editor at its time, not to the site', async () => {
    const story = fresh();
    await ingest('review-feed', version(story, 1, { embargoed: new Date(Date.now() + 300).toISOString() }));
    await new Promise((resolve) => setTimeout(resolve, 400));
    await site.runtime.publisher.releaseDueEmbargoes();
    expect((await storyOf('third', story.guid)).status).toBe('held');
  });

  it('the same copy from a better-priority agency wins; the other is recorded and linked as its duplicate', async () => {
    const story = fresh();
    await ingest('second-feed', ninjsStory(story));
    const lower = await storyOf('second', story.guid);
    expect(lower.status).toBe('published');

    // The better agency files the same copy under its own id, with its own credit line added.
    const theirs = { ...story, guid: `first-${story.guid}`, paragraphs: [...story.paragraphs, 'First Wire'] };
    await ingest('first-feed', ninjsStory(theirs));
    const winner = await storyOf('first', theirs.guid);
    const demoted = await storyOf('second', story.guid);
    expect(winner.status).toBe('published');
    expect(demoted).toMatchObject({ status: 'duplicate', duplicate_of: winner.id });
    expect(events.at(-2)).toMatchObject({ type: 'unpublished', storyId: demoted.id });

    // A third, lower-priority copy in that agency's own dateline style and sign-off, and a
    // re-keyed re-send, are filed as duplicates at once.
    const [opening = '', ...rest] = story.paragraphs;
    const restyled = opening.replace(
      /^(\w+), (\w+ \d+) /,
      (_match, place: string, day: string) => `${place.toUpperCase()}, ${day} (TW) — `,
    );
    expect(restyled).not.toBe(opening);
    await ingest(
      'third-feed',
      ninjsStory({ ...story, guid: `third-${story.guid}`, paragraphs: [restyled, ...rest, '(Third Wire/RS/AK)'] }),
    );
    expect(await storyOf('third', `third-${story.guid}`)).toMatchObject({ status: 'duplicate', duplicate_of: winner.id });
    await ingest('first-feed', ninjsStory({ ...theirs, guid: `rekeyed-${story.guid}` }));
    expect(await storyOf('first', `rekeyed-${story.guid}`)).toMatchObject({ status: 'duplicate', duplicate_of: winner.id });

    const recorded = await site.runtime.store.db
      .selectFrom('events')
      .selectAll()
      .where('story_id', '=', demoted.id)
      .where('type', '=', 'duplicate')
      .execute();
    expect(JSON.parse(recorded[0]?.detail ?? '{}')).toMatchObject({ duplicate_of: winner.id });
    const listed = await site.runtime.store.db
      .selectFrom('stories')
      .select('id')
      .where('status', '=', 'published')
      .where('headline', '=', story.headline)
      .execute();
    expect(listed.map((row) => row.id)).toEqual([winner.id]);
  });

  it('different stories from two agencies are both published', async () => {
    const one = fresh();
    const two = fresh();
    await ingest('first-feed', ninjsStory(one));
    await ingest('second-feed', ninjsStory(two));
    expect((await storyOf('first', one.guid)).status).toBe('published');
    expect((await storyOf('second', two.guid)).status).toBe('published');
  });
});
