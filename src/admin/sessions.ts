import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, User } from '../store/index.ts';

/**
 * Console sessions. The cookie carries a random token; the store keeps only its sha256, so a
 * copy of the database cannot be replayed as a cookie. A session ends at its absolute expiry,
 * after a long idle time, at logout, or when its user signs out everywhere.
 */

export const SESSION_COOKIE = 'wd_session';
const LIFETIME_MS = 12 * 3_600_000;
const IDLE_MS = 2 * 3_600_000;
/** last_seen_at is written at most this often, not on every request. */
const TOUCH_MS = 60_000;

export interface SessionUser {
  sessionId: string;
  user: User;
}

function idOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class Sessions {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Starts a session and returns the token for the cookie. */
  async start(userId: number, ip: string): Promise<{ token: string; sessionId: string }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const sessionId = idOf(token);
    await this.db
      .insertInto('sessions')
      .values({
        id: sessionId,
        user_id: userId,
        created_at: now.toISOString(),
        last_seen_at: now.toISOString(),
        expires_at: new Date(now.getTime() + LIFETIME_MS).toISOString(),
        ip,
      })
      .execute();
    return { token, sessionId };
  }

  /** The signed-in user for a cookie token, or null when it is unknown, expired, idle too long or the user is disabled. */
  async resolve(token: string): Promise<SessionUser | null> {
    const sessionId = idOf(token);
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.last_seen_at', 'sessions.expires_at'])
      .selectAll('users')
      .where('sessions.id', '=', sessionId)
      .executeTakeFirst();
    if (row === undefined) return null;
    const now = this.now();
    const idleFor = now.getTime() - Date.parse(row.last_seen_at);
    if (row.expires_at <= now.toISOString() || idleFor > IDLE_MS || row.disabled === 1) {
      await this.end(token);
      return null;
    }
    if (idleFor > TOUCH_MS) {
      await this.db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', sessionId).execute();
    }
    const { last_seen_at: _seen, expires_at: _expires, ...user } = row;
    return { sessionId, user };
  }

  async end(token: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', idOf(token)).execute();
  }

  /** "Sign out everywhere", and what disabling a user or changing their password does. */
  async endAllFor(userId: number): Promise<number> {
    const result = await this.db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
