import { describe, expect, it } from 'vitest';
import { formatReaderTime, isoWithOffset } from '../../../src/site/format-time.ts';

describe('the reader-facing time', () => {
  it('shows the instant in the site zone with its label, as wire sites do', () => {
    // 03:54 UTC is 09:24 in India (UTC+05:30).
    expect(formatReaderTime(new Date('2025-08-05T03:54:00Z'), 'Asia/Kolkata', 'IST')).toBe('August 5, 2025 09:24 IST');
  });

  it('pads hours and minutes to two digits and uses a 24-hour clock', () => {
    expect(formatReaderTime(new Date('2026-11-29T18:35:00Z'), 'Asia/Kolkata', 'IST')).toBe('November 30, 2026 00:05 IST');
    expect(formatReaderTime(new Date('2026-01-02T07:31:00Z'), 'Asia/Kolkata', 'IST')).toBe('January 2, 2026 13:01 IST');
  });

  it('crosses the date line into the next day in the site zone, not the server zone', () => {
    expect(formatReaderTime(new Date('2026-12-31T20:00:00Z'), 'Asia/Kolkata', 'IST')).toBe('January 1, 2027 01:30 IST');
  });

  it('gives the machine-readable time with the zone offset', () => {
    expect(isoWithOffset(new Date('2025-08-05T03:54:00Z'), 'Asia/Kolkata')).toBe('2025-08-05T09:24:00+05:30');
    expect(isoWithOffset(new Date('2026-07-01T12:00:00Z'), 'America/New_York')).toBe('2026-07-01T08:00:00-04:00');
    expect(isoWithOffset(new Date('2026-01-15T12:00:00Z'), 'UTC')).toBe('2026-01-15T12:00:00+00:00');
  });
});
