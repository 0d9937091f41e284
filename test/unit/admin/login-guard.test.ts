import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LoginGuard } from '../../../src/admin/login-guard.ts';
import { migrate, openStore, type Store } from '../../../src/store/db.ts';

describe('LoginGuard', () => {
  let store: Store;
  let now: Date;
  let guard: LoginGuard;
  const policy = { windowMs: 15 * 60_000, maxFailuresPerAccount: 3, maxFailuresPerAddress: 5, knownAddressMs: 30 * 86_400_000 };

  beforeEach(async () => {
    store = openStore('sqlite::memory:');
    await migrate(store);
    now = new Date('2026-11-29T10:00:00Z');
    guard = new LoginGuard(store.db, policy, () => now);
  });
  afterEach(async () => store.close());

  const fail = async (email: string, ip: string, times: number) => {
    for (let i = 0; i < times; i++) await guard.record(email, ip, false);
  };

  it('locks an account after too many failures, for addresses that never signed in to it', async () => {
    await guard.record('ed@desk.example', '198.51.100.1', true);
    await fail('ed@desk.example', '203.0.113.9', 3);
    expect(await guard.check('ed@desk.example', '203.0.113.9')).toEqual({ allowed: false, reason: 'account' });
    expect(await guard.check('ed@desk.example', '203.0.113.10')).toEqual({ allowed: false, reason: 'account' });
    // The owner, from where they signed in before, still gets in: a lockout cannot shut them out.
    expect(await guard.check('ed@desk.example', '198.51.100.1')).toEqual({ allowed: true });
    expect(await guard.check('other@desk.example', '203.0.113.10')).toEqual({ allowed: true });
  });

  it('ends a lock when its failures leave the window', async () => {
    await fail('ed@desk.example', '203.0.113.9', 3);
    now = new Date(now.getTime() + 16 * 60_000);
    expect(await guard.check('ed@desk.example', '203.0.113.9')).toEqual({ allowed: true });
  });

  it('refuses an address that fails too often, whatever account it tries', async () => {
    for (let i = 0; i < 5; i++) await guard.record(`user${i}@desk.example`, '203.0.113.9', false);
    expect(await guard.check('new@desk.example', '203.0.113.9')).toEqual({ allowed: false, reason: 'address' });
    expect(await guard.check('new@desk.example', '203.0.113.77')).toEqual({ allowed: true });
  });

  it('unlock clears an account at once', async () => {
    await fail('ed@desk.example', '203.0.113.9', 3);
    expect(await guard.unlock('ed@desk.example')).toBe(3);
    expect(await guard.check('ed@desk.example', '203.0.113.9')).toEqual({ allowed: true });
  });
});
