import { sql } from 'kysely';
import PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ClusterJobs } from '../../src/cluster/jobs.ts';
import { type Config, databaseUrlOf, loadConfig } from '../../src/config.ts';
import { createTestNode, createTestSite, storeDialects, type TestSite } from '../support/runtime.ts';
import { generatedStory, rssOf, startTestAgency, type TestAgency } from '../support/test-agency.ts';

const CLUSTER = { jobPollingSeconds: 0.5, jobExpireSeconds: 4, maintenanceSeconds: 1, shutdownTimeoutMs: 5000 };

function httpFeed(id: string, url: string, intervalSeconds: number): Config['feeds'][number] {
  return {
    id,
    agency: 'loop',
    transport: 'http',
    location: url,
    format: 'rss',
    intervalSeconds,
    mode: 'auto',
    defaultSection: 'national',
    allowPrivate: true,
  };
}

describe.runIf(storeDialects().includes('postgres'))('feed polls as pg-boss jobs across two nodes', () => {
  let fastAgency: TestAgency;
  let slowAgency: TestAgency;
  let nodeA: TestSite;
  let nodeB: TestSite;
  const running: ClusterJobs[] = [];

  const startJobs = async (node: TestSite): Promise<void> => {
    const { runtime } = node;
    running.push(await ClusterJobs.start({ ...runtime, databaseUrl: databaseUrlOf(runtime.config) }));
  };

  beforeAll(async () => {
    fastAgency = await startTestAgency([generatedStory(1), generatedStory(2)]);
    slowAgency = await startTestAgency(Array.from({ length: 10 }, (_, index) => generatedStory(100 + index)));
    const config: Partial<Config> = {
      agencies: [{ id: 'loop', name: 'Loopback Wire', byline: 'LW', priority: 10, indexingPolicy: 'index' }],
      feeds: [httpFeed('fast-wire', fastAgency.url, 1), httpFeed('slow-wire', slowAgency.url, 3600)],
      limits: { ...loadConfig({ env: {}, file: null }).limits, pollFloorSeconds: 1 },
      cluster: CLUSTER,
    };
    nodeA = await createTestSite(config, 'postgres');
    nodeB = await createTestNode(nodeA, config);
    // The slow feed waits for the second test, which stages a node dying while it polls it.
    await nodeA.runtime.store.db
      .updateTable('feeds')
      .set({ next_poll_at: new Date(Date.now() + 3_600_000).toISOString() })
      .where('id', '=', 'slow-wire')
      .execute();
    await startJobs(nodeA);
    await startJobs(nodeB);
  });

  afterAll(async () => {
    await Promise.all(running.map((jobs) => jobs.stop(5000)));
    await nodeB?.close();
    await nodeA?.close();
    await fastAgency?.close();
    await slowAgency?.close();
  }, 120_000);

  it('fetches a feed at most once per interval in total, however many nodes ask', async () => {
    await vi.waitFor(() => expect(fastAgency.fetches.length).toBeGreaterThanOrEqual(8), { timeout: 60_000, interval: 200 });
    const fetches = [...fastAgency.fetches];
    const seconds = fetches.map((at) => Math.floor(at.getTime() / 1000));
    const spanned = (seconds.at(-1) as number) - (seconds[0] as number) + 1;
    // Two nodes polling on their own would fetch about twice per interval; shared jobs fetch once
    // (one more is allowed where a job created late in one second is fetched early in the next).
    expect(fetches.length).toBeLessThanOrEqual(spanned + 1);

    const slots = await sql<{ jobs: number }>`
      SELECT count(*) AS jobs FROM pgboss.job WHERE name = 'feed-poll' AND singleton_key = 'fast-wire' GROUP BY singleton_on`.execute(
      nodeA.runtime.store.db,
    );
    expect(slots.rows.length).toBeGreaterThanOrEqual(8);
    expect(slots.rows.every((slot) => slot.jobs === 1)).toBe(true);
    const stories = await nodeA.runtime.store.db.selectFrom('stories').select('guid').where('feed_id', '=', 'fast-wire').execute();
    expect(stories.map((story) => story.guid).sort()).toEqual(['loop-1', 'loop-2']);
  });

  it('gives the poll of a node that died mid-ingest to another node, and stores every item once', async () => {
    const { db } = nodeA.runtime.store;
    // A third node takes the slow feed's job, stores half the items, and dies: its job stays active,
    // the feed stays leased, and nothing tells the others.
    const dead = new PgBoss({ connectionString: nodeA.databaseUrl, schedule: false, supervise: false });
    await dead.start();
    await dead.send('feed-poll', { feedId: 'slow-wire', intervalSeconds: 3600 }, { singletonKey: 'slow-wire', singletonSeconds: 3600 });
    const [job] = await dead.fetch<{ feedId: string }>('feed-poll');
    expect(job?.data.feedId).toBe('slow-wire');
    const feed = await db.selectFrom('feeds').selectAll().where('id', '=', 'slow-wire').executeTakeFirstOrThrow();
    await db.updateTable('feeds').set({ last_fetch_at: new Date().toISOString() }).where('id', '=', 'slow-wire').execute();
    const firstHalf = rssOf(Array.from({ length: 5 }, (_, index) => generatedStory(100 + index)));
    await nodeA.runtime.pipeline.ingest(feed, Buffer.from(firstHalf), { charset: null, baseUrl: null, ref: 'the dead node' });
    await dead.stop({ graceful: false, wait: true });
    const fetchesBefore = slowAgency.fetches.length;

    await vi.waitFor(
      async () => {
        const stored = await db.selectFrom('stories').select('guid').where('feed_id', '=', 'slow-wire').execute();
        expect(stored).toHaveLength(10);
      },
      { timeout: 60_000, interval: 250 },
    );
    const guids = (await db.selectFrom('stories').select('guid').where('feed_id', '=', 'slow-wire').execute()).map((row) => row.guid);
    expect(new Set(guids).size).toBe(10);
    expect(slowAgency.fetches.length - fetchesBefore).toBe(1);
    // The job completes once the poll has recorded its outcome, a moment after the last item is stored.
    await vi.waitFor(
      async () => {
        const retried = await sql<{ state: string; retry_count: number }>`
          SELECT state, retry_count FROM pgboss.job WHERE id = ${job?.id}`.execute(db);
        expect(retried.rows[0]?.state).toBe('completed');
        // Retried at least once (more if the machine is slow enough for the retry to expire too).
        expect(retried.rows[0]?.retry_count).toBeGreaterThanOrEqual(1);
      },
      { timeout: 30_000, interval: 100 },
    );
  });
});
