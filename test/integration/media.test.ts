import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { storyPath } from '../../src/domain/slug.ts';
import { mediaForStories } from '../../src/media/index.ts';
import type { PublishEvent } from '../../src/publish/index.ts';
import { createTestSite, storeDialects, type TestSite } from '../support/runtime.ts';
import { pngClaiming, samplePhoto } from '../unit/media/sample-pictures.ts';

/** A loopback picture server: each path one kind of picture, every request counted. */
async function startPictureServer(): Promise<{ base: string; hits: Map<string, number>; server: Server }> {
  const pictures: Record<string, { type: string; body: Buffer }> = {
    '/photo.jpg': { type: 'image/jpeg', body: await samplePhoto(1600, 1000) },
    '/second.jpg': { type: 'image/jpeg', body: await samplePhoto(900, 600) },
    // What an image URL behind a login wall answers: a page, labelled as a JPEG.
    '/login.jpg': { type: 'image/jpeg', body: Buffer.from('<!DOCTYPE html><html><body><p>Please sign in</p></body></html>') },
    '/bomb.png': { type: 'image/png', body: await pngClaiming(60_000, 60_000) },
  };
  const hits = new Map<string, number>();
  const server = createServer((request, response) => {
    const url = request.url ?? '/';
    hits.set(url, (hits.get(url) ?? 0) + 1);
    const picture = pictures[url];
    if (picture === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': picture.type, 'content-length': picture.body.length }).end(picture.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, server };
}

interface SampleItem {
  guid: string;
  headline: string;
  body: string;
  pubDate: string;
  media: string;
}

/** Fictional stories, written for these tests. */
function rss(items: SampleItem[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">
  <channel><title>Sample Wire (fictional)</title><link>https://wire.example.test/</link><description>Test wire</description>
${items
  .map(
    (item) => `    <item>
      <title>${item.headline}</title>
      <guid isPermaLink="false">${item.guid}</guid>
      <pubDate>${item.pubDate}</pubDate>
      <description>&lt;p&gt;${item.body}&lt;/p&gt;</description>
      ${item.media}
    </item>`,
  )
  .join('\n')}
  </channel>
</rss>`;
}

const FERRY: SampleItem = {
  guid: 'pic-ferry-1',
  headline: 'Night ferry to Elephanta resumes after harbour dredging',
  body: 'Mumbai, Nov 29 The port trust restarted the late ferry on Sunday after three weeks of dredging near the old jetty, with two boats running until ten.',
  pubDate: 'Sun, 29 Nov 2026 06:00:00 +0000',
  media: `<media:content medium="image" type="image/jpeg" PLACEHOLDER><media:description>The first night ferry leaves the Gateway jetty</media:description><media:credit>Sample Wire / A. Deshpande</media:credit></media:content>`,
};

describe.each(storeDialects())('agency pictures, fetched, stored and served (%s)', (dialect) => {
  let site: TestSite;
  let pictures: Awaited<ReturnType<typeof startPictureServer>>;
  const events: PublishEvent[] = [];

  beforeAll(async () => {
    pictures = await startPictureServer();
    site = await createTestSite(
      {
        // The e-paper is not under test, but a kill recompiles its digital editions: keep that to one edition, never delayed.
        epaper: {
          ...loadConfig({ env: {}, file: null }).epaper,
          editions: [{ slug: 'mumbai', name: 'Mumbai' }],
          digitalDelayMs: 3_600_000,
        },
        agencies: [{ id: 'sample', name: 'Sample Wire', byline: 'Sample Wire', priority: 10, indexingPolicy: 'index' }],
        feeds: [
          feed('sample-http', 'http', `${pictures.base}/feed.xml`, true),
          // The transport rules' default: a feed may not reach private or loopback addresses.
          feed('sample-guarded', 'http', 'https://wire.example.test/feed.xml', false),
          feed('sample-drop', 'folder', 'sample', false),
        ],
      },
      dialect,
    );
    site.runtime.bus.on((event) => {
      events.push(event);
    });
  });
  // Closing waits for the e-paper recompile the kill below starts.
  afterAll(async () => {
    await site.close();
    await new Promise((resolve) => pictures.server.close(resolve));
  }, 180_000);

  function feed(id: string, transport: 'http' | 'folder', location: string, allowPrivate: boolean) {
    return {
      id,
      agency: 'sample',
      transport,
      location,
      format: 'rss' as const,
      intervalSeconds: 60,
      mode: 'auto' as const,
      defaultSection: 'national',
      allowPrivate,
    };
  }

  async function ingest(feedId: string, items: SampleItem[]): Promise<number[]> {
    const row = await site.runtime.store.db.selectFrom('feeds').selectAll().where('id', '=', feedId).executeTakeFirstOrThrow();
    const report = await site.runtime.pipeline.ingest(row, Buffer.from(rss(items)), {
      charset: null,
      baseUrl: `${pictures.base}/feed.xml`,
      ref: 'test',
    });
    expect(report.error).toBeNull();
    // Ingest returned before any picture was fetched; the bus settles once the collector is done.
    await site.runtime.bus.settled();
    return report.storyIds;
  }

  const withPicture = (item: SampleItem, url: string): SampleItem => ({
    ...item,
    media: item.media.replace('PLACEHOLDER', `url="${url}"`),
  });

  async function failuresOf(storyId: number): Promise<{ url: string; reason: string }[]> {
    const rows = await site.runtime.store.db
      .selectFrom('events')
      .select('detail')
      .where('story_id', '=', storyId)
      .where('type', '=', 'media_failed')
      .orderBy('id')
      .execute();
    return rows.map((row) => JSON.parse(row.detail ?? '{}') as { url: string; reason: string });
  }

  let ferryId: number;
  let ferrySha: string;
  /** A second story showing the ferry picture (the same bytes are stored once). */
  let teaId: number;

  it('fetches a Media RSS picture after publication and serves it in every size and format', async () => {
    [ferryId] = (await ingest('sample-http', [withPicture(FERRY, `${pictures.base}/photo.jpg`)])) as [number];
    const lead = (await mediaForStories(site.runtime.store.db, [ferryId])).get(ferryId);
    expect(lead).toMatchObject({
      width: 1600,
      height: 1000,
      caption: 'The first night ferry leaves the Gateway jetty',
      credit: 'Sample Wire / A. Deshpande',
    });
    ferrySha = lead?.sha256 ?? '';
    const original = readFileSync(path.join(site.dataDir, 'media', 'originals', ferrySha.slice(0, 2), ferrySha));
    expect(createHash('sha256').update(original).digest('hex')).toBe(ferrySha);

    for (const [file, type, sharpFormat, width, height] of [
      ['640.avif', 'image/avif', 'heif', 640, 400],
      ['320.webp', 'image/webp', 'webp', 320, 200],
      ['1280.jpg', 'image/jpeg', 'jpeg', 1280, 800],
      ['960.webp', 'image/webp', 'webp', 960, 600],
    ] as const) {
      const response = await site.app.inject({ method: 'GET', url: `/media/${ferrySha}/${file}` });
      expect(response.statusCode, file).toBe(200);
      expect(response.headers['content-type']).toBe(type);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(response.headers['surrogate-key']).toContain(`story-${ferryId}`);
      const facts = await sharp(response.rawPayload).metadata();
      expect([facts.format, facts.width, facts.height], file).toEqual([sharpFormat, width, height]);
    }
  }, 60_000);

  it('shows the lead photo on the article with caption and credit, as its share image, and as a thumbnail in lists', async () => {
    const story = await site.runtime.store.db.selectFrom('stories').selectAll().where('id', '=', ferryId).executeTakeFirstOrThrow();
    const article = await site.app.inject({ method: 'GET', url: storyPath(story) });
    expect(article.statusCode).toBe(200);
    expect(article.body).toContain('<figure class="lead-photo">');
    expect(article.body).toContain('The first night ferry leaves the Gateway jetty');
    expect(article.body).toContain('Sample Wire / A. Deshpande');
    expect(article.body).toMatch(new RegExp(`<img [^>]*src="/media/${ferrySha}/[0-9]+\\.jpg"[^>]*width="720" height="450"`));
    expect(article.body).toContain(`<meta property="og:image" content="http://localhost:3000/media/${ferrySha}/1280.jpg"/>`);
    const section = await site.app.inject({ method: 'GET', url: `/${story.section}` });
    expect(section.body).toContain('<li class="has-thumb">');
    expect(section.body).toContain(`/media/${ferrySha}/320.jpg`);
  });

  it('answers a repeated request with 304 and refuses sizes and names it does not make', async () => {
    const first = await site.app.inject({ method: 'GET', url: `/media/${ferrySha}/640.webp` });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[0-9a-f]+-640-webp-r1"$/);
    const again = await site.app.inject({ method: 'GET', url: `/media/${ferrySha}/640.webp`, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    for (const url of [
      `/media/${ferrySha}/1600.jpg`,
      `/media/${ferrySha}/500.jpg`,
      `/media/${ferrySha}/640.png`,
      `/media/${'0'.repeat(64)}/640.jpg`,
    ]) {
      expect((await site.app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    }
  });

  it('tells page caches the story changed once its picture is stored', () => {
    const forFerry = events.filter((event) => event.storyId === ferryId).map((event) => event.type);
    // The collector does not act on its own "updated": no loop, no second fetch of a picture that failed.
    expect(forFerry).toEqual(['published', 'updated']);
  });

  it('does not fetch a picture again when a newer version names the same URL', async () => {
    const update = { ...withPicture(FERRY, `${pictures.base}/photo.jpg`), pubDate: 'Sun, 29 Nov 2026 07:00:00 +0000' };
    update.body = `${FERRY.body} A third boat joins on weekends.`;
    await ingest('sample-http', [update]);
    expect(pictures.hits.get('/photo.jpg')).toBe(1);
    expect((await mediaForStories(site.runtime.store.db, [ferryId])).get(ferryId)?.sha256).toBe(ferrySha);
  });

  it('records a non-picture and a decompression bomb as media_failed with the reason; the story publishes with its good picture', async () => {
    const item: SampleItem = {
      guid: 'pic-broken-1',
      headline: 'Tea auction in Kochi closes higher on export demand',
      body: 'Kochi, Nov 29 Leaf grades rose at the weekly auction as buyers from the Gulf returned, brokers said, while dust grades held steady.',
      pubDate: 'Sun, 29 Nov 2026 06:30:00 +0000',
      media: [`${pictures.base}/login.jpg`, `${pictures.base}/bomb.png`, `${pictures.base}/photo.jpg`]
        .map((url) => `<media:content url="${url}" medium="image"/>`)
        .join(''),
    };
    const [storyId] = (await ingest('sample-http', [item])) as [number];
    teaId = storyId;
    const story = await site.runtime.store.db.selectFrom('stories').select('status').where('id', '=', storyId).executeTakeFirstOrThrow();
    expect(story.status).toBe('published');
    // The first picture that could be taken leads; each broken one was tried once.
    expect((await mediaForStories(site.runtime.store.db, [storyId])).get(storyId)?.sha256).toBe(ferrySha);
    expect([pictures.hits.get('/login.jpg'), pictures.hits.get('/bomb.png')]).toEqual([1, 1]);
    const failures = await failuresOf(storyId);
    expect(failures.map((failure) => failure.url)).toEqual([`${pictures.base}/login.jpg`, `${pictures.base}/bomb.png`]);
    expect(failures[0]?.reason).toMatch(/^not a picture: /);
    expect(failures[1]?.reason).toBe('picture is 60000×60000 pixels (3600.0 megapixels); the limit is 50.0 megapixels');
  });

  it('fetches under the feed transport rules: a feed that may not reach loopback gets no loopback picture', async () => {
    const item: SampleItem = {
      guid: 'pic-guarded-1',
      headline: 'Surat diamond units shift to solar rooftops',
      body: 'Surat, Nov 29 Forty polishing units signed up for rooftop panels under the city scheme, the association said, cutting their grid bills by a third.',
      pubDate: 'Sun, 29 Nov 2026 06:40:00 +0000',
      media: `<media:content url="${pictures.base}/second.jpg" medium="image"/>`,
    };
    const [storyId] = (await ingest('sample-guarded', [item])) as [number];
    expect(pictures.hits.get('/second.jpg') ?? 0).toBe(0);
    const [failure] = await failuresOf(storyId);
    expect(failure?.reason).toMatch(/private or loopback address 127\.0\.0\.1/);
  });

  it('takes a picture dropped with the XML in the watch folder, and nothing outside it', async () => {
    const folder = path.join(site.dataDir, 'drop', 'sample');
    // In a subfolder: the watch folder takes every file at its top level as a feed payload.
    mkdirSync(path.join(folder, 'photos'), { recursive: true });
    writeFileSync(path.join(folder, 'photos', 'market.jpg'), await samplePhoto(1000, 750));
    writeFileSync(path.join(site.dataDir, 'outside.jpg'), await samplePhoto(400, 300));
    const item: SampleItem = {
      guid: 'pic-drop-1',
      headline: 'Indore night market gets covered walkways before winter',
      body: 'Indore, Nov 29 The civic body finished the roof over the food lanes at Sarafa, traders said, ahead of the wedding season crowds.',
      pubDate: 'Sun, 29 Nov 2026 06:50:00 +0000',
      media: '<media:content url="photos/market.jpg" medium="image"/><media:content url="../../outside.jpg" medium="image"/>',
    };
    writeFileSync(path.join(folder, 'story.xml'), rss([item]));
    const dropFeed = await site.runtime.store.db.selectFrom('feeds').selectAll().where('id', '=', 'sample-drop').executeTakeFirstOrThrow();
    await site.runtime.watchFolder.scan(dropFeed, Date.now() + 60_000);
    await site.runtime.bus.settled();
    const story = await site.runtime.store.db.selectFrom('stories').select('id').where('guid', '=', 'pic-drop-1').executeTakeFirstOrThrow();
    const lead = (await mediaForStories(site.runtime.store.db, [story.id])).get(story.id);
    expect([lead?.width, lead?.height]).toEqual([1000, 750]);
    const response = await site.app.inject({ method: 'GET', url: `/media/${lead?.sha256}/640.jpg` });
    expect([response.statusCode, response.headers['content-type']]).toEqual([200, 'image/jpeg']);
    const [failure] = await failuresOf(story.id);
    expect(failure?.reason).toBe("the file is outside the feed's watch folder");
  }, 30_000);

  it('serves a picture only while a published story shows it: a kill reaches the photos', async () => {
    const url = `/media/${ferrySha}/640.avif`;
    expect((await site.app.inject({ method: 'GET', url })).headers['surrogate-key']).toContain(`story-${ferryId}`);
    await site.runtime.publisher.kill(ferryId, 'agency kill', 'test');
    const shared = await site.app.inject({ method: 'GET', url });
    expect(shared.statusCode).toBe(200);
    expect(String(shared.headers['surrogate-key']).split(' ')).toEqual([`media-${ferrySha}`, `story-${teaId}`]);
    await site.runtime.publisher.kill(teaId, 'agency kill', 'test');
    expect((await site.app.inject({ method: 'GET', url })).statusCode).toBe(404);
  });
});
