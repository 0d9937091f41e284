import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, User } from '../store/index.ts';
import { passwordHasher, passwordProblem } from './passwords.ts';
import { isRole, type Role } from './roles.ts';

/** The console's users: created from the CLI (the first admin) or by an admin in the console. */

export class UserError extends Error {
  override name = 'UserError';
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface UserSummary {
  id: number;
  email: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

export function summaryOf(user: User): UserSummary {
  return {
    id: user.id,
    email: user.email,
    role: isRole(user.role) ? user.role : 'viewer',
    disabled: user.disabled === 1,
    createdAt: user.created_at,
  };
}

export class Users {
  constructor(private readonly db: Kysely<Database>) {}

  async create(email: string, password: string, role: Role): Promise<UserSummary> {
    const address = normalizeEmail(email);
    if (!EMAIL.test(address)) throw new UserError(`"${email}" is not an email address`);
    const problem = passwordProblem(password);
    if (problem !== null) throw new UserError(problem);
    if (await this.byEmail(address)) throw new UserError(`a user ${address} already exists`);
    const now = new Date().toISOString();
    const row = await this.db
      .insertInto('users')
      .values({ email: address, password_hash: await passwordHasher.hash(password), role, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    return summaryOf(row);
  }

  async byEmail(email: string): Promise<User | undefined> {
    return this.db.selectFrom('users').selectAll().where('email', '=', normalizeEmail(email)).executeTakeFirst();
  }

  async byId(id: number): Promise<User | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async list(): Promise<UserSummary[]> {
    return (await this.db.selectFrom('users').selectAll().orderBy('email').execute()).map(summaryOf);
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async setRole(id: number, role: Role): Promise<void> {
    await this.guardLastAdmin(id, role !== 'admin');
    await this.update(id, { role });
  }

  async setDisabled(id: number, disabled: boolean): Promise<void> {
    await this.guardLastAdmin(id, disabled);
    await this.update(id, { disabled: disabled ? 1 : 0 });
  }

  async setPassword(id: number, password: string): Promise<void> {
    const problem = passwordProblem(password);
    if (problem !== null) throw new UserError(problem);
    await this.update(id, { password_hash: await passwordHasher.hash(password) });
  }

  /** Checks a password; a missing or disabled user costs the same hash work, so timing tells nothing. */
  async authenticate(email: string, password: string): Promise<User | null> {
    const user = await this.byEmail(email);
    const ok = await passwordHasher.verify(user?.password_hash ?? (await unknownUserHash()), password);
    return ok && user !== undefined && user.disabled === 0 ? user : null;
  }

  private async update(id: number, values: { role?: string; disabled?: number; password_hash?: string }): Promise<void> {
    const result = await this.db
      .updateTable('users')
      .set({ ...values, updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new UserError(`no user ${id}`);
  }

  /** The console must always keep one active admin, or nobody could manage it again. */
  private async guardLastAdmin(id: number, removesAdmin: boolean): Promise<void> {
    if (!removesAdmin) return;
    const admins = await this.db.selectFrom('users').select('id').where('role', '=', 'admin').where('disabled', '=', 0).execute();
    if (admins.length === 1 && admins[0]?.id === id) throw new UserError('this is the only active admin; make another admin first');
  }
}

/** The hash of a random secret nobody knows: checked against when the user does not exist. */
let dummyHash: Promise<string> | undefined;
function unknownUserHash(): Promise<string> {
  dummyHash ??= passwordHasher.hash(randomBytes(32).toString('base64url'));
  return dummyHash;
}
