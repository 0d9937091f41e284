/**
 * The JSON records `wiredesk inspect` prints: one per parsed item, one per rejection.
 * These shapes are a contract (scripts and tests read them): keys are snake_case, always
 * present, in this order. Add a key only at the end; never rename or reorder.
 *
 * Item record:
 *   guid             string           the agency's identifier; identity is (agency, guid)
 *   version          number | null    the agency's version number, when sent
 *   pubstatus        "usable" | "withheld" | "canceled"
 *   signal           "new" | "update" | "correction" | "kill"
 *   embargo          string | null    ISO 8601 UTC instant before which it must not be published
 *   headline         string
 *   byline           string | null
 *   dateline         string | null    as the agency wrote it, e.g. "Pune, Nov 29"
 *   teaser           string | null    the agency's summary
 *   body_html        string           the agency's body markup, unsanitized
 *   subjects         string[]         agency subject codes (IPTC media topics, categories)
 *   keywords         string[]
 *   language         string | null    BCP 47 tag
 *   place            string | null
 *   first_created    string | null    ISO 8601 UTC
 *   version_created  string | null    ISO 8601 UTC
 *   link             string | null    the story's URL at the agency
 *   media            {url, kind, mime_type, width, height, caption, credit}[]
 *
 * Rejection record: { rejected: true, ref, reason }.
 */
import type { RejectedItem, WireItem } from '../domain/index.ts';

export interface InspectMedia {
  url: string;
  kind: string;
  mime_type: string | null;
  width: number | null;
  height: number | null;
  caption: string | null;
  credit: string | null;
}

export interface InspectRecord {
  guid: string;
  version: number | null;
  pubstatus: string;
  signal: string;
  embargo: string | null;
  headline: string;
  byline: string | null;
  dateline: string | null;
  teaser: string | null;
  body_html: string;
  subjects: string[];
  keywords: string[];
  language: string | null;
  place: string | null;
  first_created: string | null;
  version_created: string | null;
  link: string | null;
  media: InspectMedia[];
}

export interface InspectRejection {
  rejected: true;
  ref: string;
  reason: string;
}

export function inspectRecord(item: WireItem): InspectRecord {
  return {
    guid: item.guid,
    version: item.version,
    pubstatus: item.pubstatus,
    signal: item.signal,
    embargo: iso(item.embargo),
    headline: item.headline,
    byline: item.byline,
    dateline: item.dateline,
    teaser: item.teaser,
    body_html: item.bodyHtml,
    subjects: item.subjects,
    keywords: item.keywords,
    language: item.language,
    place: item.place,
    first_created: iso(item.firstCreated),
    version_created: iso(item.versionCreated),
    link: item.link,
    media: item.media.map((m) => ({
      url: m.url,
      kind: m.kind,
      mime_type: m.mimeType,
      width: m.width,
      height: m.height,
      caption: m.caption,
      credit: m.credit,
    })),
  };
}

export function inspectRejection(rejection: RejectedItem): InspectRejection {
  return { rejected: true, ref: rejection.ref, reason: rejection.reason };
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
