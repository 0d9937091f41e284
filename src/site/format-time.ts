/**
 * How times appear to readers: "August 5, 2025 09:24 IST" in the site's zone, and the same
 * instant as ISO 8601 with that zone's offset for <time datetime> and structured data.
 */
const partsCache = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let format = partsCache.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    partsCache.set(zone, format);
  }
  return format;
}

interface ZonedParts {
  year: number;
  month: string;
  monthNumber: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * Parts already worked out, by zone and instant: every list on a page formats the same few
 * hundred recent stories' times, and Intl's formatToParts was a tenth of a page render.
 */
const partsOf = new Map<string, ZonedParts>();
const MAX_REMEMBERED_PARTS = 10_000;

function zonedParts(date: Date, zone: string): ZonedParts {
  const key = `${zone}|${date.getTime()}`;
  let parts = partsOf.get(key);
  if (parts === undefined) {
    if (partsOf.size >= MAX_REMEMBERED_PARTS) partsOf.clear();
    parts = computeZonedParts(date, zone);
    partsOf.set(key, parts);
  }
  return parts;
}

function computeZonedParts(date: Date, zone: string): ZonedParts {
  const parts = Object.fromEntries(
    formatter(zone)
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  const month = parts.month ?? '';
  return {
    year: Number(parts.year),
    month,
    monthNumber: MONTHS.indexOf(month) + 1,
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const pad = (value: number): string => String(value).padStart(2, '0');

/** "August 5, 2025 09:24 IST" */
export function formatReaderTime(date: Date, zone: string, label: string): string {
  const p = zonedParts(date, zone);
  return `${p.month} ${p.day}, ${p.year} ${pad(p.hour)}:${pad(p.minute)} ${label}`;
}

/** "August 5, 2025" */
export function formatReaderDate(date: Date, zone: string): string {
  const p = zonedParts(date, zone);
  return `${p.month} ${p.day}, ${p.year}`;
}

/** "2025-08-05T09:24:00+05:30": the instant in the site's zone, with its offset. */
export function isoWithOffset(date: Date, zone: string): string {
  const p = zonedParts(date, zone);
  const asUtc = Date.UTC(p.year, p.monthNumber - 1, p.day, p.hour, p.minute, p.second);
  const offsetMinutes = Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${p.year}-${pad(p.monthNumber)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
