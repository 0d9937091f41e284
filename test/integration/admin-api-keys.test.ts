import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleClient, signedIn } from '../support/admin-client.ts';
import { createTestSite, storeDialects, type TestSite } from '../support/runtime.ts';

describe.each(storeDialects())('admin console: content API keys (%s)', (dialect) => {
  let site: TestSite;
  let admin: ConsoleClient;
  const apiAs = (key: string) => site.app.inject({ url: '/api/v1/stories', headers: { authorization: `Bearer ${key}` } });

  beforeAll(async () => {
    site = await createTestSite({}, dialect);
    admin = await signedIn(site.app, site.runtime, 'admin');
  });
  afterAll(async () => site.close());

  it('makes a key shown once, which opens the API until it is revoked', async () => {
    await admin.get('/admin/api-keys');
    const made = await admin.post('/admin/api-keys', { name: 'Partner app', rate: '90' });
    expect(made.statusCode).toBe(201);
    expect(made.headers['cache-control']).toBe('no-store');
    const key = /<code>(wdk_[A-Za-z0-9_-]+)<\/code>/.exec(made.body)?.[1] ?? expect.fail('the new key is not on the page');
    expect((await apiAs(key)).statusCode).toBe(200);

    const listed = await admin.get('/admin/api-keys');
    expect(listed.body).toContain('Partner app');
    expect(listed.body).toContain('90');
    expect(listed.body).not.toContain(key);
    const stored = await site.runtime.store.db
      .selectFrom('api_keys')
      .selectAll()
      .where('name', '=', 'Partner app')
      .executeTakeFirstOrThrow();
    expect(stored.created_by).toBe(`console:${admin.email}`);
    expect(JSON.stringify(stored)).not.toContain(key);

    const revoked = await admin.post(`/admin/api-keys/${stored.id}/revoke`);
    expect(revoked.headers.location).toBe('/admin/api-keys?done=api-key-revoked');
    expect((await apiAs(key)).statusCode).toBe(401);
    expect((await admin.get('/admin/api-keys')).body).toContain('revoked ');

    const audit = (await admin.get('/admin/audit')).body;
    expect(audit).toContain('apikey.create');
    expect(audit).toContain('apikey.revoke');
    expect(audit).not.toContain(key);
  });

  it('refuses a key without a name or with a rate that is not a whole number', async () => {
    await admin.get('/admin/api-keys');
    const nameless = await admin.post('/admin/api-keys', { name: ' ', rate: '60' });
    expect(nameless.statusCode).toBe(400);
    expect(nameless.body).toContain('needs a name');
    await admin.get('/admin/api-keys');
    expect((await admin.post('/admin/api-keys', { name: 'Odd rate', rate: '1.5' })).statusCode).toBe(400);
    expect(await site.runtime.store.db.selectFrom('api_keys').select('id').where('name', '=', 'Odd rate').execute()).toEqual([]);
  });
});
