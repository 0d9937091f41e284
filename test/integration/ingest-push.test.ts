import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storyPath } from '../../src/domain/slug.ts';
import { SIGNATURE_HEADER, signPush, TIMESTAMP_HEADER } from '../../src/ingest/transports/push.ts';
import { createTestSite, feedConfig, storeDialects, type TestSite } from '../support/runtime.ts';
import { ninjsStory, rssFeed, sampleStory } from '../support/wire-samples.ts';

const SECRET = 'push-secret-for-the-sample-wire';

describe.each(storeDialects())('signed push ingest (%s)', (dialect) => {
  let site: TestSite;

  beforeAll(async () => {
    site = await createTestSite(
      {
        agencies: [{ id: 'pushwire', name: 'Push Wire', byline: 'Push Wire', priority: 10, indexingPolicy: 'index' }],
        feeds: [
          {
            id: 'pushwire-live',
            agency: 'pushwire',
            transport: 'push',
            location: '',
            format: 'auto',
            intervalSeconds: 60,
            mode: 'auto',
            defaultSection: 'national',
            credentials: { secret: SECRET },
            allowPrivate: false,
          },
          feedConfig({ id: 'pushwire-nosecret', agency: 'pushwire', transport: 'push', defaultSection: 'national' }),
        ],
      },
      dialect,
    );
  });
  afterAll(() => site.close());

  function push(
    body: string,
    options: { feed?: string; timestamp?: number; secret?: string; signature?: string; contentType?: string } = {},
  ) {
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    return site.app.inject({
      method: 'POST',
      url: `/api/v1/ingest/${options.feed ?? 'pushwire-live'}`,
      headers: {
        'content-type': options.contentType ?? 'application/json',
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: options.signature ?? signPush(options.secret ?? SECRET, timestamp, Buffer.from(body)),
      },
      payload: body,
    });
  }

  it('stores a signed ninjs push before answering, and the story is live', async () => {
    const story = sampleStory(1, { seed: 31 });
    const response = await push(ninjsStory(story));
    expect(response.statusCode).toBe(200);
    const report = response.json() as { created: number; storyIds: number[] };
    expect(report.created).toBe(1);
    const stored = await site.runtime.store.db
      .selectFrom('stories')
      .selectAll()
      .where('id', '=', report.storyIds[0] ?? -1)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('published');
    const page = await site.app.inject({ url: storyPath(stored) });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(story.paragraphs[1]);
  });

  it('accepts any supported format (RSS here)', async () => {
    const response = await push(rssFeed([sampleStory(2, { seed: 31 }), sampleStory(3, { seed: 31 })]), {
      contentType: 'application/rss+xml',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ format: 'rss', created: 2 });
  });

  it('refuses a replay of an accepted request', async () => {
    const body = ninjsStory(sampleStory(4, { seed: 31 }));
    const timestamp = Math.floor(Date.now() / 1000);
    expect((await push(body, { timestamp })).statusCode).toBe(200);
    const replay = await push(body, { timestamp });
    expect(replay.statusCode).toBe(409);
    expect(replay.json()).toEqual({ error: 'this signed request was already received' });
  });

  it.each([
    ['a wrong secret', { secret: 'some-other-secret-entirely' }, 401, 'signature does not match'],
    ['a timestamp outside the window', { timestamp: Math.floor(Date.now() / 1000) - 3600 }, 401, 'the window is 300 s'],
    ['a malformed signature', { signature: 'sha256=zz' }, 401, 'signature does not match'],
    ['an unknown feed', { feed: 'nobody' }, 404, 'no push feed "nobody"'],
    ['a feed without a secret', { feed: 'pushwire-nosecret' }, 404, 'has no push secret'],
  ])('refuses %s', async (_name, options, status, reason) => {
    const response = await push(ninjsStory(sampleStory(5, { seed: 31 })), options);
    expect(response.statusCode).toBe(status);
    expect((response.json() as { error: string }).error).toContain(reason);
    const stories = await site.runtime.store.db.selectFrom('stories').select('id').where('guid', '=', 'sample-31-5').execute();
    expect(stories).toHaveLength(0);
  });

  it('refuses a push with no signature headers', async () => {
    const response = await site.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/pushwire-live',
      payload: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(401);
  });

  it('refuses a body that is tampered with after signing', async () => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signed = ninjsStory(sampleStory(6, { seed: 31 }));
    const response = await site.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/pushwire-live',
      headers: {
        'content-type': 'application/json',
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signPush(SECRET, timestamp, Buffer.from(signed)),
      },
      payload: signed.replace('Saturday', 'Sunday'),
    });
    expect(response.statusCode).toBe(401);
  });

  it('answers 422 with the reason for a signed payload that is not a feed, and records it', async () => {
    const response = await push('<html><body>not a feed</body></html>', { contentType: 'text/html' });
    expect(response.statusCode).toBe(422);
    expect((response.json() as { error: string }).error).toContain('HTML');
    const rejected = await site.runtime.store.db.selectFrom('rejected_items').selectAll().where('feed_id', '=', 'pushwire-live').execute();
    expect(rejected.length).toBeGreaterThan(0);
  });
});
