import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { purgeRequests } from '../../src/cluster/cdn-purge.ts';
import type { Config } from '../../src/config.ts';
import { storyPath } from '../../src/domain/slug.ts';
import type { PublishBus, PublishEvent } from '../../src/publish/index.ts';
import { isRemoteEvent } from '../../src/publish/index.ts';
import { createTestNode, createTestSite, feedConfig, storeDialects, type TestSite } from '../support/runtime.ts';
import { generatedStory, rssOf } from '../support/test-agency.ts';

/** A stand-in CDN purge endpoint that keeps every call it receives. */
interface PurgeCall {
  headers: IncomingHttpHeaders;
  body: string;
}

async function startPurgeEndpoint(): Promise<{ url: string; calls: PurgeCall[]; close(): Promise<void> }> {
  const calls: PurgeCall[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      calls.push({ headers: request.headers, body });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/service/test-service/purge`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Resolves with the next event on this bus that matches. */
function nextEvent(bus: PublishBus, matches: (event: PublishEvent) => boolean): Promise<PublishEvent> {
  return new Promise((resolve) => {
    const off = bus.on((event) => {
      if (!matches(event)) return;
      off();
      resolve(event);
    });
  });
}

const loopConfig = (purgeUrl: string): Partial<Config> => ({
  agencies: [{ id: 'loop', name: 'Loopback Wire', byline: 'LW', priority: 10, indexingPolicy: 'index' }],
  feeds: [feedConfig({ id: 'loop-wire', agency: 'loop', transport: 'push', format: 'rss', defaultSection: 'national' })],
  cdn: { purgeUrl, purgeStyle: 'fastly', purgeToken: 'test-token', purgeTimeoutMs: 2000 },
});

describe.runIf(storeDialects().includes('postgres'))('publish events between two nodes on one PostgreSQL database', () => {
  let nodeA: TestSite;
  let nodeB: TestSite;
  let cdn: Awaited<ReturnType<typeof startPurgeEndpoint>>;

  beforeAll(async () => {
    cdn = await startPurgeEndpoint();
    nodeA = await createTestSite(loopConfig(cdn.url), 'postgres');
    nodeB = await createTestNode(nodeA, loopConfig(cdn.url));
  });
  afterAll(async () => {
    await nodeB?.close();
    await nodeA?.close();
    await cdn?.close();
    // Closing waits for every bus subscriber, the e-paper's recompile after the kill included.
  }, 180_000);

  const ingestOnA = async (index: number): Promise<number> => {
    const feed = await nodeA.runtime.store.db.selectFrom('feeds').selectAll().where('id', '=', 'loop-wire').executeTakeFirstOrThrow();
    const report = await nodeA.runtime.pipeline.ingest(feed, Buffer.from(rssOf([generatedStory(index)])), {
      charset: null,
      baseUrl: null,
      ref: `story ${index}`,
    });
    expect(report.created).toBe(1);
    return report.storyIds[0] as number;
  };

  it('announces a story published on node A on node B, once, marked as heard from another node', async () => {
    const heardOnA: PublishEvent[] = [];
    const offA = nodeA.runtime.bus.on((event) => void heardOnA.push(event));
    const arrival = nextEvent(nodeB.runtime.bus, (event) => event.type === 'published');
    const storyId = await ingestOnA(1);

    const onB = await arrival;
    expect(onB.storyId).toBe(storyId);
    expect(onB.sections).toEqual(['national']);
    expect(isRemoteEvent(onB)).toBe(true);
    offA();
    // Node A's own event is not echoed back to it from PostgreSQL.
    expect(heardOnA.map((event) => [event.type, event.storyId])).toEqual([['published', storyId]]);
    expect(isRemoteEvent(heardOnA[0] as PublishEvent)).toBe(false);
  });

  it('a kill on node A purges the page node B has cached: node B answers 410', async () => {
    const storyId = await ingestOnA(2);
    const story = await nodeB.runtime.store.db.selectFrom('stories').selectAll().where('id', '=', storyId).executeTakeFirstOrThrow();
    const path = storyPath(story);
    // Twice, so the second answer comes from node B's page cache.
    expect((await nodeB.app.inject(path)).statusCode).toBe(200);
    expect((await nodeB.app.inject(path)).statusCode).toBe(200);

    const killHeard = nextEvent(nodeB.runtime.bus, (event) => event.type === 'killed' && event.storyId === storyId);
    expect(await nodeA.runtime.publisher.kill(storyId, 'agency withdrew the story', 'test')).toBe(true);
    // Node B's page cache subscribed before this test did: by now it has purged the story's pages.
    await killHeard;
    expect((await nodeB.app.inject(path)).statusCode).toBe(410);
    expect((await nodeB.app.inject('/')).body).not.toContain(`href="${path}"`);
  });

  it('calls the CDN purge hook once per change, from the node that made it, with the story and list keys', async () => {
    const remoteHeard = nextEvent(nodeB.runtime.bus, (event) => event.type === 'published');
    const storyId = await ingestOnA(3);
    await remoteHeard;
    const callsFor = () => cdn.calls.filter((call) => String(call.headers['surrogate-key']).split(' ').includes(`story-${storyId}`));
    await vi.waitFor(() => expect(callsFor()).not.toHaveLength(0), { timeout: 10_000 });

    const calls = callsFor();
    expect(calls).toHaveLength(1);
    const keys = String(calls[0]?.headers['surrogate-key']).split(' ');
    expect(keys).toEqual(expect.arrayContaining([`story-${storyId}`, 'home', 'section-national']));
    expect(calls[0]?.headers['fastly-key']).toBe('test-token');
  });
});

describe('the CDN purge request shapes', () => {
  const keys = Array.from({ length: 70 }, (_, index) => `story-${index}`);

  it('sends Fastly the keys in a Surrogate-Key header, 256 a call', () => {
    const [request, ...rest] = purgeRequests(
      { purgeUrl: 'https://api.fastly.com/service/SVC/purge', purgeStyle: 'fastly', purgeToken: 'tok', purgeTimeoutMs: 1000 },
      [...keys, 'story-1'],
    );
    expect(rest).toHaveLength(0);
    expect(request?.headers).toEqual({ 'surrogate-key': keys.join(' '), 'fastly-key': 'tok' });
    expect(request?.body).toBeNull();
  });

  it('sends Cloudflare {"tags": [...]} with a bearer token, 30 tags a call', () => {
    const requests = purgeRequests(
      {
        purgeUrl: 'https://api.cloudflare.com/client/v4/zones/Z/purge_cache',
        purgeStyle: 'cloudflare',
        purgeToken: 'tok',
        purgeTimeoutMs: 1000,
      },
      keys,
    );
    expect(requests.map((request) => (JSON.parse(request.body ?? '{}') as { tags: string[] }).tags.length)).toEqual([30, 30, 10]);
    expect(requests[0]?.headers).toEqual({ 'content-type': 'application/json', authorization: 'Bearer tok' });
  });
});
