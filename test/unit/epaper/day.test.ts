import { describe, expect, it } from 'vitest';
import { dayBounds, dayInZone, isEditionDate, longDate, nextDay } from '../../../src/epaper/day.ts';

describe('e-paper dates', () => {
  it('accepts real calendar dates only', () => {
    expect(isEditionDate('2026-11-29')).toBe(true);
    expect(isEditionDate('2028-02-29')).toBe(true);
    expect(isEditionDate('2026-02-29')).toBe(false);
    expect(isEditionDate('2026-13-01')).toBe(false);
    expect(isEditionDate('29-11-2026')).toBe(false);
    expect(isEditionDate('2026-11-29/../x')).toBe(false);
  });

  it('puts a story on the day of the site zone, not of UTC', () => {
    // 20:00 UTC on the 28th is 01:30 on the 29th in India.
    expect(dayInZone(new Date('2026-11-28T20:00:00Z'), 'Asia/Kolkata')).toBe('2026-11-29');
    expect(dayInZone(new Date('2026-11-28T20:00:00Z'), 'UTC')).toBe('2026-11-28');
  });

  it('bounds a day from midnight to midnight in the zone', () => {
    const { start, end } = dayBounds('2026-11-29', 'Asia/Kolkata');
    expect(start.toISOString()).toBe('2026-11-28T18:30:00.000Z');
    expect(end.toISOString()).toBe('2026-11-29T18:30:00.000Z');
    // A day with a daylight-saving change is 23 hours long.
    const spring = dayBounds('2026-03-29', 'Europe/London');
    expect(spring.start.toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(spring.end.toISOString()).toBe('2026-03-29T23:00:00.000Z');
  });

  it('names the day as a reader reads it and steps across month ends', () => {
    expect(longDate('2026-11-29')).toBe('Sunday, November 29, 2026');
    expect(nextDay('2026-11-30')).toBe('2026-12-01');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });
});
