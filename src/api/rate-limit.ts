import type { Kysely } from 'kysely';
import type { Database } from '../store/index.ts';

/**
 * Per-key request budget: a fixed window per API key and calendar minute. With one process
 * (SQLite) the count lives in memory; with many nodes on PostgreSQL it lives in the shared
 * store, so a key's limit holds across the cluster rather than per node.
 */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Whole seconds until the window resets. */
  resetSeconds: number;
}

export interface RateLimiter {
  take(keyId: number, perMinute: number): Promise<RateDecision>;
}

const WINDOW_MS = 60_000;

function decide(requests: number, perMinute: number, minute: number, now: number): RateDecision {
  const resetSeconds = Math.max(1, Math.ceil(((minute + 1) * WINDOW_MS - now) / 1000));
  return {
    allowed: requests <= perMinute,
    limit: perMinute,
    remaining: Math.max(0, perMinute - requests),
    resetSeconds,
  };
}

/** One process's own counts (the embedded SQLite default runs one process). */
export class MemoryRateLimiter implements RateLimiter {
  readonly #windows = new Map<number, { minute: number; requests: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async take(keyId: number, perMinute: number): Promise<RateDecision> {
    const now = this.now();
    const minute = Math.floor(now / WINDOW_MS);
    let window = this.#windows.get(keyId);
    if (window === undefined || window.minute !== minute) {
      window = { minute, requests: 0 };
      this.#windows.set(keyId, window);
    }
    // A refused request is not counted: the budget is what was served.
    if (window.requests >= perMinute) return decide(window.requests + 1, perMinute, minute, now);
    window.requests++;
    return decide(window.requests, perMinute, minute, now);
  }
}

/** Windows older than this are deleted now and then; nothing reads them. */
const KEEP_MINUTES = 60;

/**
 * Counts in the shared store: one upsert per request, returning the minute's count so far,
 * atomic across nodes. Every node agrees on the window because windows are calendar minutes.
 */
export class SharedRateLimiter implements RateLimiter {
  #lastSweep = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number = Date.now,
  ) {}

  async take(keyId: number, perMinute: number): Promise<RateDecision> {
    const now = this.now();
    const minute = Math.floor(now / WINDOW_MS);
    const { requests } = await this.db
      .insertInto('api_rate_windows')
      .values({ key_id: keyId, minute, requests: 1 })
      .onConflict((oc) => oc.columns(['key_id', 'minute']).doUpdateSet((eb) => ({ requests: eb('api_rate_windows.requests', '+', 1) })))
      .returning('requests')
      .executeTakeFirstOrThrow();
    if (minute !== this.#lastSweep) {
      this.#lastSweep = minute;
      await this.db
        .deleteFrom('api_rate_windows')
        .where('minute', '<', minute - KEEP_MINUTES)
        .execute();
    }
    return decide(requests, perMinute, minute, now);
  }
}
