import type { Config } from '../config.ts';
import type { WireFormat } from '../domain/index.ts';
import { mergeStatusMap, type StatusMap } from '../domain/index.ts';
import type { RoutingRules } from '../ingest/index.ts';
import { fetchFeedOnce, normalize, parseWire, routeItem } from '../ingest/index.ts';
import type { Feed } from '../store/index.ts';

/**
 * "Test fetch": one fetch of a feed, parsed, normalized and routed exactly as ingest would,
 * with nothing stored. Shows an admin what the feed would publish and why items would be refused.
 */

export interface TestFetchItem {
  guid: string;
  headline: string;
  dateline: string | null;
  teaser: string;
  excerpt: string;
  signal: string;
  pubstatus: string;
  section: string;
  city: string | null;
  tags: string[];
}

export interface TestFetchResult {
  url: string;
  status: number | null;
  format: WireFormat | null;
  items: TestFetchItem[];
  rejected: { ref: string; reason: string }[];
  skipped: { ref: string; reason: string }[];
  /** Set when the fetch or the whole document failed. */
  error: string | null;
}

const EXCERPT = 300;

export async function testFetch(feed: Feed, config: Pick<Config, 'limits' | 'sections'>, rules: RoutingRules): Promise<TestFetchResult> {
  const result: TestFetchResult = { url: feed.location, status: null, format: null, items: [], rejected: [], skipped: [], error: null };
  try {
    const fetched = await fetchFeedOnce(feed, { limits: config.limits, conditional: false });
    result.url = fetched.url;
    result.status = fetched.status;
    if (fetched.kind === 'not-modified') {
      result.error = 'the server answered 304 Not Modified to an unconditional request';
      return result;
    }
    const parsed = parseWire(fetched.bytes, feed.format as WireFormat | 'auto', {
      zone: feed.zone,
      baseUrl: fetched.url,
      charset: fetched.charset,
      statusMap: mergeStatusMap(feed.status_map === null ? {} : (JSON.parse(feed.status_map) as StatusMap)),
    });
    result.format = parsed.format;
    result.rejected = parsed.rejected.map(({ ref, reason }) => ({ ref, reason }));
    result.skipped = parsed.skipped;
    for (const item of parsed.items) {
      try {
        const normalized = normalize(item, { feedLanguage: feed.language });
        const route = await rules.adjust(
          routeItem(normalized, { sections: config.sections, defaultSection: feed.default_section }),
          normalized,
          feed,
        );
        result.items.push({
          guid: normalized.guid,
          headline: normalized.headline,
          dateline: normalized.dateline,
          teaser: normalized.teaser,
          excerpt: normalized.bodyText.slice(0, EXCERPT),
          signal: item.signal,
          pubstatus: item.pubstatus,
          ...route,
        });
      } catch (error) {
        result.rejected.push({ ref: item.guid || item.link || item.headline, reason: (error as Error).message });
      }
    }
  } catch (error) {
    result.error = (error as Error).message;
  }
  return result;
}
