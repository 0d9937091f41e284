import { describe, expect, it } from 'vitest';
import { feedStatus, hourlyBuckets, startOfDay } from '../../../src/admin/feed-stats.ts';

describe('feed dashboard figures', () => {
  it('names a feed healthy, backing off, failing or paused', () => {
    expect(feedStatus({ paused: 0, consecutive_failures: 0 })).toBe('healthy');
    expect(feedStatus({ paused: 0, consecutive_failures: 2 })).toBe('backing off');
    expect(feedStatus({ paused: 0, consecutive_failures: 3 })).toBe('failing');
    expect(feedStatus({ paused: 1, consecutive_failures: 5 })).toBe('paused');
  });

  it('counts times into hourly buckets ending with the current hour', () => {
    const now = new Date('2026-11-29T10:30:00Z');
    const buckets = hourlyBuckets(
      ['2026-11-29T10:05:00Z', '2026-11-29T10:59:00Z', '2026-11-29T09:59:59Z', '2026-11-22T10:59:00Z', '2026-11-22T11:00:00Z'],
      now,
    );
    expect(buckets).toHaveLength(168);
    expect(buckets[167]).toBe(2);
    expect(buckets[166]).toBe(1);
    // Seven days back is outside the chart; the first hour inside it is counted.
    expect(buckets[0]).toBe(1);
    expect(buckets.reduce((a, b) => a + b, 0)).toBe(4);
  });

  it("finds the start of the site's day in its zone", () => {
    expect(startOfDay(new Date('2026-11-29T20:00:00Z'), 'Asia/Kolkata').toISOString()).toBe('2026-11-29T18:30:00.000Z');
    expect(startOfDay(new Date('2026-11-29T17:00:00Z'), 'Asia/Kolkata').toISOString()).toBe('2026-11-28T18:30:00.000Z');
    expect(startOfDay(new Date('2026-07-01T03:00:00Z'), 'America/New_York').toISOString()).toBe('2026-06-30T04:00:00.000Z');
  });
});
