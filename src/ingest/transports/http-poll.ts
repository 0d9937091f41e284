import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { recordEvent } from '../../publish/index.ts';
import type { Database, Feed } from '../../store/index.ts';
import type { IngestPipeline, IngestReport } from '../pipeline.ts';
import { nextPollDelaySeconds } from './backoff.ts';
import { FetchError, type FetchLimits, fetchFeedOnce } from './http-fetch.ts';

export { FetchError, type FetchOptions, type FetchResult, fetchFeedOnce } from './http-fetch.ts';

/**
 * Polls every active HTTP feed when it is due. Each poll first takes a lease on the feed (an
 * UPDATE that only one process can win), so several Wiredesk processes on one PostgreSQL poll
 * each feed exactly once. A failed fetch is never silent: the feed's row carries the failing
 * state (consecutive_failures, last_error, next_poll_at), a `fetch_failed` event is recorded,
 * and the feed backs off. The ETag / Last-Modified are saved only after the items are stored,
 * so a crash mid-ingest means a full re-fetch, never a lost item.
 */

export interface PollerOptions {
  limits: FetchLimits & { pollFloorSeconds: number };
  /** How often due feeds are looked for. */
  tickMs: number;
  /** Feeds fetched at the same time. */
  concurrency: number;
  random?: () => number;
  now?: () => Date;
}

export type PollResult =
  | { feedId: string; outcome: 'ingested'; report: IngestReport; nextPollAt: string }
  | { feedId: string; outcome: 'not-modified'; nextPollAt: string }
  | { feedId: string; outcome: 'failed'; error: string; failures: number; nextPollAt: string }
  | { feedId: string; outcome: 'busy' };

/** From this many consecutive failures on, the feed is logged as failing at error level (alert-worthy). */
const FAILING_AFTER = 3;

