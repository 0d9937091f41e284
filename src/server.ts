import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { Runtime } from './runtime.ts';
import { sitePlugin } from './site/routes.tsx';

/** The HTTP surface of one Wiredesk process: health, then each area as its own plugin. */
export async function buildServer(runtime: Runtime): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: runtime.log as FastifyBaseLogger,
    trustProxy: true,
    // Access logs belong to the proxy or CDN in front; a log line per page view would cost more than rendering it.
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.get('/healthz', async () => {
    await runtime.store.db.selectFrom('settings').select('key').limit(1).execute();
    return { status: 'ok' };
  });
  await app.register(sitePlugin, { runtime });
  return app;
}
