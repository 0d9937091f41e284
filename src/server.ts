import { createServer } from 'node:http';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { adminPlugin } from './admin/index.ts';
import { apiPlugin, ingestApiPlugin } from './api/index.ts';
import { appPlugin } from './app/index.ts';
import { epaperPlugin } from './epaper/index.ts';
import { mediaPlugin } from './media/index.ts';
import type { Runtime } from './runtime.ts';
import { createFrontDoor, PageCache, sitePlugin } from './site/index.ts';

/** The HTTP surface of one Wiredesk process: health, then each area as its own plugin. */
export async function buildServer(runtime: Runtime): Promise<FastifyInstance> {
  const { pageCache: cacheConfig } = runtime.config;
  const pageCache = new PageCache(cacheConfig.maxBytes, cacheConfig.maxAgeSeconds * 1000);
  const frontDoor = createFrontDoor(pageCache, cacheConfig);
  const app = Fastify({
    // Cached pages are answered before Fastify sees the request; the rest is routed as usual.
    serverFactory: (handler) =>
      createServer((request, response) => {
        if (!frontDoor(request, response)) handler(request, response);
      }),
    loggerInstance: runtime.log as FastifyBaseLogger,
    trustProxy: runtime.config.trustProxy,
    // Access logs belong to the proxy or CDN in front; a log line per page view would cost more than rendering it.
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.get('/healthz', async () => {
    await runtime.store.db.selectFrom('settings').select('key').limit(1).execute();
    return { status: 'ok' };
  });
  await app.register(sitePlugin, { runtime, pageCache });
  await app.register(epaperPlugin, { runtime });
  await app.register(adminPlugin, { runtime, pageCache });
  await app.register(ingestApiPlugin, { runtime });
  await app.register(appPlugin, { runtime });
  await app.register(mediaPlugin, { runtime });
  await app.register(apiPlugin, { runtime, prefix: '/api/v1' });
  return app;
}
