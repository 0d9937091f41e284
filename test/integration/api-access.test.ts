import Fastify, { type RouteOptions } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeys, apiPlugin } from '../../src/api/index.ts';
import { createTestSite, storeDialects, type TestSite } from '../support/runtime.ts';

describe.each(storeDialects())('content API keys, limits and its OpenAPI document (%s)', (dialect) => {
  let site: TestSite;
  let keys: ApiKeys;

  beforeAll(async () => {
    site = await createTestSite({}, dialect);
    keys = new ApiKeys(site.runtime.store.db);
  });
  afterAll(async () => site?.close());

  const get = (url: string, headers: Record<string, string> = {}) => site.app.inject({ method: 'GET', url, headers });

  it('refuses requests without a key or with an unknown one', async () => {
    const none = await get('/api/v1/stories');
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toContain('Bearer');
    expect((await get('/api/v1/sections', { authorization: 'Bearer wdk_made-up' })).statusCode).toBe(401);
    expect((await get('/api/v1/sections', { 'x-api-key': 'wdk_made-up' })).statusCode).toBe(401);
  });

  it('shows a key once and keeps only its hash; a revoked key stops working at once', async () => {
    const created = await keys.create('Partner app', 100, 'admin@example.test');
    const stored = await site.runtime.store.db.selectFrom('api_keys').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(created.key.slice(10));
    expect(created.key.startsWith(stored.prefix)).toBe(true);
    expect((await get('/api/v1/sections', { authorization: `Bearer ${created.key}` })).statusCode).toBe(200);
    expect((await get('/api/v1/sections', { 'x-api-key': created.key })).statusCode).toBe(200);
    expect((await keys.list()).find((key) => key.id === created.id)?.lastUsedAt).not.toBeNull();

    expect(await keys.revoke(created.id)).toBe(true);
    expect(await keys.revoke(created.id)).toBe(false);
    expect((await get('/api/v1/sections', { authorization: `Bearer ${created.key}` })).statusCode).toBe(401);
  });

  it("answers 429 with Retry-After once a key's per-minute limit is spent, without touching other keys", async () => {
    const slow = await keys.create('Slow partner', 3, 'admin@example.test');
    const other = await keys.create('Other partner', 3, 'admin@example.test');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await get('/api/v1/sections', { authorization: `Bearer ${slow.key}` })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await get('/api/v1/sections', { authorization: `Bearer ${slow.key}` });
    expect(refused.statusCode).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await get('/api/v1/sections', { authorization: `Bearer ${other.key}` })).statusCode).toBe(200);
  });

  it('keeps bad key input from the CLI or console out of the database', async () => {
    await expect(keys.create('  ', 10, 'x')).rejects.toThrow(/needs a name/);
    await expect(keys.create('Partner', 0, 'x')).rejects.toThrow(/rate 0/);
  });

  it('documents every API route in OpenAPI 3.1, and every documented route exists', async () => {
    const response = await get('/api/v1/openapi.json');
    expect(response.statusCode).toBe(200);
    const document = response.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(document.openapi).toMatch(/^3\.1\./);
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} /api/v1${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );

    // The routes the API plugin really registers, collected as it registers them.
    const registered: string[] = [];
    const probe = Fastify({ loggerInstance: pino({ level: 'silent' }) });
    probe.addHook('onRoute', (route: RouteOptions) => {
      for (const method of [route.method].flat()) if (method !== 'HEAD') registered.push(`${method} ${route.url}`);
    });
    await probe.register(apiPlugin, { runtime: site.runtime, prefix: '/api/v1' });
    await probe.ready();
    await probe.close();

    expect(registered.length).toBeGreaterThan(0);
    expect([...registered].sort()).toEqual([...documented].sort());
    for (const route of documented) {
      const [method, url] = route.split(' ') as [string, string];
      expect(site.app.hasRoute({ method: method as 'GET', url }), route).toBe(true);
    }
  });
});
