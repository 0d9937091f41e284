import type { WireItem } from './wire-item.ts';

/**
 * A WireItem made ready to become a revision: the agency's item, kept as it came, with its body
 * sanitized, its text hashed, its dateline, place, teaser and language worked out. Ingest
 * produces it; the publisher stores and publishes it.
 */
export interface NormalizedItem {
  item: WireItem;
  guid: string;
  headline: string;
  byline: string | null;
  dateline: string | null;
  place: string | null;
  teaser: string;
  bodyHtml: string;
  bodyText: string;
  /** sha256 of the body's reader-visible text. */
  textHash: string;
  /** sha256 of everything the agency sent for this version. */
  contentHash: string;
  language: string | null;
}
