import type { Kysely } from 'kysely';
import type { Database, Feed } from '../store/index.ts';

/**
 * What the feeds dashboard shows: each feed's state and its last week, hour by hour. Counts
 * are bucketed here rather than in SQL so both store engines give the same answer.
 */

export type FeedStatus = 'healthy' | 'failing' | 'backing off' | 'paused';

/** From this many consecutive failures a feed is failing; fewer, it is backing off and retrying. */
const FAILING_AFTER = 3;
export const CHART_HOURS = 7 * 24;
const HOUR_MS = 3_600_000;

export function feedStatus(feed: Pick<Feed, 'paused' | 'consecutive_failures'>): FeedStatus {
  if (feed.paused === 1) return 'paused';
  if (feed.consecutive_failures >= FAILING_AFTER) return 'failing';
  if (feed.consecutive_failures > 0) return 'backing off';
  return 'healthy';
}

export interface FeedActivity {
  /** Items stored per hour, oldest first, CHART_HOURS long; the last bucket is the current hour. */
  itemsPerHour: number[];
  /** Failed fetches and rejected items per hour, aligned with itemsPerHour. */
  failuresPerHour: number[];
  itemsToday: number;
}

/** Counts timestamps into hourly buckets ending with the hour that contains `now`. */
export function hourlyBuckets(times: readonly string[], now: Date, hours = CHART_HOURS): number[] {
  const buckets = new Array<number>(hours).fill(0);
  const currentHour = Math.floor(now.getTime() / HOUR_MS);
  for (const time of times) {
    const index = hours - 1 - (currentHour - Math.floor(Date.parse(time) / HOUR_MS));
    if (index >= 0 && index < hours) buckets[index] = (buckets[index] ?? 0) + 1;
  }
  return buckets;
}

/** The instant the current day began in the given zone (the site's "today"). */
export function startOfDay(now: Date, zone: string): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(now)
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<string, number>;
  const wallAsUtc = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  const offset = wallAsUtc - Math.floor(now.getTime() / 1000) * 1000;
  return new Date(Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1) - offset);
}

export class FeedStats {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly zone: string,
  ) {}

  async feeds(): Promise<Feed[]> {
    return this.db.selectFrom('feeds').selectAll().orderBy('id').execute();
  }

  async feed(id: string): Promise<Feed | undefined> {
    return this.db.selectFrom('feeds').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The last week of every feed (or of one), keyed by feed id. */
  async activity(now: Date, feedId?: string): Promise<Map<string, FeedActivity>> {
    const since = new Date((Math.floor(now.getTime() / HOUR_MS) - CHART_HOURS + 1) * HOUR_MS).toISOString();
    const today = startOfDay(now, this.zone).toISOString();
    let stories = this.db.selectFrom('stories').select(['feed_id', 'created_at']).where('created_at', '>=', since);
    let failures = this.db
      .selectFrom('events')
      .select(['feed_id', 'created_at'])
      .where('type', '=', 'fetch_failed')
      .where('created_at', '>=', since);
    let rejected = this.db.selectFrom('rejected_items').select(['feed_id', 'created_at']).where('created_at', '>=', since);
    if (feedId !== undefined) {
      stories = stories.where('feed_id', '=', feedId);
      failures = failures.where('feed_id', '=', feedId);
      rejected = rejected.where('feed_id', '=', feedId);
    }
    const group = (rows: { feed_id: string | null; created_at: string }[]) => {
      const byFeed = new Map<string, string[]>();
      for (const row of rows) if (row.feed_id !== null) byFeed.set(row.feed_id, [...(byFeed.get(row.feed_id) ?? []), row.created_at]);
      return byFeed;
    };
    const stored = group(await stories.execute());
    const failed = group([...(await failures.execute()), ...(await rejected.execute())]);
    const result = new Map<string, FeedActivity>();
    for (const id of new Set([...stored.keys(), ...failed.keys()])) {
      const times = stored.get(id) ?? [];
      result.set(id, {
        itemsPerHour: hourlyBuckets(times, now),
        failuresPerHour: hourlyBuckets(failed.get(id) ?? [], now),
        itemsToday: times.filter((time) => time >= today).length,
      });
    }
    return result;
  }
}

export const NO_ACTIVITY: FeedActivity = {
  itemsPerHour: new Array<number>(CHART_HOURS).fill(0),
  failuresPerHour: new Array<number>(CHART_HOURS).fill(0),
  itemsToday: 0,
};
