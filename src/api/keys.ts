import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../store/index.ts';

/**
 * Content-API keys. A key is shown once, when it is made; the database keeps only its SHA-256.
 * The key is 32 random bytes, so a plain hash is enough: no one can guess their way back to it,
 * and a lookup by hash costs one indexed read per request (a slow password hash would not).
 */
export interface ApiKeyInfo {
  id: number;
  name: string;
  prefix: string;
  ratePerMinute: number;
  createdAt: string;
  createdBy: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const KEY_PREFIX = 'wdk_';
/** last_used_at is written at most this often per key, not on every request. */
const LAST_USED_PRECISION_MS = 5 * 60_000;

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export class ApiKeys {
  constructor(private readonly db: Kysely<Database>) {}

  /** Makes a key; the returned `key` is the only time the secret exists outside the client. */
  async create(name: string, ratePerMinute: number, createdBy: string): Promise<{ id: number; key: string }> {
    const trimmed = name.trim();
    if (trimmed === '') throw new Error('an API key needs a name (who or what uses it)');
    if (!Number.isInteger(ratePerMinute) || ratePerMinute < 1)
      throw new Error(`rate ${ratePerMinute}: expected a whole number of requests per minute, 1 or more`);
    const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const row = await this.db
      .insertInto('api_keys')
      .values({
        name: trimmed,
        prefix: key.slice(0, KEY_PREFIX.length + 6),
        key_hash: hashKey(key),
        rate_per_minute: ratePerMinute,
        created_at: new Date().toISOString(),
        created_by: createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, key };
  }

  async list(): Promise<ApiKeyInfo[]> {
    const rows = await this.db.selectFrom('api_keys').selectAll().orderBy('id').execute();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      prefix: row.prefix,
      ratePerMinute: row.rate_per_minute,
      createdAt: row.created_at,
      createdBy: row.created_by,
      lastUsedAt: row.last_used_at,
      revokedAt: row.revoked_at,
    }));
  }

  /** True when a live key was revoked; a revoked key stops working at once. */
  async revoke(id: number): Promise<boolean> {
    const result = await this.db
      .updateTable('api_keys')
      .set({ revoked_at: new Date().toISOString() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** The live key a request presented, or null. */
  async verify(key: string): Promise<{ id: number; ratePerMinute: number } | null> {
    if (!key.startsWith(KEY_PREFIX) || key.length > 100) return null;
    const row = await this.db
      .selectFrom('api_keys')
      .select(['id', 'rate_per_minute', 'last_used_at'])
      .where('key_hash', '=', hashKey(key))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (row === undefined) return null;
    const now = Date.now();
    if (row.last_used_at === null || now - Date.parse(row.last_used_at) > LAST_USED_PRECISION_MS) {
      await this.db
        .updateTable('api_keys')
        .set({ last_used_at: new Date(now).toISOString() })
        .where('id', '=', row.id)
        .execute();
    }
    return { id: row.id, ratePerMinute: row.rate_per_minute };
  }
}
