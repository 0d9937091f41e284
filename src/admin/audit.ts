import type { Kysely } from 'kysely';
import type { Database } from '../store/index.ts';

/**
 * The audit log: who did what, to what, when and from where. Only ever appended to; the
 * console shows it and has no route that changes it.
 */

export interface AuditEntry {
  actor: string;
  action: string;
  target?: string | null;
  detail?: unknown;
  ip?: string | null;
}

export interface AuditRecord {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  detail: string | null;
  ip: string | null;
}

export class AuditLog {
  constructor(private readonly db: Kysely<Database>) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        at: new Date().toISOString(),
        actor: entry.actor,
        action: entry.action,
        target: entry.target ?? null,
        detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
        ip: entry.ip ?? null,
      })
      .execute();
  }

  async recent(options: { limit: number; before?: number; action?: string }): Promise<AuditRecord[]> {
    let query = this.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(options.limit);
    if (options.before !== undefined) query = query.where('id', '<', options.before);
    if (options.action !== undefined) query = query.where('action', '=', options.action);
    return query.execute();
  }
}