export class HttpPoller {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #abort = new AbortController();
  readonly #now: () => Date;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly pipeline: IngestPipeline,
    private readonly log: Logger,
    private readonly options: PollerOptions,
  ) {
    this.#now = options.now ?? (() => new Date());
  }

  start(): void {
    if (this.#timer !== null) return;
    this.#abort = new AbortController();
    const tick = async (): Promise<void> => {
      this.#running = this.pollDue()
        .then(() => undefined)
        .catch((error: unknown) => this.log.error({ err: error }, 'feed polling pass failed'));
      await this.#running;
      this.#running = null;
      if (this.#timer !== null) this.#timer = setTimeout(() => void tick(), this.options.tickMs);
    };
    this.#timer = setTimeout(() => void tick(), 0);
  }

  /** Stops polling and cancels fetches in flight; resolves when the current pass has ended. */
  async stop(): Promise<void> {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#abort.abort();
    await this.#running;
  }

  /** Polls every HTTP feed that is due now, a few at a time. */
  async pollDue(): Promise<PollResult[]> {
    const now = this.#now().toISOString();
    const due = await this.db
      .selectFrom('feeds')
      .selectAll()
      .where('transport', '=', 'http')
      .where('paused', '=', 0)
      .where((eb) => eb.or([eb('next_poll_at', 'is', null), eb('next_poll_at', '<=', now)]))
      .orderBy('next_poll_at')
      .execute();
    const results: PollResult[] = [];
    const queue = [...due];
    const worker = async (): Promise<void> => {
      for (let feed = queue.shift(); feed !== undefined; feed = queue.shift()) {
        if (this.#abort.signal.aborted) return;
        results.push(await this.poll(feed));
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, queue.length) }, worker));
    return results;
  }

  /** One poll of one feed: lease, fetch, ingest, record the outcome and the next poll time. */
  async poll(feed: Feed): Promise<PollResult> {
    const started = this.#now();
    if (!(await this.#lease(feed, started))) return { feedId: feed.id, outcome: 'busy' };
    try {
      const fetched = await fetchFeedOnce(feed, { limits: this.options.limits, signal: this.#abort.signal });
      if (fetched.kind === 'not-modified') {
        const nextPollAt = await this.#succeeded(feed, started, null);
        return { feedId: feed.id, outcome: 'not-modified', nextPollAt };
      }
      const report = await this.pipeline.ingest(feed, fetched.bytes, { charset: fetched.charset, baseUrl: fetched.url, ref: fetched.url });
      if (report.error !== null) throw new FetchError(`payload rejected: ${report.error}`, fetched.status);
      const nextPollAt = await this.#succeeded(feed, started, { etag: fetched.etag, lastModified: fetched.lastModified });
      return { feedId: feed.id, outcome: 'ingested', report, nextPollAt };
    } catch (error) {
      return this.#failed(feed, started, error);
    }
  }

  /**
   * Claims the feed for this poll: a compare-and-set on the next_poll_at this process read, so
   * of several processes that saw the feed due, exactly one wins. The lease outlasts any fetch.
   */
  async #lease(feed: Feed, now: Date): Promise<boolean> {
    const leaseEnds = new Date(now.getTime() + this.options.limits.fetchTimeoutMs * 2 + 60_000).toISOString();
    const result = await this.db
      .updateTable('feeds')
      .set((eb) => ({ next_poll_at: leaseEnds, last_fetch_at: now.toISOString(), fetch_count: eb('fetch_count', '+', 1) }))
      .where('id', '=', feed.id)
      .where('next_poll_at', feed.next_poll_at === null ? 'is' : '=', feed.next_poll_at)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async #succeeded(feed: Feed, started: Date, validators: { etag: string | null; lastModified: string | null } | null): Promise<string> {
    const now = this.#now();
    const delay = nextPollDelaySeconds({
      intervalSeconds: feed.interval_seconds,
      floorSeconds: this.options.limits.pollFloorSeconds,
      failures: 0,
      retryAfterSeconds: null,
    });
    const nextPollAt = new Date(started.getTime() + delay * 1000).toISOString();
    await this.db
      .updateTable('feeds')
      .set({
        last_success_at: now.toISOString(),
        consecutive_failures: 0,
        next_poll_at: nextPollAt,
        ...(validators === null ? {} : { etag: validators.etag, last_modified: validators.lastModified }),
      })
      .where('id', '=', feed.id)
      .execute();
    if (feed.consecutive_failures > 0) {
      await recordEvent(this.db, 'fetch_recovered', null, feed.id, { after_failures: feed.consecutive_failures }, now);
      this.log.info({ feed: feed.id, afterFailures: feed.consecutive_failures }, 'feed recovered');
    }
    return nextPollAt;
  }

  async #failed(feed: Feed, started: Date, error: unknown): Promise<PollResult> {
    const now = this.#now();
    const reason = error instanceof Error ? error.message : String(error);
    const failures = feed.consecutive_failures + 1;
    const retryAfterSeconds = error instanceof FetchError ? error.retryAfterSeconds : null;
    const delay = nextPollDelaySeconds({
      intervalSeconds: feed.interval_seconds,
      floorSeconds: this.options.limits.pollFloorSeconds,
      failures,
      retryAfterSeconds,
      ...(this.options.random === undefined ? {} : { random: this.options.random }),
    });
    const nextPollAt = new Date(started.getTime() + delay * 1000).toISOString();
    await this.db
      .updateTable('feeds')
      .set({ consecutive_failures: failures, last_error: reason, last_error_at: now.toISOString(), next_poll_at: nextPollAt })
      .where('id', '=', feed.id)
      .execute();
    await recordEvent(
      this.db,
      'fetch_failed',
      null,
      feed.id,
      { reason, status: error instanceof FetchError ? error.status : null, consecutive_failures: failures, next_poll_at: nextPollAt },
      now,
    );
    const entry = { feed: feed.id, url: feed.location, reason, failures, nextPollAt };
    if (failures >= FAILING_AFTER) this.log.error(entry, 'feed is failing');
    else this.log.warn(entry, 'feed fetch failed');
    return { feedId: feed.id, outcome: 'failed', error: reason, failures, nextPollAt };
  }
}
