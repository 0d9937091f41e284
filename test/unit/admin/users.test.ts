import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { roleAllows } from '../../../src/admin/roles.ts';
import { safeNext } from '../../../src/admin/routes-auth.tsx';
import { UserError, Users } from '../../../src/admin/users.ts';
import { migrate, openStore, type Store } from '../../../src/store/db.ts';

describe('Users', () => {
  let store: Store;
  let users: Users;
  beforeEach(async () => {
    store = openStore('sqlite::memory:');
    await migrate(store);
    users = new Users(store.db);
  });
  afterEach(async () => store.close());

  it('hashes passwords with argon2id and checks them', async () => {
    await users.create('Ed@Desk.example', 'a long enough password', 'editor');
    const row = await users.byEmail('ed@desk.example');
    expect(row?.password_hash).toMatch(/^\$argon2id\$/);
    expect(row?.password_hash).not.toContain('a long enough password');
    expect((await users.authenticate('ED@desk.example', 'a long enough password'))?.email).toBe('ed@desk.example');
    expect(await users.authenticate('ed@desk.example', 'a long enough passworD')).toBeNull();
    expect(await users.authenticate('nobody@desk.example', 'a long enough password')).toBeNull();
  });

  it('refuses short passwords, bad emails and duplicates with a clear reason', async () => {
    await expect(users.create('ed@desk.example', 'short', 'editor')).rejects.toThrow(/at least 12/);
    await expect(users.create('not an email', 'a long enough password', 'editor')).rejects.toThrow(/not an email/);
    await users.create('ed@desk.example', 'a long enough password', 'editor');
    await expect(users.create('ED@desk.example', 'a long enough password', 'viewer')).rejects.toThrow(UserError);
  });

  it('never leaves the console without an active admin', async () => {
    const admin = await users.create('boss@desk.example', 'a long enough password', 'admin');
    await expect(users.setRole(admin.id, 'editor')).rejects.toThrow(/only active admin/);
    await expect(users.setDisabled(admin.id, true)).rejects.toThrow(/only active admin/);
    await users.create('second@desk.example', 'a long enough password', 'admin');
    await users.setRole(admin.id, 'editor');
    expect((await users.byId(admin.id))?.role).toBe('editor');
  });

  it('a disabled user cannot sign in', async () => {
    await users.create('boss@desk.example', 'a long enough password', 'admin');
    const viewer = await users.create('v@desk.example', 'a long enough password', 'viewer');
    await users.setDisabled(viewer.id, true);
    expect(await users.authenticate('v@desk.example', 'a long enough password')).toBeNull();
  });
});

describe('roles and redirects', () => {
  it('ranks roles: admin > editor > viewer', () => {
    expect(roleAllows('admin', 'editor')).toBe(true);
    expect(roleAllows('editor', 'editor')).toBe(true);
    expect(roleAllows('viewer', 'editor')).toBe(false);
    expect(roleAllows('editor', 'admin')).toBe(false);
  });

  it('follows sign-in only to console paths', () => {
    expect(safeNext('/admin/review')).toBe('/admin/review');
    expect(safeNext('/admin/stories?q=4')).toBe('/admin/stories?q=4');
    for (const hostile of ['//evil.example/admin', 'https://evil.example/', '/admin//evil.example', '/adminx', '/admin/\\evil', 42]) {
      expect(safeNext(hostile)).toBe('/admin');
    }
  });
});
