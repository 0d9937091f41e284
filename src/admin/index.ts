import type { FastifyError, FastifyInstance } from 'fastify';
import type { Runtime } from '../runtime.ts';
import type { PageCache } from '../site/index.ts';
import { installAccessControl } from './access.ts';
import { AuditLog } from './audit.ts';
import type { AdminDeps } from './context.ts';
import { LoginGuard } from './login-guard.ts';
import { registerMetrics } from './metrics.ts';
import { apiKeyRoutes } from './routes-api-keys.tsx';
import { authRoutes } from './routes-auth.tsx';
import { deskRoutes } from './routes-desk.tsx';
import { epaperRoutes } from './routes-epaper.tsx';
import { feedRoutes } from './routes-feeds.tsx';
import { ingestRoutes } from './routes-ingest.tsx';
import { ruleRoutes } from './routes-rules.tsx';
import { registerSecurity } from './security.ts';
import { Sessions } from './sessions.ts';
import { Users } from './users.ts';
import { ADMIN_CSS } from './views/styles.ts';

export { registerAdminCommands } from './commands.ts';

/**
 * The admin console under /admin, and /metrics. Everything of the console lives in its own
 * scope: its cookies, CSRF, rate limits, security headers and access control never touch the
 * public site. The plugin itself runs in the server's scope (skip-override, as fastify-plugin
 * does) so the HTTP latency metric sees every route of every area.
 */
export async function adminPlugin(app: FastifyInstance, options: { runtime: Runtime; pageCache: PageCache }): Promise<void> {
  const { db } = options.runtime.store;
  const deps: AdminDeps = {
    runtime: options.runtime,
    users: new Users(db),
    sessions: new Sessions(db),
    guard: new LoginGuard(db),
    audit: new AuditLog(db),
  };
  if ((await deps.users.count()) === 0) {
    options.runtime.log.warn(
      'no console user yet: create the first admin with "wiredesk user add --admin you@example.com", then sign in at /admin',
    );
  }
  registerMetrics(app, { db, bus: options.runtime.bus, token: options.runtime.config.metricsToken, pageCache: options.pageCache });
  await app.register(
    async (console) => {
      await registerSecurity(console, db, (request) => request.admin?.sessionId ?? null);
      installAccessControl(console, deps.sessions, '/admin/login');
      console.setErrorHandler((error: FastifyError, request, reply) => {
        const status = error.statusCode ?? 500;
        if (status >= 500) request.log.error({ err: error, url: request.url }, 'console request failed');
        const message =
          error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET'
            ? 'This form has expired or did not come from the console. Go back, reload the page and try again.'
            : status >= 500
              ? 'Something went wrong; the error is in the server log.'
              : error.message;
        return reply.code(status).type('text/plain; charset=utf-8').send(message);
      });
      console.get('/assets/admin.css', { config: { access: 'public' } }, async (_request, reply) =>
        reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(ADMIN_CSS),
      );
      authRoutes(console, deps);
      deskRoutes(console, deps);
      feedRoutes(console, deps);
      ruleRoutes(console, deps);
      ingestRoutes(console, deps);
      apiKeyRoutes(console, deps);
      // In a scope of its own: only the e-paper upload takes multipart bodies.
      await console.register(async (upload) => epaperRoutes(upload, deps));
    },
    { prefix: '/admin' },
  );
}

Object.assign(adminPlugin, { [Symbol.for('skip-override')]: true });
