/**
 * When to poll a feed next. A healthy feed is polled every `interval` seconds, never more often
 * than the floor. A failing feed backs off exponentially (interval x 2^(failures-1), capped)
 * with up to +50% random jitter so many feeds failing together (an agency outage) do not come
 * back in lock-step; a server's Retry-After is always honoured when it asks for longer.
 */

/** However long a feed has been failing, it is tried at least this often. */
export const MAX_BACKOFF_SECONDS = 3600;

export function effectiveInterval(intervalSeconds: number, floorSeconds: number): number {
  return Math.max(intervalSeconds, floorSeconds);
}

export function backoffSeconds(failures: number, intervalSeconds: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const base = Math.min(MAX_BACKOFF_SECONDS, intervalSeconds * 2 ** exponent);
  return Math.round(base * (1 + random() * 0.5));
}

export interface NextPollInput {
  intervalSeconds: number;
  floorSeconds: number;
  /** Consecutive failures including the one just recorded; 0 after a success. */
  failures: number;
  retryAfterSeconds: number | null;
  random?: () => number;
}

export function nextPollDelaySeconds(input: NextPollInput): number {
  const interval = effectiveInterval(input.intervalSeconds, input.floorSeconds);
  const delay = input.failures === 0 ? interval : backoffSeconds(input.failures, interval, input.random);
  return Math.max(delay, input.retryAfterSeconds ?? 0);
}
