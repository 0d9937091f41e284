import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { NormalizedItem, Route, WireFormat, WireItem } from '../domain/index.ts';
import { mergeStatusMap, type StatusMap } from '../domain/index.ts';
import type { Outcome, Publisher } from '../publish/index.ts';
import type { Agency, Database, Feed } from '../store/index.ts';
import { parseWire } from './formats/index.ts';
import { normalize } from './normalize.ts';
import { type RouteContext, routeItem } from './route.ts';

/**
 * The only place that knows the order of the steps: parse -> normalize -> route -> dedupe and
 * store (the publisher). Every item is its own unit of work: a bad one is recorded as rejected
 * with the feed, the item and the reason, and the rest of the batch goes on.
 */

export interface IngestSource {
  /** charset from the transport (HTTP Content-Type), if any. */
  charset: string | null;
  /** Base URL for relative links: the final URL after redirects, or the file's URL. */
  baseUrl: string | null;
  /** What the bytes were (file name, URL) for the log and rejection records. */
  ref: string;
}

export interface IngestReport {
  feedId: string;
  format: WireFormat | null;
  items: number;
  created: number;
  updated: number;
  history: number;
  unchanged: number;
  rejected: number;
  skipped: number;
  /** Set when the whole payload could not be read (malformed, not a feed, too large). */
  error: string | null;
  storyIds: number[];
}

export type RouteAdjuster = (route: Route, normalized: NormalizedItem, feed: Feed) => Promise<Route>;

export interface PipelineOptions {
  sections: RouteContext['sections'];
  maxItemBytes: number;
  maxItemsPerFetch: number;
}

/** Stored raw payloads are capped: enough to diagnose, never a 100 MB row. */
const MAX_STORED_RAW = 256 * 1024;

export class IngestPipeline {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly publisher: Publisher,
    private readonly options: PipelineOptions,
    private readonly log: Logger,
    /** Optional step after the default route: the console's routing rules (ingest/rules.ts). */
    private readonly adjustRoute?: RouteAdjuster,
  ) {}

  async ingest(feed: Feed, bytes: Uint8Array, source: IngestSource): Promise<IngestReport> {
    const agency = await this.db.selectFrom('agencies').selectAll().where('id', '=', feed.agency_id).executeTakeFirstOrThrow();
    const report: IngestReport = {
      feedId: feed.id,
      format: null,
      items: 0,
      created: 0,
      updated: 0,
      history: 0,
      unchanged: 0,
      rejected: 0,
      skipped: 0,
      error: null,
      storyIds: [],
    };
    let parsed: ReturnType<typeof parseWire>;
    try {
      parsed = parseWire(bytes, feed.format as WireFormat | 'auto', {
        zone: feed.zone,
        baseUrl: source.baseUrl,
        charset: source.charset,
        statusMap: statusMapOf(feed),
      });
    } catch (error) {
      report.error = (error as Error).message;
      await this.reject(feed, `(payload ${source.ref})`, report.error, Buffer.from(bytes.subarray(0, MAX_STORED_RAW)).toString('utf8'));
      this.log.warn({ feed: feed.id, source: source.ref, reason: report.error }, 'feed payload rejected');
      return report;
    }
    report.format = parsed.format;
    report.skipped = parsed.skipped.length;
    for (const skipped of parsed.skipped) {
      this.log.info({ feed: feed.id, item: skipped.ref, reason: skipped.reason }, 'item skipped');
    }
    for (const rejected of parsed.rejected) {
      report.rejected++;
      await this.reject(feed, rejected.ref, rejected.reason, rejected.raw);
    }

    const items = parsed.items.slice(0, this.options.maxItemsPerFetch);
    for (const dropped of parsed.items.slice(this.options.maxItemsPerFetch)) {
      report.rejected++;
      await this.reject(feed, dropped.guid, `more than ${this.options.maxItemsPerFetch} items in one fetch`, null);
    }
    for (const item of items) {
      report.items++;
      try {
        this.count(report, await this.ingestItem(feed, agency, item));
      } catch (error) {
        report.rejected++;
        await this.reject(feed, item.guid || item.link || item.headline, (error as Error).message, item.raw);
      }
    }
    this.log.info({ feed: feed.id, source: source.ref, ...report, storyIds: undefined }, 'ingested');
    return report;
  }

  async ingestItem(feed: Feed, agency: Agency, item: WireItem): Promise<Outcome> {
    const size = Buffer.byteLength(item.raw) + Buffer.byteLength(item.bodyHtml);
    if (size > this.options.maxItemBytes) {
      throw new Error(`item is ${size} bytes; the limit is ${this.options.maxItemBytes}`);
    }
    const normalized = normalize(item, { feedLanguage: feed.language });
    const defaultRoute = routeItem(normalized, { sections: this.options.sections, defaultSection: feed.default_section });
    const route = this.adjustRoute === undefined ? defaultRoute : await this.adjustRoute(defaultRoute, normalized, feed);
    return this.publisher.apply(feed, agency, normalized, route);
  }

  private count(report: IngestReport, outcome: Outcome): void {
    if (outcome.storyId !== null) report.storyIds.push(outcome.storyId);
    if (outcome.action === 'created') report.created++;
    else if (outcome.action === 'updated') report.updated++;
    else if (outcome.action === 'history') report.history++;
    else report.unchanged++;
  }

  private async reject(feed: Feed, ref: string, reason: string, raw: string | null): Promise<void> {
    this.log.warn({ feed: feed.id, item: ref, reason }, 'item rejected');
    await this.db
      .insertInto('rejected_items')
      .values({
        feed_id: feed.id,
        item_ref: ref.slice(0, 500),
        reason,
        raw: raw === null ? null : raw.slice(0, MAX_STORED_RAW),
        created_at: new Date().toISOString(),
        retried_at: null,
      })
      .execute();
  }
}

function statusMapOf(feed: Feed): StatusMap {
  return mergeStatusMap(feed.status_map === null ? {} : (JSON.parse(feed.status_map) as StatusMap));
}
