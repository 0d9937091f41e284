import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../../src/api/cursor.ts';
import { matchesEtag } from '../../../src/api/http-cache.ts';
import { MemoryRateLimiter } from '../../../src/api/rate-limit.ts';

describe('API cursors', () => {
  it('round-trip the position of the last story', () => {
    const cursor = { updatedAt: '2026-11-29T04:05:00.000Z', id: 42 };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it('refuse anything this API did not make', () => {
    expect(decodeCursor('not a cursor')).toBeNull();
    expect(decodeCursor(Buffer.from('2026-11-29|42').toString('base64url'))).toBeNull();
    expect(decodeCursor(Buffer.from('2026-11-29T04:05:00Z|1 OR 1=1').toString('base64url'))).toBeNull();
  });
});

describe('the per-key rate limit in one process', () => {
  it('allows the per-minute budget, then refuses until the calendar minute is over', async () => {
    let now = 100 * 60_000;
    const limiter = new MemoryRateLimiter(() => now);
    expect(await limiter.take(1, 2)).toMatchObject({ allowed: true, remaining: 1 });
    expect(await limiter.take(1, 2)).toMatchObject({ allowed: true, remaining: 0 });
    now += 15_000;
    expect(await limiter.take(1, 2)).toEqual({ allowed: false, limit: 2, remaining: 0, resetSeconds: 45 });
    // Another key has its own budget.
    expect((await limiter.take(2, 2)).allowed).toBe(true);
    now += 45_000;
    expect(await limiter.take(1, 2)).toMatchObject({ allowed: true, remaining: 1 });
  });
});

describe('If-None-Match', () => {
  it('matches the same tag, weak or strong, in a list, or *', () => {
    expect(matchesEtag('"abc"', '"abc"')).toBe(true);
    expect(matchesEtag('W/"abc"', '"abc"')).toBe(true);
    expect(matchesEtag('"x", "abc"', '"abc"')).toBe(true);
    expect(matchesEtag('*', '"abc"')).toBe(true);
    expect(matchesEtag('"abd"', '"abc"')).toBe(false);
    expect(matchesEtag(undefined, '"abc"')).toBe(false);
  });
});
