/**
 * Lighthouse (mobile emulation, its default) on article pages, with Debian's Chromium:
 *   npx tsx bench/site/lighthouse.ts
 * Needs the `lighthouse@12.2.3` dev dependency (13 needs Node 22). Audits a text-only article
 * and one with a lead photo (served from a loopback picture server, stored and resized by
 * Wiredesk as in production) and prints, for each, the four category scores and the timings
 * behind the performance score. The goal is 100 for accessibility, best practices and SEO, and
 * at least 95 for performance.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { storyPath } from '../../src/domain/slug.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/support/browser.ts';
import { createTestSite, feedConfig } from '../../test/support/runtime.ts';
import { idOf, publishSamples, SITE_TEST_CONFIG } from '../../test/support/site-support.ts';
import { samplePhoto } from '../../test/unit/media/sample-pictures.ts';

const LIGHTHOUSE = path.resolve('node_modules/.bin/lighthouse');
const TIMINGS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'];

interface LighthouseReport {
  categories: Record<string, { score: number | null }>;
  audits: Record<string, { displayValue?: string }>;
}

const work = mkdtempSync(path.join(os.tmpdir(), 'wiredesk-lighthouse-'));
const photo = await samplePhoto(1600, 1000);
const pictures = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': photo.length }).end(photo);
});
await new Promise<void>((resolve) => pictures.listen(0, '127.0.0.1', resolve));
const picturesBase = `http://127.0.0.1:${(pictures.address() as AddressInfo).port}`;

const site = await createTestSite({
  ...SITE_TEST_CONFIG,
  // The photo's feed may reach the loopback picture server; real feeds may not by default.
  feeds: [
    ...(SITE_TEST_CONFIG.feeds ?? []),
    feedConfig({ id: 'nna-photos', agency: 'nna', transport: 'http', defaultSection: 'national', allowPrivate: true }),
  ],
});
try {
  const ids = await publishSamples(site.runtime);
  const photoStoryId = await publishPhotoStory();
  const base = await site.app.listen({ port: 0, host: '127.0.0.1' });
  const results: Record<string, unknown> = {};
  for (const [name, id] of [
    ['textArticle', idOf(ids, 'nna-tech-1')],
    ['photoArticle', photoStoryId],
  ] as const) {
    const story = await site.runtime.store.db.selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    // The first view renders the photo's renditions; Lighthouse measures what readers get after it.
    const html = await (await fetch(`${base}${storyPath(story)}`)).text();
    if (name === 'photoArticle' && !html.includes('<picture')) throw new Error('the photo article shows no photo: the audit would miss it');
    results[name] = await audit(`${base}${storyPath(story)}`);
  }
  console.log(JSON.stringify(results, null, 2));
} finally {
  await site.close();
  pictures.close();
  rmSync(work, { recursive: true, force: true });
}

/** A fictional story with a lead photo, through the real pipeline (fetch, store, renditions). */
async function publishPhotoStory(): Promise<number> {
  const feed = await site.runtime.store.db.selectFrom('feeds').selectAll().where('id', '=', 'nna-photos').executeTakeFirstOrThrow();
  const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Northline photos (fictional)</title>
<link>https://wire.example.test/</link><description>Bench feed</description>
<item><title>Harbour cranes return to work after the monsoon refit</title><guid isPermaLink="false">nna-photo-bench-1</guid>
<pubDate>${new Date().toUTCString()}</pubDate>
<description>&lt;p&gt;Kochi, Dec 6 The port's four container cranes went back into service on Sunday after a refit that took most of the monsoon, and the first ship was unloaded by noon.&lt;/p&gt;&lt;p&gt;Port officials said the new controls would cut the time a ship spends at the berth by about a fifth.&lt;/p&gt;</description>
<media:content url="${picturesBase}/cranes.jpg" medium="image" type="image/jpeg"><media:description>The refitted cranes at the container berth</media:description><media:credit>Northline / Bench</media:credit></media:content>
</item></channel></rss>`;
  await site.runtime.pipeline.ingest(feed, Buffer.from(rss), { charset: null, baseUrl: `${picturesBase}/feed.xml`, ref: 'bench' });
  const story = await site.runtime.store.db
    .selectFrom('stories')
    .select('id')
    .where('guid', '=', 'nna-photo-bench-1')
    .executeTakeFirstOrThrow();
  return story.id;
}

async function audit(url: string): Promise<{ scores: Record<string, number | null>; timings: Record<string, string | undefined> }> {
  const output = path.join(work, 'report.json');
  await promisify(execFile)(
    LIGHTHOUSE,
    [url, '--quiet', '--output=json', `--output-path=${output}`, `--chrome-flags=--headless=new ${CHROMIUM_ARGS.join(' ')}`],
    { env: { ...process.env, CHROME_PATH: CHROMIUM_PATH }, maxBuffer: 64 * 1024 * 1024 },
  );
  const report = JSON.parse(readFileSync(output, 'utf8')) as LighthouseReport;
  return {
    scores: Object.fromEntries(
      Object.entries(report.categories).map(([name, { score }]) => [name, score === null ? null : Math.round(score * 100)]),
    ),
    timings: Object.fromEntries(TIMINGS.map((id) => [id, report.audits[id]?.displayValue])),
  };
}
