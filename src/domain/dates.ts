/**
 * Wire dates: the formats agencies really send, read strictly enough never to guess.
 *
 * Accepted:
 * - RFC 822 / RFC 2822 and its real-world variants: optional (even wrong) weekday,
 *   one- or two-digit day, 2- or 4-digit year, optional seconds, extra whitespace,
 *   zones as `+0530`, `+05:30`, `GMT`/`UT`/`UTC`/`Z`, US zones (`EST`…`PDT`), `IST`
 *   (India, +05:30), or no zone at all.
 * - W3C-DTF / ISO 8601: `2025-08-05`, `2025-08-05T09:24`, `…:05`, `…:05.123`, with
 *   `Z`, `+05:30`, `+0530` or `+05`, or no zone; also the basic form `20250805T092400Z`
 *   used by NITF `norm` attributes.
 *
 * A date without a zone is read as wall-clock time in the given IANA zone (the feed's
 * configured zone), never in the server's zone. Anything else throws DateParseError.
 */

export class DateParseError extends Error {
  readonly text: string;
  constructor(text: string, why: string) {
    super(`unreadable date "${text}": ${why}`);
    this.name = 'DateParseError';
    this.text = text;
  }
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** Named zones agencies use, in minutes east of UTC. IST is India here: Indian agencies are the main users. */
const NAMED_ZONES: Record<string, number> = {
  z: 0,
  gmt: 0,
  ut: 0,
  utc: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  ist: 330,
};

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const ISO_BASIC_RE = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(?:[.,](\d+))?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const RFC822_RE =
  /^(?:[a-z]{2,9}\.?,?\s*)?(\d{1,2})[\s-]+([a-z]{3,9})\.?[\s-]+(\d{2}|\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([a-z]{1,5}|[+-]\d{2}:?\d{2}))?$/i;

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes east of UTC; null when the text carried no zone. */
  offset: number | null;
}

/** Parses a wire date; zone-less text is read in `zone` (an IANA name such as `Asia/Kolkata`). */
export function parseWireDate(text: string, zone: string): Date {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (trimmed === '') throw new DateParseError(text, 'empty');
  const fields = readIso(trimmed, ISO_RE) ?? readIso(trimmed, ISO_BASIC_RE) ?? readRfc822(trimmed, text);
  if (!fields) throw new DateParseError(text, 'neither RFC 822 nor ISO 8601');
  checkRanges(fields, text);
  const wallClockAsUtc = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second, fields.millisecond);
  if (fields.offset !== null) return new Date(wallClockAsUtc - fields.offset * 60_000);
  return new Date(wallClockAsUtc - zoneOffsetAt(wallClockAsUtc, zone) * 60_000);
}

function readIso(text: string, re: RegExp): Fields | null {
  const m = re.exec(text);
  if (!m) return null;
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: m[4] ? Number(m[4]) : 0,
    minute: m[5] ? Number(m[5]) : 0,
    second: m[6] ? Number(m[6]) : 0,
    millisecond: m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0,
    offset: m[8] ? numericOrNamedOffset(m[8], text) : null,
  };
}

function readRfc822(text: string, original: string): Fields | null {
  const m = RFC822_RE.exec(text);
  if (!m) return null;
  const monthName = (m[2] ?? '').toLowerCase();
  const month = MONTHS[monthName] ?? MONTHS[monthName.slice(0, 3)];
  if (month === undefined) throw new DateParseError(original, `unknown month "${m[2]}"`);
  const rawYear = m[3] ?? '';
  // RFC 2822 §4.3: two-digit years 00–49 are 2000–2049, 50–99 are 1950–1999.
  const year = rawYear.length === 2 ? Number(rawYear) + (Number(rawYear) < 50 ? 2000 : 1900) : Number(rawYear);
  return {
    year,
    month,
    day: Number(m[1]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: m[6] ? Number(m[6]) : 0,
    millisecond: 0,
    offset: m[7] ? numericOrNamedOffset(m[7], original) : null,
  };
}

function numericOrNamedOffset(zoneText: string, original: string): number {
  const named = NAMED_ZONES[zoneText.toLowerCase()];
  if (named !== undefined) return named;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zoneText);
  if (!m) throw new DateParseError(original, `unknown zone "${zoneText}"`);
  const hours = Number(m[2]);
  const minutes = m[3] ? Number(m[3]) : 0;
  if (hours > 14 || minutes > 59) throw new DateParseError(original, `offset out of range "${zoneText}"`);
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function checkRanges(f: Fields, original: string): void {
  const daysInMonth = new Date(Date.UTC(f.year, f.month, 0)).getUTCDate();
  if (f.month < 1 || f.month > 12) throw new DateParseError(original, 'month out of range');
  if (f.day < 1 || f.day > daysInMonth) throw new DateParseError(original, 'day out of range');
  // 24:00 is not accepted; a leap second (60) is read as 59 would be a guess, so it is refused too.
  if (f.hour > 23 || f.minute > 59 || f.second > 59) throw new DateParseError(original, 'time out of range');
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let fmt = zoneFormatters.get(zone);
  if (!fmt) {
    try {
      fmt = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new RangeError(`unknown time zone "${zone}"`);
    }
    zoneFormatters.set(zone, fmt);
  }
  return fmt;
}

/** Minutes east of UTC that `zone` is at the UTC instant `utcMs`. */
function offsetAtInstant(utcMs: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(zone).formatToParts(new Date(utcMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return Math.round((asUtc - (utcMs - (utcMs % 1000))) / 60_000);
}

/**
 * The offset of `zone` at a local wall-clock time (given as if it were UTC), resolved the way
 * calendars do ("compatible"): the offsets a day before and a day after bracket any transition;
 * a time that exists with both (the repeated hour) takes the earlier instant, and a time skipped
 * by a spring-forward gap is read with the offset before the gap, i.e. moved forward.
 */
function zoneOffsetAt(wallClockAsUtc: number, zone: string): number {
  const DAY = 86_400_000;
  const before = offsetAtInstant(wallClockAsUtc - DAY, zone);
  const after = offsetAtInstant(wallClockAsUtc + DAY, zone);
  if (before === after) return before;
  const fits = (offset: number) => offsetAtInstant(wallClockAsUtc - offset * 60_000, zone) === offset;
  const beforeFits = fits(before);
  const afterFits = fits(after);
  if (beforeFits && afterFits) return Math.max(before, after);
  return afterFits ? after : before;
}
