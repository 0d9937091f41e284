import type { Generated, Selectable } from 'kysely';

/** Tables of the admin console: who may sign in, their sessions, what they did, and routing rules. */

export interface UserTable {
  id: Generated<number>;
  /** Lowercased; the sign-in name. */
  email: string;
  /** argon2id (or scrypt) encoded hash with its parameters. */
  password_hash: string;
  /** admin | editor | viewer */
  role: string;
  disabled: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  /** sha256 of the cookie's token: a stolen database holds no usable session. */
  id: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string;
}

/** Append-only: the console shows it and never offers to change it. */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  /** The user's email, or "anonymous" / "cli:<user>". */
  actor: string;
  action: string;
  target: string | null;
  /** JSON */
  detail: string | null;
  ip: string | null;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  email: string;
  ip: string;
  succeeded: number;
  at: string;
}

export interface RoutingRuleTable {
  id: Generated<number>;
  /** Lower runs first. */
  position: number;
  name: string;
  enabled: Generated<number>;
  /** Conditions; null or empty list = any. JSON lists of strings. */
  feed_id: string | null;
  agency_id: string | null;
  subjects: string;
  keywords: string;
  place: string | null;
  /** Actions; null = leave as routed. */
  section: string | null;
  city: string | null;
  /** JSON list of tags added. */
  tags: string;
  created_at: string;
  updated_at: string;
}

export interface AdminTables {
  users: UserTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  login_attempts: LoginAttemptTable;
  routing_rules: RoutingRuleTable;
}

export type User = Selectable<UserTable>;
export type RoutingRuleRow = Selectable<RoutingRuleTable>;
