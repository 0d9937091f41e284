import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { AdminTables } from './schema-admin.ts';
import type { AppTables } from './schema-app.ts';
import type { EpaperTables } from './schema-epaper.ts';
import type { IngestTables } from './schema-ingest.ts';
import type { MediaTables } from './schema-media.ts';
import type { RelatedTables } from './schema-related.ts';
import type { SiteTables } from './schema-site.ts';

/**
 * Table shapes for Kysely. Times are ISO 8601 UTC strings ("2026-11-29T08:15:00.000Z"),
 * which sort correctly as text on both SQLite and PostgreSQL; booleans are 0/1;
 * lists are JSON text. Each area of the code that owns tables adds its interface
 * here through its own file and the Database intersection below.
 */

export interface AgencyTable {
  id: string;
  name: string;
  /** Shown as "By <byline>". */
  byline: string;
  disclaimer: string;
  /** Lower wins when the same story comes from two agencies. */
  priority: number;
  /** index | noindex-news | noindex */
  indexing_policy: string;
  created_at: string;
}

export interface FeedTable {
  id: string;
  agency_id: string;
  /** http | folder | push */
  transport: string;
  /** URL for http, folder path for folder, empty for push. */
  location: string;
  /** auto or a WireFormat */
  format: string;
  interval_seconds: number;
  /** JSON, write-only from the console: never shown back. */
  credentials: string | null;
  /** auto | review */
  mode: string;
  default_section: string;
  language: string | null;
  /** IANA zone for dates without an offset. */
  zone: string;
  /** JSON: the agency's status words -> signal/pubstatus. */
  status_map: string | null;
  /** Allow fetching private/loopback addresses (tests, intranet agencies). */
  allow_private: Generated<number>;
  paused: Generated<number>;
  etag: string | null;
  last_modified: string | null;
  last_fetch_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  consecutive_failures: Generated<number>;
  /** Fetches attempted (each poll that claimed the feed). */
  fetch_count: Generated<number>;
  next_poll_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface StoryTable {
  id: Generated<number>;
  agency_id: string;
  guid: string;
  feed_id: string | null;
  /** Fixed at first publication. */
  slug: string;
  section: string;
  city: string | null;
  /** published | held | embargoed | withheld | killed | duplicate */
  status: string;
  /** Denormalized from the current revision for lists and pages. */
  headline: string;
  teaser: string;
  dateline: string | null;
  language: string | null;
  current_revision_id: number | null;
  first_published_at: string | null;
  /** The "Updated" time readers see: moves only when the text changes. */
  updated_at: string;
  embargo_until: string | null;
  killed_at: string | null;
  kill_reason: string | null;
  /** For status duplicate: the story this one duplicates. */
  duplicate_of: number | null;
  /** SimHash of the body text, hex, for near-duplicate detection. */
  simhash: string | null;
  created_at: string;
}

export interface RevisionTable {
  id: Generated<number>;
  story_id: number;
  feed_id: string | null;
  version: number | null;
  version_created_at: string | null;
  first_created_at: string | null;
  received_at: string;
  signal: string;
  pubstatus: string;
  embargo: string | null;
  headline: string;
  byline: string | null;
  dateline: string | null;
  teaser: string;
  body_html: string;
  body_text: string;
  /** sha256 of the body's text content: proves the words were not changed. */
  text_hash: string;
  /** sha256 over every field the agency sent: an identical re-send changes nothing. */
  content_hash: string;
  subjects: string;
  keywords: string;
  language: string | null;
  place: string | null;
  link: string | null;
  media: string;
  priority: number | null;
  raw: string;
}

export interface StoryTagTable {
  story_id: number;
  tag: string;
}

export interface RejectedItemTable {
  id: Generated<number>;
  feed_id: string | null;
  item_ref: string;
  reason: string;
  raw: string | null;
  created_at: string;
  retried_at: string | null;
}

export interface EventTable {
  id: Generated<number>;
  /** published | updated | killed | restored | held | embargoed | withheld | duplicate | history | fetch_failed | fetch_ok | ... */
  type: string;
  story_id: number | null;
  feed_id: string | null;
  detail: string | null;
  created_at: string;
}

export interface ProcessedFileTable {
  feed_id: string;
  /** sha256 of the file's bytes: a file already taken is never taken again. */
  sha256: string;
  name: string;
  processed_at: string;
}

/** SimHash bands of each story's text: the near-duplicate lookup (see domain/simhash.ts). */
export interface StoryBandTable {
  band: string;
  story_id: number;
  created_at: string;
}

/** Small key/value facts the system keeps about itself (e.g. that the demo was seeded). */
export interface SettingTable {
  key: string;
  value: string;
}

export interface CoreTables {
  agencies: AgencyTable;
  feeds: FeedTable;
  stories: StoryTable;
  revisions: RevisionTable;
  story_tags: StoryTagTable;
  rejected_items: RejectedItemTable;
  events: EventTable;
  processed_files: ProcessedFileTable;
  settings: SettingTable;
  story_bands: StoryBandTable;
}

export type Database = CoreTables & IngestTables & AdminTables & SiteTables & EpaperTables & RelatedTables & AppTables & MediaTables;

export type Agency = Selectable<AgencyTable>;
export type Feed = Selectable<FeedTable>;
export type NewFeed = Insertable<FeedTable>;
export type FeedUpdate = Updateable<FeedTable>;
export type Story = Selectable<StoryTable>;
export type Revision = Selectable<RevisionTable>;
export type NewRevision = Insertable<RevisionTable>;
