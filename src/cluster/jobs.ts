import { sql } from 'kysely';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { HttpPoller } from '../ingest/index.ts';
import { effectiveInterval } from '../ingest/index.ts';
import type { Publisher } from '../publish/index.ts';
import type { Feed, Store } from '../store/index.ts';

/**
 * Feed polls and embargo releases as pg-boss jobs, so that however many nodes run, each piece
 * of work is done by exactly one of them:
 *
 * - Every node looks once a second for HTTP feeds due in the current interval and asks pg-boss
 *   for a `feed-poll` job keyed by the feed with `singletonSeconds` = the feed's interval. pg-boss
 *   keeps one job per key per interval slot (a unique index), so of all the nodes asking, one
 *   job is created, and one node takes it.
 * - A node that dies holding a job stops answering for it; after `jobExpireSeconds` pg-boss
 *   marks it failed and hands it to another node. The retried poll fetches the whole feed again
 *   and the publisher stores each item once by its (agency, guid) identity. An advisory lock per
 *   feed keeps a slow-but-alive node's poll from being run twice at once (see #poll).
 * - Embargo releases: every node asks for an `embargo-release` job at the next embargo time,
 *   keyed by that time on a `short` queue (one waiting job per key); one node releases.
 */
const FEED_POLL = 'feed-poll';
const EMBARGO_RELEASE = 'embargo-release';
const SCHEDULE_TICK_MS = 1000;

interface FeedPollData {
  feedId: string;
  /** The interval the job was keyed by: with the job's creation time, it names the slot served. */
  intervalSeconds: number;
}

export interface JobDependencies {
  store: Store;
  databaseUrl: string;
  poller: HttpPoller;
  publisher: Publisher;
  config: Pick<Config, 'cluster' | 'limits'>;
  log: Logger;
}

export class ClusterJobs {
  #timer: NodeJS.Timeout | null = null;
  #ticking: Promise<void> | null = null;

  private constructor(
    private readonly boss: PgBoss,
    private readonly deps: JobDependencies,
  ) {}

  /** Starts pg-boss (creating its schema on first use), the workers and the scheduling tick. */
  static async start(deps: JobDependencies): Promise<ClusterJobs> {
    const { cluster } = deps.config;
    const boss = new PgBoss({
      connectionString: deps.databaseUrl,
      application_name: 'wiredesk-jobs',
      max: 4,
      // Cron schedules are not used: the tick below decides what is due.
      schedule: false,
      maintenanceIntervalSeconds: cluster.maintenanceSeconds,
    });
    boss.on('error', (error) => deps.log.error({ err: error }, 'job queue error'));
    await boss.start();
    const queueDefaults = { expireInSeconds: cluster.jobExpireSeconds, retryLimit: 5, retryDelay: 1 };
    await boss.createQueue(FEED_POLL, { name: FEED_POLL, policy: 'standard', ...queueDefaults });
    await boss.createQueue(EMBARGO_RELEASE, { name: EMBARGO_RELEASE, policy: 'short', ...queueDefaults });
    const jobs = new ClusterJobs(boss, deps);
    const work = { pollingIntervalSeconds: cluster.jobPollingSeconds, batchSize: 1, includeMetadata: true } as const;
    await boss.work<FeedPollData>(FEED_POLL, work, async ([job]) => {
      if (job !== undefined) await jobs.#poll(job.data.feedId, slotStartOf(job.createdOn, job.data.intervalSeconds));
    });
    await boss.work(EMBARGO_RELEASE, work, async () => {
      const released = await deps.publisher.releaseDueEmbargoes();
      if (released > 0) deps.log.info({ released }, 'embargoed stories published');
    });
    jobs.#schedule();
    return jobs;
  }

  /**
   * Stops asking for new jobs, lets the jobs in hand finish (up to `timeoutMs`; an unfinished
   * one is failed back to the queue for another node) and closes pg-boss's connections.
   */
  async stop(timeoutMs: number): Promise<void> {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#ticking;
    await this.boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
  }

  #schedule(): void {
    this.#timer = setTimeout(() => {
      this.#ticking = this.#tick()
        .catch((error: unknown) => this.deps.log.error({ err: error }, 'job scheduling failed; retrying'))
        .finally(() => {
          this.#ticking = null;
          if (this.#timer !== null) this.#schedule();
        });
    }, SCHEDULE_TICK_MS);
  }

  async #tick(): Promise<void> {
    const { store, config, publisher } = this.deps;
    const now = Date.now();
    const feeds = await store.db.selectFrom('feeds').selectAll().where('transport', '=', 'http').where('paused', '=', 0).execute();
    for (const feed of feeds) {
      const interval = effectiveInterval(feed.interval_seconds, config.limits.pollFloorSeconds);
      const slotEnd = (Math.floor(now / 1000 / interval) + 1) * interval * 1000;
      // Due within this slot: a healthy feed polled in the last slot is, a backing-off one is not.
      if (feed.next_poll_at !== null && Date.parse(feed.next_poll_at) >= slotEnd) continue;
      const data: FeedPollData = { feedId: feed.id, intervalSeconds: interval };
      await this.boss.send(FEED_POLL, data, { singletonKey: feed.id, singletonSeconds: interval });
    }
    const embargo = await publisher.nextEmbargo();
    if (embargo !== null) {
      await this.boss.send(EMBARGO_RELEASE, {}, { singletonKey: embargo.toISOString(), startAfter: embargo });
    }
  }

  /**
   * Polls under a PostgreSQL advisory lock on the feed, held by this node's session for the
   * whole poll. pg-boss cannot tell a slow node from a dead one (a job that outlives its expiry
   * is handed out again while the first node is still at it); the lock can: a live node keeps
   * it, and a node that dies loses it with its connection. So a second copy of a poll waits its
   * turn out, and a dead node's poll is taken over.
   */
  async #poll(feedId: string, slotStart: Date): Promise<void> {
    const { store, poller, log } = this.deps;
    await store.db.connection().execute(async (session) => {
      const key = sql<string>`hashtextextended(${`wiredesk-feed-poll:${feedId}`}, 0)`;
      const locked = await sql<{ locked: boolean }>`SELECT pg_try_advisory_lock(${key}) AS locked`.execute(session);
      if (locked.rows[0]?.locked !== true) {
        log.debug({ feed: feedId }, 'feed is being polled by another node');
        return;
      }
      try {
        const feed = await store.db.selectFrom('feeds').selectAll().where('id', '=', feedId).executeTakeFirst();
        if (feed === undefined || feed.paused === 1 || feed.transport !== 'http') return;
        if (pollFinishedSince(feed, slotStart)) {
          log.debug({ feed: feedId }, 'feed already polled in this interval');
          return;
        }
        await poller.poll(feed);
      } finally {
        await sql`SELECT pg_advisory_unlock(${key})`.execute(session);
      }
    });
  }
}

function slotStartOf(createdOn: Date, intervalSeconds: number): Date {
  const interval = intervalSeconds * 1000;
  return new Date(Math.floor(createdOn.getTime() / interval) * interval);
}

/**
 * True when a poll that started in this job's slot has already finished: the job arrived late
 * (say, after a retry) and the slot is served. A poll started but never finished — its node
 * died — does not count, so the retried job polls again.
 */
export function pollFinishedSince(feed: Feed, slotStart: Date): boolean {
  if (feed.last_fetch_at === null || Date.parse(feed.last_fetch_at) < slotStart.getTime()) return false;
  return (feed.last_success_at ?? '') >= feed.last_fetch_at || (feed.last_error_at ?? '') >= feed.last_fetch_at;
}
