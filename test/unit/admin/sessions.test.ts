import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sessions } from '../../../src/admin/sessions.ts';
import { Users } from '../../../src/admin/users.ts';
import { migrate, openStore, type Store } from '../../../src/store/db.ts';

describe('Sessions', () => {
  let store: Store;
  let now: Date;
  let sessions: Sessions;
  let userId: number;

  beforeEach(async () => {
    store = openStore('sqlite::memory:');
    await migrate(store);
    now = new Date('2026-11-29T10:00:00Z');
    sessions = new Sessions(store.db, () => now);
    userId = (await new Users(store.db).create('ed@desk.example', 'a long enough password', 'editor')).id;
  });
  afterEach(async () => store.close());

  it('stores only a hash of the token', async () => {
    const { token } = await sessions.start(userId, '203.0.113.9');
    const rows = await store.db.selectFrom('sessions').select('id').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).not.toContain(token);
    expect((await sessions.resolve(token))?.user.email).toBe('ed@desk.example');
    expect(await sessions.resolve(`${token}x`)).toBeNull();
  });

  it('ends a session left idle too long, and any at its absolute expiry', async () => {
    const idle = await sessions.start(userId, '203.0.113.9');
    now = new Date(now.getTime() + 3 * 3_600_000);
    expect(await sessions.resolve(idle.token)).toBeNull();

    const busy = await sessions.start(userId, '203.0.113.9');
    for (let hour = 1; hour <= 11; hour++) {
      now = new Date(now.getTime() + 3_600_000);
      expect(await sessions.resolve(busy.token)).not.toBeNull();
    }
    now = new Date(now.getTime() + 3_600_000);
    expect(await sessions.resolve(busy.token)).toBeNull();
  });

  it('signs a user out everywhere, and a disabled user is signed out', async () => {
    const first = await sessions.start(userId, '203.0.113.9');
    const second = await sessions.start(userId, '198.51.100.1');
    expect(await sessions.endAllFor(userId)).toBe(2);
    expect(await sessions.resolve(first.token)).toBeNull();
    expect(await sessions.resolve(second.token)).toBeNull();

    const third = await sessions.start(userId, '203.0.113.9');
    await store.db.updateTable('users').set({ disabled: 1 }).execute();
    expect(await sessions.resolve(third.token)).toBeNull();
  });
});
