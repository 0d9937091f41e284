import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { render } from 'preact-render-to-string';
import type { Runtime } from '../runtime.ts';
import { appleAppSiteAssociation, assetLinks } from './deep-links.ts';
import { renderIcons } from './icons.ts';
import { goneStoryIds, parseStoryIds, topStoryPaths } from './kill-list.ts';
import { webAppManifest } from './manifest.ts';
import { OfflinePage } from './offline-page.tsx';
import { SubscriptionError } from './push/subscriptions.ts';
import { vapidKeys } from './push/vapid.ts';

const STATIC = new URL('./static/', import.meta.url);
const TOP_STORIES_OFFLINE = 10;

/**
 * The app's HTTP surface: manifest and icons, the service worker at the root (its scope is the
 * whole site), the client script, the offline page, the kill list, the native apps'
 * verification files, and push subscriptions.
 */
export async function appPlugin(app: FastifyInstance, options: { runtime: Runtime }): Promise<void> {
  const { config, store } = options.runtime;
  const db = store.db;
  const [icons, serviceWorker, clientScript, keys] = await Promise.all([
    renderIcons(config.app.themeColor),
    readFile(new URL('sw.js', STATIC), 'utf8'),
    readFile(new URL('app.js', STATIC), 'utf8'),
    // Made here on the first start, so every later request finds the pair ready.
    vapidKeys(db),
  ]);
  const manifest = JSON.stringify(webAppManifest(config));
  const offlineHtml = `<!doctype html>${render(
    <OfflinePage
      site={{ name: config.siteName, url: config.siteUrl, language: config.language, sections: config.sections }}
      canonical={new URL('/offline', config.siteUrl).href}
    />,
  )}`;

  app.get('/manifest.webmanifest', async (_request, reply) =>
    reply.type('application/manifest+json').header('cache-control', 'public, max-age=3600').send(manifest),
  );

  app.get<{ Params: { name: string } }>('/app/icons/:name', async (request, reply) => {
    const png = icons.get(`/app/icons/${request.params.name}`);
    if (png === undefined) return reply.code(404).type('text/plain').send('no such icon');
    return reply.type('image/png').header('cache-control', 'public, max-age=604800').send(png);
  });

  // The worker must be re-checked on every visit or a fixed bug would live on in readers' browsers.
  app.get('/sw.js', async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(serviceWorker),
  );

  app.get('/app.js', async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=300').send(clientScript),
  );

  app.get('/offline', async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .header('x-robots-tag', 'noindex')
      .send(offlineHtml),
  );

  app.get<{ Querystring: { ids?: string } }>('/app/kill-list', async (request, reply) => {
    const ids = parseStoryIds(request.query.ids);
    if (ids === null) return reply.code(400).send({ error: 'ids must be up to 200 story ids separated by commas' });
    return reply.header('cache-control', 'no-store').send({ gone: await goneStoryIds(db, ids) });
  });

  app.get('/app/top-stories', async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=60').send({ paths: await topStoryPaths(db, TOP_STORIES_OFFLINE) }),
  );

  // Served as JSON at the exact path, never redirected: Android and iOS refuse redirects here.
  app.get('/.well-known/assetlinks.json', async (_request, reply) => {
    const links = assetLinks(config.app);
    if (links === null) return reply.code(404).send({ error: 'no Android app is configured' });
    return reply.header('cache-control', 'public, max-age=3600').send(links);
  });

  app.get('/.well-known/apple-app-site-association', async (_request, reply) => {
    const association = appleAppSiteAssociation(config.app);
    if (association === null) return reply.code(404).send({ error: 'no iOS app is configured' });
    return reply.type('application/json').header('cache-control', 'public, max-age=3600').send(JSON.stringify(association));
  });

  app.get('/app/push/key', async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=3600').send({ publicKey: keys.publicKey }),
  );

  const subscriptions = options.runtime.app.subscriptions;
  app.post('/app/push/subscriptions', { bodyLimit: 8192 }, async (request, reply) => {
    try {
      await subscriptions.add(request.body);
    } catch (error) {
      if (error instanceof SubscriptionError) return reply.code(400).send({ error: error.message });
      throw error;
    }
    return reply.code(201).send({ subscribed: true });
  });

  // The service worker's pushsubscriptionchange: the browser's push service replaced a subscription.
  app.post('/app/push/subscriptions/renewal', { bodyLimit: 8192 }, async (request, reply) => {
    try {
      const sections = await subscriptions.renew(request.body);
      if (sections === 0) return reply.code(404).send({ error: 'no subscription with that endpoint' });
      return reply.send({ renewed: sections });
    } catch (error) {
      if (error instanceof SubscriptionError) return reply.code(400).send({ error: error.message });
      throw error;
    }
  });

  app.delete<{ Body: { endpoint?: unknown; section?: unknown } }>(
    '/app/push/subscriptions',
    { bodyLimit: 8192 },
    async (request, reply) => {
      const { endpoint, section } = request.body ?? {};
      if (typeof endpoint !== 'string' || typeof section !== 'string') {
        return reply.code(400).send({ error: 'endpoint and section are required' });
      }
      await subscriptions.remove(endpoint, section);
      return reply.code(204).send();
    },
  );
}
