import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginGuard } from '../../src/admin/login-guard.ts';
import { addUser, ConsoleClient, signedIn, TEST_PASSWORD } from '../support/admin-client.ts';
import { createTestSite, storeDialects, type TestSite } from '../support/runtime.ts';

describe.each(storeDialects())('admin console sign-in and sessions (%s)', (dialect) => {
  let site: TestSite;
  beforeAll(async () => {
    site = await createTestSite({}, dialect);
  });
  afterAll(async () => site.close());

  it('sends anonymous visitors to the sign-in page, which says how to make the first admin', async () => {
    const visitor = new ConsoleClient(site.app);
    const page = await visitor.get('/admin/review');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/admin/login?next=%2Fadmin%2Freview');
    const login = await visitor.get('/admin/login');
    expect(login.body).toContain('wiredesk user add --admin');
  });

  it('signs in with an HttpOnly, SameSite=Lax session cookie scoped to /admin, and a new token at every sign-in', async () => {
    await addUser(site.runtime, 'ed@desk.example', 'editor');
    const client = new ConsoleClient(site.app, '198.51.100.20');
    await client.get('/admin/login');
    const response = await client.post('/admin/login', { email: 'ed@desk.example', password: TEST_PASSWORD, next: '/admin/review' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/review');
    const cookie = response.cookies.find((c) => c.name === 'wd_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/admin' });
    expect(cookie?.secure).toBeFalsy();
    const first = client.cookies.get('wd_session');

    // Signing in again from a signed-in browser (a form from its own session) replaces the session.
    await client.get('/admin/account');
    expect((await client.post('/admin/login', { email: 'ed@desk.example', password: TEST_PASSWORD })).statusCode).toBe(303);
    const second = client.cookies.get('wd_session');
    expect(second).not.toBe(first);
    // The old token no longer signs anyone in.
    const stale = await site.app.inject({ method: 'GET', url: '/admin/review', headers: { cookie: `wd_session=${first}` } });
    expect(stale.statusCode).toBe(303);
    expect((await client.get('/admin/review')).statusCode).toBe(200);
  });

  it('marks cookies Secure and sends HSTS behind an HTTPS proxy it trusts, and only then', async () => {
    const proxied = await createTestSite({ trustProxy: '127.0.0.1' }, dialect);
    try {
      const login = await proxied.app.inject({ method: 'GET', url: '/admin/login', headers: { 'x-forwarded-proto': 'https' } });
      expect(login.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(login.cookies.find((c) => c.name === 'wd_csrf')?.secure).toBe(true);
      const plain = await proxied.app.inject({ method: 'GET', url: '/admin/login' });
      expect(plain.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await proxied.close();
    }
    // With no proxy configured, X-Forwarded-Proto is only the client's word.
    const forged = await site.app.inject({ method: 'GET', url: '/admin/login', headers: { 'x-forwarded-proto': 'https' } });
    expect(forged.headers['strict-transport-security']).toBeUndefined();
  });

  it('sends strict security headers on console pages', async () => {
    const page = await site.app.inject({ method: 'GET', url: '/admin/login' });
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('same-origin');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).not.toMatch(/<script|\son\w+=/i);
  });

  it('refuses a wrong password, records it in the audit log, and locks the account for unknown addresses only', async () => {
    await addUser(site.runtime, 'chief@desk.example', 'admin');
    const owner = new ConsoleClient(site.app, '198.51.100.30');
    expect((await owner.signIn('chief@desk.example', TEST_PASSWORD)).statusCode).toBe(303);

    const attacker = new ConsoleClient(site.app, '203.0.113.66');
    await attacker.get('/admin/login');
    for (let i = 0; i < 5; i++) {
      const attempt = await attacker.post('/admin/login', { email: 'chief@desk.example', password: `guess number ${i}` });
      expect(attempt.statusCode).toBe(401);
      expect(attempt.body).toContain('Wrong email or password');
    }
    const locked = await attacker.post('/admin/login', { email: 'chief@desk.example', password: TEST_PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(attacker.cookies.has('wd_session')).toBe(false);

    // The owner, from the address they used before, is not locked out.
    const again = new ConsoleClient(site.app, '198.51.100.30');
    expect((await again.signIn('chief@desk.example', TEST_PASSWORD)).statusCode).toBe(303);

    const audit = await again.get('/admin/audit');
    expect(audit.body).toContain('login.failed');
    expect(audit.body).toContain('login.refused');
    expect(audit.body).toContain('203.0.113.66');

    await new LoginGuard(site.runtime.store.db).unlock('chief@desk.example');
    const unlocked = new ConsoleClient(site.app, '203.0.113.67');
    expect((await unlocked.signIn('chief@desk.example', TEST_PASSWORD)).statusCode).toBe(303);
  });

  it('limits sign-in attempts per address', async () => {
    const client = new ConsoleClient(site.app, '203.0.113.99');
    await client.get('/admin/login');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await client.post('/admin/login', { email: `nobody${i}@desk.example`, password: 'not the password' })).statusCode);
    }
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('signs out, and signs out everywhere', async () => {
    const phone = await signedIn(site.app, site.runtime, 'viewer', '198.51.100.40');
    const { email } = phone;
    const laptop = new ConsoleClient(site.app, '198.51.100.41');
    expect((await laptop.signIn(email, TEST_PASSWORD)).statusCode).toBe(303);

    expect((await laptop.post('/admin/logout-everywhere')).statusCode).toBe(303);
    expect((await phone.get('/admin')).statusCode).toBe(303);
    expect((await laptop.get('/admin')).statusCode).toBe(303);

    const tablet = new ConsoleClient(site.app, '198.51.100.42');
    await tablet.signIn(email, TEST_PASSWORD);
    expect((await tablet.post('/admin/logout')).headers.location).toBe('/admin/login');
    expect((await tablet.get('/admin')).statusCode).toBe(303);
  });

  it('lets an admin add users and change roles, and records who did it', async () => {
    const admin = await signedIn(site.app, site.runtime, 'admin', '198.51.100.50');
    await admin.get('/admin/users');
    const added = await admin.post('/admin/users', { email: 'new.viewer@desk.example', password: TEST_PASSWORD, role: 'viewer' });
    expect(added.statusCode).toBe(303);
    const refused = await admin.post('/admin/users', { email: 'weak@desk.example', password: 'short', role: 'viewer' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('at least 12 characters');

    const viewer = new ConsoleClient(site.app, '198.51.100.51');
    await viewer.signIn('new.viewer@desk.example', TEST_PASSWORD);
    expect((await viewer.get('/admin/review')).statusCode).toBe(403);

    const user = await site.runtime.store.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'new.viewer@desk.example')
      .executeTakeFirstOrThrow();
    await admin.get('/admin/users');
    expect((await admin.post(`/admin/users/${user.id}/role`, { role: 'editor' })).statusCode).toBe(303);
    expect((await viewer.get('/admin/review')).statusCode).toBe(200);

    await admin.get('/admin/users');
    await admin.post(`/admin/users/${user.id}/disable`);
    expect((await viewer.get('/admin/review')).statusCode).toBe(303);

    const audit = (await admin.get('/admin/audit')).body;
    expect(audit).toContain('user.add');
    expect(audit).toContain('user.role');
    expect(audit).toContain('user.disable');
  });
});
