import { describe, expect, it } from 'vitest';
import { DateParseError, parseWireDate } from '../../../src/domain/dates.ts';

const iso = (text: string, zone = 'UTC') => parseWireDate(text, zone).toISOString();

describe('parseWireDate: RFC 822 and its real-world variants', () => {
  it('reads the canonical form with a numeric offset', () => {
    expect(iso('Tue, 05 Aug 2025 09:24:00 +0530')).toBe('2025-08-05T03:54:00.000Z');
  });
  it('tolerates a missing weekday, a single-digit day and extra whitespace', () => {
    expect(iso('  5   Aug 2025   09:24:00   +0530 ')).toBe('2025-08-05T03:54:00.000Z');
  });
  it('ignores a wrong weekday instead of refusing the date', () => {
    expect(iso('Fri, 05 Aug 2025 09:24 GMT')).toBe('2025-08-05T09:24:00.000Z');
  });
  it('knows named zones: GMT, UT, UTC, Z, US zones and IST as India', () => {
    expect(iso('05 Aug 2025 09:24:00 UT')).toBe('2025-08-05T09:24:00.000Z');
    expect(iso('05 Aug 2025 09:24:00 UTC')).toBe('2025-08-05T09:24:00.000Z');
    expect(iso('05 Aug 2025 09:24:00 Z')).toBe('2025-08-05T09:24:00.000Z');
    expect(iso('05 Aug 2025 09:24:00 EST')).toBe('2025-08-05T14:24:00.000Z');
    expect(iso('05 Aug 2025 09:24:00 EDT')).toBe('2025-08-05T13:24:00.000Z');
    expect(iso('05 Aug 2025 09:24:00 CST')).toBe('2025-08-05T15:24:00.000Z');
    expect(iso('05 Aug 2025 09:24:00 PST')).toBe('2025-08-05T17:24:00.000Z');
    expect(iso('05 Aug 2025 09:24:00 IST')).toBe('2025-08-05T03:54:00.000Z');
  });
  it('reads two-digit years the RFC 2822 way', () => {
    expect(iso('05 Aug 25 09:24 +0000')).toBe('2025-08-05T09:24:00.000Z');
    expect(iso('05 Aug 99 09:24 +0000')).toBe('1999-08-05T09:24:00.000Z');
  });
  it('accepts a colon in the offset', () => {
    expect(iso('Tue, 05 Aug 2025 09:24:00 +05:30')).toBe('2025-08-05T03:54:00.000Z');
  });
});

describe('parseWireDate: W3C-DTF / ISO 8601', () => {
  it('reads +05:30, +0530, Z and fractional seconds', () => {
    expect(iso('2025-08-05T09:24:00+05:30')).toBe('2025-08-05T03:54:00.000Z');
    expect(iso('2025-08-05T09:24:00+0530')).toBe('2025-08-05T03:54:00.000Z');
    expect(iso('2025-08-05T09:24:00.125Z')).toBe('2025-08-05T09:24:00.125Z');
    expect(iso('2025-08-05T09:24-04:00')).toBe('2025-08-05T13:24:00.000Z');
  });
  it('reads the basic form NITF uses', () => {
    expect(iso('20250805T092400+0530')).toBe('2025-08-05T03:54:00.000Z');
  });
});

describe('parseWireDate: dates without a zone use the feed zone, never the server zone', () => {
  it('reads the same wall clock differently in Asia/Kolkata and America/New_York', () => {
    expect(iso('2025-08-05T09:24:00', 'Asia/Kolkata')).toBe('2025-08-05T03:54:00.000Z');
    expect(iso('2025-08-05T09:24:00', 'America/New_York')).toBe('2025-08-05T13:24:00.000Z');
    expect(iso('2025-01-05T09:24:00', 'America/New_York')).toBe('2025-01-05T14:24:00.000Z');
  });
  it('reads a date-only value as local midnight in the zone', () => {
    expect(iso('2025-08-05', 'Asia/Kolkata')).toBe('2025-08-04T18:30:00.000Z');
  });
  it('reads a zone-less RFC 822 date in the zone', () => {
    expect(iso('Tue, 05 Aug 2025 09:24:00', 'Asia/Kolkata')).toBe('2025-08-05T03:54:00.000Z');
  });
});

describe('parseWireDate: garbage is refused with the offending text', () => {
  it.each([
    'Last Tuesday',
    '',
    '2025-13-01',
    '2025-02-30T10:00:00Z',
    '31 Foo 2025 10:00 GMT',
    '05 Aug 2025 09:24 XYZ',
    '2025-08-05T25:00:00Z',
  ])('refuses %j', (text) => {
    expect(() => parseWireDate(text, 'UTC')).toThrow(DateParseError);
  });
  it('names the text in the error', () => {
    expect(() => parseWireDate('Next Monday', 'UTC')).toThrow(/"Next Monday"/);
  });
  it('refuses an unknown zone name', () => {
    expect(() => parseWireDate('2025-08-05T09:24:00', 'Mars/Olympus')).toThrow(/unknown time zone/);
  });
});

describe('parseWireDate: daylight-saving edges in the feed zone', () => {
  it('reads a repeated hour as its first occurrence', () => {
    expect(iso('2025-11-02T01:30:00', 'America/New_York')).toBe('2025-11-02T05:30:00.000Z');
    expect(iso('2025-10-26T02:30:00', 'Europe/Berlin')).toBe('2025-10-26T00:30:00.000Z');
  });
  it('moves a skipped time forward by the gap', () => {
    expect(iso('2025-03-09T02:30:00', 'America/New_York')).toBe('2025-03-09T07:30:00.000Z');
    expect(iso('2025-03-30T02:30:00', 'Europe/Berlin')).toBe('2025-03-30T01:30:00.000Z');
  });
});
