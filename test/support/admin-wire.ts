import type { Runtime } from '../../src/runtime.ts';
import type { Feed } from '../../src/store/schema.ts';

/** Fictional wire copy for the console's tests: a small RSS document built from item specs. */

export interface WireSpec {
  guid: string;
  title: string;
  body: string;
  categories?: string[];
  link?: string;
}

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function rssOf(items: WireSpec[], when = 'Sun, 29 Nov 2026 09:00:00 +0530'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Test Wire</title><link>https://wire.test.example/</link><description>fictional</description>
${items
  .map(
    (item) => `<item>
<title>${escapeXml(item.title)}</title>
<guid isPermaLink="false">${escapeXml(item.guid)}</guid>
<link>${escapeXml(item.link ?? `https://wire.test.example/${item.guid}`)}</link>
<pubDate>${when}</pubDate>
${(item.categories ?? []).map((category) => `<category>${escapeXml(category)}</category>`).join('\n')}
<content:encoded><![CDATA[${item.body}]]></content:encoded>
</item>`,
  )
  .join('\n')}
</channel></rss>`;
}

/** An agency and a folder feed for it (mode auto or review), ready for `ingestInto`. */
export async function addWireFeed(runtime: Runtime, id: string, mode: 'auto' | 'review' = 'auto'): Promise<Feed> {
  const now = new Date().toISOString();
  const { db } = runtime.store;
  await db
    .insertInto('agencies')
    .values({
      id: 'tpa',
      name: 'Test Press Agency',
      byline: 'TPA',
      disclaimer: 'Auto-published.',
      priority: 100,
      indexing_policy: 'index',
      created_at: now,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await db
    .insertInto('feeds')
    .values({
      id,
      agency_id: 'tpa',
      transport: 'folder',
      location: id,
      format: 'auto',
      interval_seconds: 60,
      mode,
      default_section: 'national',
      language: 'en',
      zone: 'Asia/Kolkata',
      credentials: null,
      status_map: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return db.selectFrom('feeds').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function ingestInto(runtime: Runtime, feed: Feed, items: WireSpec[]) {
  return runtime.pipeline.ingest(feed, Buffer.from(rssOf(items)), { charset: 'utf-8', baseUrl: null, ref: 'test' });
}

export async function storyByGuid(runtime: Runtime, guid: string) {
  return runtime.store.db.selectFrom('stories').selectAll().where('guid', '=', guid).executeTakeFirstOrThrow();
}
