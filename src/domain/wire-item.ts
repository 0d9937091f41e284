/**
 * A WireItem is what a format parser returns: the agency's item as it said it,
 * before Wiredesk decides anything about it. Parsers know nothing of storage.
 */

/** IPTC pubStatus: usable publishes, withheld pulls, canceled kills. */
export type PubStatus = 'usable' | 'withheld' | 'canceled';

/** What the agency says this version is. */
export type Signal = 'new' | 'update' | 'correction' | 'kill';

export interface WireMedia {
  url: string;
  kind: 'image' | 'video' | 'audio' | 'other';
  mimeType: string | null;
  width: number | null;
  height: number | null;
  caption: string | null;
  credit: string | null;
}

export interface WireItem {
  /** The agency's own identifier; identity is (agency, guid). */
  guid: string;
  /** The agency's version number when it sends one. */
  version: number | null;
  pubstatus: PubStatus;
  signal: Signal;
  /** Not to be published before this instant. */
  embargo: Date | null;
  headline: string;
  byline: string | null;
  /** The dateline as the agency wrote it, e.g. "Pune, Nov 29". */
  dateline: string | null;
  teaser: string | null;
  /** The agency's body markup, unsanitized: normalize() sanitizes it. */
  bodyHtml: string;
  /** Agency subject codes (IPTC media topics, agency categories). */
  subjects: string[];
  keywords: string[];
  /** BCP 47 language tag when the agency says it. */
  language: string | null;
  /** The place the story is about (from the dateline or the agency's metadata). */
  place: string | null;
  firstCreated: Date | null;
  versionCreated: Date | null;
  link: string | null;
  media: WireMedia[];
  /** Agency urgency/priority, 1 = flash, when sent. */
  priority: number | null;
  /** The item's own source text, kept with every revision. */
  raw: string;
}

/** An item a parser could not turn into a WireItem, with the reason. */
export interface RejectedItem {
  /** Whatever identifies the item in its feed: guid, link, or position. */
  ref: string;
  reason: string;
  raw: string | null;
}

/** Something the parser recognised and deliberately did not publish (e.g. a NewsML-G2 planning item). */
export interface SkippedItem {
  ref: string;
  reason: string;
}

export interface ParseResult {
  items: WireItem[];
  rejected: RejectedItem[];
  skipped: SkippedItem[];
}

export const WIRE_FORMATS = ['rss', 'atom', 'rdf', 'jsonfeed', 'ninjs', 'newsml-g2', 'nitf'] as const;
export type WireFormat = (typeof WIRE_FORMATS)[number];
