import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { storyPath } from '../../src/domain/slug.ts';
import { createTestSite, storeDialects, type TestSite } from '../support/runtime.ts';
import { generatedStory, startTestAgency, type TestAgency } from '../support/test-agency.ts';

/**
 * The proof of many nodes: two `wiredesk serve` processes on different ports over one PostgreSQL
 * database, polling a loopback agency. They serve the same pages, share each poll, hear each
 * other's kills, and when one is killed outright in the middle of a 1,000-item ingest, another
 * takes the job over and every item ends up stored exactly once.
 */
const BIN = fileURLToPath(new URL('../../bin/wiredesk.js', import.meta.url));
const run = promisify(execFile);

interface NodeProcess {
  child: ChildProcess;
  url: string;
  output: string[];
}

describe.runIf(storeDialects().includes('postgres'))('two wiredesk serve processes over one PostgreSQL database', () => {
  let owner: TestSite;
  let wire: TestAgency;
  let bulk: TestAgency;
  let configFile: string;
  let bulkFeed: {
    id: string;
    agency: string;
    transport: string;
    location: string;
    format: string;
    intervalSeconds: number;
    defaultSection: string;
  };
  const nodes: NodeProcess[] = [];

  const startServe = async (name: string): Promise<NodeProcess> => {
    const child = spawn(process.execPath, [BIN, 'serve', '-p', '0'], {
      env: {
        ...process.env,
        WIREDESK_CONFIG: configFile,
        DATABASE_URL: owner.databaseUrl,
        WIREDESK_DATA_DIR: path.join(owner.dataDir, name),
        WIREDESK_HOST: '127.0.0.1',
        WIREDESK_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        const found = /at (http:\/\/\S+)/.exec(chunk.toString());
        if (found?.[1] !== undefined) resolve(found[1]);
      });
      child.once('exit', (code) => reject(new Error(`${name} exited with ${code}: ${output.join('')}`)));
    });
    const node = { child, url, output };
    nodes.push(node);
    return node;
  };
  const stopped = (node: NodeProcess): Promise<number | null> =>
    node.child.exitCode !== null || node.child.signalCode !== null
      ? Promise.resolve(node.child.exitCode)
      : new Promise((resolve) => node.child.once('exit', (code) => resolve(code)));
  const storiesOf = (feedId: string) =>
    owner.runtime.store.db.selectFrom('stories').select(['id', 'guid', 'section', 'slug']).where('feed_id', '=', feedId).execute();

  beforeAll(async () => {
    wire = await startTestAgency([generatedStory(1), generatedStory(2), generatedStory(3)]);
    bulk = await startTestAgency([]);
    owner = await createTestSite({}, 'postgres');
    configFile = path.join(owner.dataDir, 'wiredesk.config.json');
    const feed = (id: string, location: string, intervalSeconds: number) => ({
      id,
      agency: 'loop',
      transport: 'http',
      location,
      format: 'rss',
      intervalSeconds,
      defaultSection: 'national',
      allowPrivate: true,
    });
    bulkFeed = feed('bulk', bulk.url, 3600);
    writeFileSync(
      configFile,
      JSON.stringify({
        demo: false,
        agencies: [{ id: 'loop', name: 'Loopback Wire', byline: 'LW' }],
        feeds: [feed('wire', wire.url, 1)],
        limits: { pollFloorSeconds: 1 },
        cluster: { jobPollingSeconds: 0.5, jobExpireSeconds: 10, maintenanceSeconds: 1, shutdownTimeoutMs: 10_000 },
      }),
    );
    await startServe('node-a');
    await startServe('node-b');
  }, 120_000);

  afterAll(async () => {
    for (const node of nodes) node.child.kill('SIGTERM');
    await Promise.all(nodes.map(stopped));
    await owner?.close();
    await wire?.close();
    await bulk?.close();
  }, 120_000);

  it('both nodes serve the same pages', async () => {
    await vi.waitFor(async () => expect(await storiesOf('wire')).toHaveLength(3), { timeout: 60_000, interval: 250 });
    const [a, b] = nodes as [NodeProcess, NodeProcess];
    for (const story of await storiesOf('wire')) {
      const [fromA, fromB] = await Promise.all([fetch(a.url + storyPath(story)), fetch(b.url + storyPath(story))]);
      expect(fromA.status).toBe(200);
      expect(await fromB.text()).toBe(await fromA.text());
    }
  });

  it('fetches the feed once per interval in total across 20 intervals', async () => {
    const start = wire.fetches.length;
    await vi.waitFor(() => expect(wire.fetches.length - start).toBeGreaterThanOrEqual(20), { timeout: 240_000, interval: 250 });
    const seconds = wire.fetches.slice(start).map((at) => Math.floor(at.getTime() / 1000));
    const spanned = (seconds.at(-1) as number) - (seconds[0] as number) + 1;
    // Each poll job belongs to one one-second slot; a job created late in its second may be fetched early in the next.
    expect(seconds.length).toBeLessThanOrEqual(spanned + 1);
  }, 300_000);

  it('a kill made on another node gives 410 on node B', async () => {
    const [story] = await storiesOf('wire');
    const [, b] = nodes as [NodeProcess, NodeProcess];
    const page = `${b.url}${storyPath(story as Parameters<typeof storyPath>[0])}`;
    expect((await fetch(page)).status).toBe(200);
    expect((await fetch(page)).status).toBe(200);
    await run(process.execPath, [BIN, 'kill', String(story?.id), '--reason', 'withdrawn by the agency'], {
      env: {
        ...process.env,
        WIREDESK_CONFIG: configFile,
        DATABASE_URL: owner.databaseUrl,
        WIREDESK_DATA_DIR: path.join(owner.dataDir, 'cli'),
      },
    });
    await vi.waitFor(async () => expect((await fetch(page)).status).toBe(410), { timeout: 10_000, interval: 50 });
  }, 180_000);

  it('a node killed with SIGKILL mid-ingest of 1,000 items leaves each stored exactly once after another node takes over', async () => {
    const [a, b] = nodes as [NodeProcess, NodeProcess];
    // Node A leaves (gracefully), so the bulk poll can only be node B's.
    a.child.kill('SIGTERM');
    expect(await stopped(a)).toBe(0);
    bulk.setStories(Array.from({ length: 1000 }, (_, index) => generatedStory(10_000 + index)));
    // The feed appears now (as if added in the console), due at once.
    const now = new Date().toISOString();
    await owner.runtime.store.db
      .insertInto('feeds')
      .values({
        id: bulkFeed.id,
        agency_id: bulkFeed.agency,
        transport: bulkFeed.transport,
        location: bulkFeed.location,
        format: bulkFeed.format,
        interval_seconds: bulkFeed.intervalSeconds,
        mode: 'auto',
        default_section: bulkFeed.defaultSection,
        zone: 'Asia/Kolkata',
        allow_private: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await vi.waitFor(async () => expect((await storiesOf('bulk')).length).toBeGreaterThanOrEqual(50), { timeout: 120_000, interval: 100 });
    b.child.kill('SIGKILL');
    await stopped(b);
    const storedByB = (await storiesOf('bulk')).length;
    expect(storedByB).toBeLessThan(1000);

    await startServe('node-a-again');
    await vi.waitFor(async () => expect(await storiesOf('bulk')).toHaveLength(1000), { timeout: 180_000, interval: 500 });
    const guids = (await storiesOf('bulk')).map((story) => story.guid);
    expect(new Set(guids).size).toBe(1000);
    const revisions = await owner.runtime.store.db
      .selectFrom('revisions')
      .innerJoin('stories', 'stories.id', 'revisions.story_id')
      .select('revisions.id')
      .where('stories.feed_id', '=', 'bulk')
      .execute();
    expect(revisions).toHaveLength(1000);
    const rejected = await owner.runtime.store.db.selectFrom('rejected_items').select('reason').where('feed_id', '=', 'bulk').execute();
    expect(rejected).toEqual([]);
  }, 420_000);
});
