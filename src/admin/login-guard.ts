import type { Kysely } from 'kysely';
import type { Database } from '../store/index.ts';

/**
 * Slows password guessing without handing an attacker a way to lock people out for good.
 * - An address with too many failures in the window is refused for every account.
 * - An account with too many failures in the window is locked, but only for addresses that
 *   have never signed in to it: its owner, signing in from where they did before, gets in.
 * - Refused attempts are not counted, so every lock ends when its failures leave the window,
 *   and `wiredesk user unlock` ends one at once.
 */

export interface LoginGuardPolicy {
  windowMs: number;
  maxFailuresPerAccount: number;
  maxFailuresPerAddress: number;
  /** A successful sign-in makes its address "known" to the account for this long. */
  knownAddressMs: number;
}

export const DEFAULT_LOGIN_POLICY: LoginGuardPolicy = {
  windowMs: 15 * 60_000,
  maxFailuresPerAccount: 5,
  maxFailuresPerAddress: 20,
  knownAddressMs: 30 * 24 * 3_600_000,
};

export type LoginVerdict = { allowed: true } | { allowed: false; reason: 'address' | 'account' };

export class LoginGuard {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly policy: LoginGuardPolicy = DEFAULT_LOGIN_POLICY,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async check(email: string, ip: string): Promise<LoginVerdict> {
    const since = this.since(this.policy.windowMs);
    const byAddress = await this.failures().where('ip', '=', ip).where('at', '>', since).executeTakeFirstOrThrow();
    if (Number(byAddress.n) >= this.policy.maxFailuresPerAddress) return { allowed: false, reason: 'address' };
    const byAccount = await this.failures().where('email', '=', email).where('at', '>', since).executeTakeFirstOrThrow();
    if (Number(byAccount.n) >= this.policy.maxFailuresPerAccount && !(await this.isKnownAddress(email, ip))) {
      return { allowed: false, reason: 'account' };
    }
    return { allowed: true };
  }

  async record(email: string, ip: string, succeeded: boolean): Promise<void> {
    await this.db
      .insertInto('login_attempts')
      .values({ email, ip, succeeded: succeeded ? 1 : 0, at: this.now().toISOString() })
      .execute();
    // Nothing older than the known-address memory is ever read again.
    await this.db.deleteFrom('login_attempts').where('at', '<', this.since(this.policy.knownAddressMs)).execute();
  }

  /** Clears an account's failures: the operator's way to end a lock at once. */
  async unlock(email: string): Promise<number> {
    const result = await this.db.deleteFrom('login_attempts').where('email', '=', email).where('succeeded', '=', 0).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private failures() {
    return this.db
      .selectFrom('login_attempts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('succeeded', '=', 0);
  }

  private async isKnownAddress(email: string, ip: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('login_attempts')
      .select('id')
      .where('email', '=', email)
      .where('ip', '=', ip)
      .where('succeeded', '=', 1)
      .where('at', '>', this.since(this.policy.knownAddressMs))
      .executeTakeFirst();
    return row !== undefined;
  }

  private since(ms: number): string {
    return new Date(this.now().getTime() - ms).toISOString();
  }
}
