import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPlugin } from '../../src/admin/index.ts';
import { ROLES, type Role } from '../../src/admin/roles.ts';
import { PageCache } from '../../src/site/cache/page-cache.ts';
import { type ConsoleClient, signedIn } from '../support/admin-client.ts';
import { createTestSite, storeDialects, type TestSite } from '../support/runtime.ts';

/**
 * The console's route table: every route the admin plugin registers, with the least role it
 * needs. A new route fails this test until it is added here, and every listed route is proved
 * to refuse anonymous requests, requests without a valid CSRF token, and lower roles.
 */
type Access = 'public' | Role | 'token';

const EXPECTED: Record<string, Access> = {
  'GET /metrics': 'token',
  'GET /admin/assets/admin.css': 'public',
  'GET /admin/login': 'public',
  'POST /admin/login': 'public',
  'POST /admin/logout': 'viewer',
  'POST /admin/logout-everywhere': 'viewer',
  'GET /admin/account': 'viewer',
  'POST /admin/account/password': 'viewer',
  'GET /admin/users': 'admin',
  'POST /admin/users': 'admin',
  'POST /admin/users/:id/role': 'admin',
  'POST /admin/users/:id/disable': 'admin',
  'POST /admin/users/:id/enable': 'admin',
  'POST /admin/users/:id/unlock': 'admin',
  'GET /admin/audit': 'admin',
  'GET /admin/stories': 'editor',
  'POST /admin/stories/:id/kill': 'editor',
  'POST /admin/stories/:id/restore': 'editor',
  'POST /admin/stories/:id/breaking': 'editor',
  'GET /admin/api-keys': 'admin',
  'POST /admin/api-keys': 'admin',
  'POST /admin/api-keys/:id/revoke': 'admin',
  'GET /admin/review': 'editor',
  'POST /admin/review/:id/publish': 'editor',
  'POST /admin/review/:id/discard': 'editor',
  'GET /admin': 'viewer',
  'GET /admin/feeds/new': 'admin',
  'POST /admin/feeds': 'admin',
  'GET /admin/feeds/:feed': 'viewer',
  'POST /admin/feeds/:feed': 'admin',
  'POST /admin/feeds/:feed/pause': 'admin',
  'POST /admin/feeds/:feed/resume': 'admin',
  'POST /admin/feeds/:feed/delete': 'admin',
  'POST /admin/feeds/:feed/test-fetch': 'admin',
  'GET /admin/rules': 'editor',
  'POST /admin/rules': 'editor',
  'GET /admin/rules/:id': 'editor',
  'POST /admin/rules/:id': 'editor',
  'POST /admin/rules/:id/delete': 'editor',
  'POST /admin/rules/reapply': 'editor',
  'GET /admin/rejected': 'viewer',
  'GET /admin/rejected/:id': 'viewer',
  'POST /admin/rejected/:id/retry': 'editor',
  'GET /admin/epaper': 'editor',
  'POST /admin/epaper': 'editor',
};

interface RouteEntry {
  method: string;
  url: string;
  access: Access;
}

async function consoleRoutes(site: TestSite): Promise<RouteEntry[]> {
  const app: FastifyInstance = Fastify();
  const routes: RouteEntry[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      // Outside the console only /metrics is registered, guarded by its bearer token instead.
      routes.push({ method, url: route.url, access: (route.config as { access?: Access } | undefined)?.access ?? 'token' });
    }
  });
  await app.register(adminPlugin, { runtime: site.runtime, pageCache: new PageCache(0, 0) });
  await app.close();
  return routes;
}

const METRICS_TOKEN = 'metrics-token-for-the-route-table';
const concrete = (url: string): string => url.replaceAll(':id', '1').replaceAll(':feed', 'wire-one');
const below = (role: Role): Role[] => ROLES.slice(0, ROLES.indexOf(role));

describe.each(storeDialects())('admin route table (%s)', (dialect) => {
  let site: TestSite;
  let routes: RouteEntry[];
  const clients = new Map<Role, ConsoleClient>();

  beforeAll(async () => {
    site = await createTestSite({ metricsToken: METRICS_TOKEN }, dialect);
    routes = await consoleRoutes(site);
    for (const role of ROLES) clients.set(role, await signedIn(site.app, site.runtime, role));
  });
  afterAll(async () => site.close());

  const client = (role: Role): ConsoleClient => clients.get(role) as ConsoleClient;

  it('lists every console route with the role it needs', () => {
    const actual = Object.fromEntries(routes.map((route) => [`${route.method} ${route.url}`, route.access]));
    expect(actual).toEqual(EXPECTED);
  });

  it('refuses anonymous requests to every non-public route', async () => {
    for (const route of routes.filter((r) => r.access !== 'public')) {
      const response = await site.app.inject({
        method: route.method as 'GET' | 'POST',
        url: concrete(route.url),
        ...(route.method === 'GET' ? {} : { payload: {} }),
      });
      const where = `${route.method} ${route.url}`;
      if (route.access === 'token') {
        expect(response.statusCode, where).toBe(401);
      } else if (route.method === 'GET') {
        expect(response.statusCode, where).toBe(303);
        expect(response.headers.location, where).toMatch(/^\/admin\/login\?next=/);
      } else {
        expect(response.statusCode, where).toBe(401);
      }
    }
  });

  it('refuses every state-changing request without a valid CSRF token, even from an admin', async () => {
    const admin = client('admin');
    const other = client('editor');
    await other.get('/admin/account');
    for (const route of routes.filter((r) => r.method !== 'GET')) {
      const where = `${route.method} ${route.url}`;
      const without = await admin.post(concrete(route.url), { _csrf: '' });
      expect(without.statusCode, `${where} without a token`).toBe(403);
      expect(without.body, where).toContain('This form has expired');
      // A token from another session is no good either.
      const foreign = await admin.post(concrete(route.url), { _csrf: other.csrf });
      expect(foreign.statusCode, `${where} with another session's token`).toBe(403);
      await admin.get('/admin/account');
    }
  });

  it('refuses each role what it may not do', async () => {
    for (const route of routes.filter((r) => r.access !== 'public' && r.access !== 'token')) {
      for (const role of below(route.access as Role)) {
        const visitor = client(role);
        await visitor.get('/admin/account');
        const response = route.method === 'GET' ? await visitor.get(concrete(route.url)) : await visitor.post(concrete(route.url));
        expect(response.statusCode, `${role} ${route.method} ${route.url}`).toBe(403);
        expect(response.body).toContain(`needs ${route.access}`);
      }
    }
  });

  it('answers /metrics only with the bearer token, even to a signed-in admin', async () => {
    expect((await client('admin').get('/metrics')).statusCode).toBe(401);
    const wrong = await site.app.inject({ url: '/metrics', headers: { authorization: 'Bearer metrics-token-for-the-route-tablX' } });
    expect(wrong.statusCode).toBe(401);
    const right = await site.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(right.statusCode).toBe(200);
  });

  it('the audit log offers no way to change it', () => {
    expect(routes.filter((route) => route.url.startsWith('/admin/audit') && route.method !== 'GET')).toEqual([]);
  });
});
