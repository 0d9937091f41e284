import type { Generated } from 'kysely';

/**
 * Tables of the app area (src/app/, src/api/): readers' push subscriptions, the breaking-news
 * alerts sent, the content API's keys and their request counts.
 */

/** One browser's push subscription to one section's breaking news. */
export interface PushSubscriptionTable {
  id: Generated<number>;
  /** The push service URL the browser gave; with `section`, unique. */
  endpoint: string;
  /** The browser's P-256 public key and auth secret (base64url) that encrypt each alert. */
  p256dh: string;
  auth: string;
  section: string;
  created_at: string;
  last_sent_at: string | null;
}

/** A story sent as breaking news: at most once, whoever (editor or FLASH rule) asks first. */
export interface BreakingAlertTable {
  story_id: number;
  /** editor:<name> | rule:flash | cli:<user> */
  marked_by: string;
  sent_at: string;
  delivered: Generated<number>;
  removed: Generated<number>;
  failed: Generated<number>;
}

/** A content-API key: only a hash of the secret is kept; the secret is shown once at creation. */
export interface ApiKeyTable {
  id: Generated<number>;
  name: string;
  /** The key's first characters, shown in lists so a person can tell keys apart. */
  prefix: string;
  /** sha256 (hex) of the whole key. */
  key_hash: string;
  rate_per_minute: number;
  created_at: string;
  created_by: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** Requests a content-API key made in one calendar minute (`minute` = Unix minutes), counted by every node. */
export interface ApiRateWindowTable {
  key_id: number;
  minute: number;
  requests: number;
}

export interface AppTables {
  push_subscriptions: PushSubscriptionTable;
  breaking_alerts: BreakingAlertTable;
  api_keys: ApiKeyTable;
  api_rate_windows: ApiRateWindowTable;
}
