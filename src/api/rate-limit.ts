/**
 * Per-key request budget: a fixed one-minute window per API key, counted in this process.
 * Behind a load balancer each node counts on its own, so a key's effective limit is its
 * per-minute budget times the nodes it reaches; the answer a client sees (429 + Retry-After)
 * is the same everywhere.
 */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Whole seconds until the window resets. */
  resetSeconds: number;
}

const WINDOW_MS = 60_000;

export class RateLimiter {
  readonly #windows = new Map<number, { start: number; count: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  take(keyId: number, perMinute: number): RateDecision {
    const now = this.now();
    let window = this.#windows.get(keyId);
    if (window === undefined || now - window.start >= WINDOW_MS) {
      window = { start: now, count: 0 };
      this.#windows.set(keyId, window);
    }
    const resetSeconds = Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000));
    if (window.count >= perMinute) return { allowed: false, limit: perMinute, remaining: 0, resetSeconds };
    window.count++;
    return { allowed: true, limit: perMinute, remaining: perMinute - window.count, resetSeconds };
  }
}
