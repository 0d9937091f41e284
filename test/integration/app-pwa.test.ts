import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storyPath } from '../../src/domain/slug.ts';
import { ingestWire, WIRE_CONFIG } from '../support/app-wire.ts';
import { createTestSite, storeDialects, type TestSite } from '../support/runtime.ts';

const FINGERPRINT = Array.from({ length: 32 }, () => 'AB').join(':');

describe.each(storeDialects())('the PWA and "Open in App" (%s)', (dialect) => {
  describe('without a native app', () => {
    let site: TestSite;
    let ids: number[];

    beforeAll(async () => {
      site = await createTestSite({ ...WIRE_CONFIG, siteName: 'Lantern Daily' }, dialect);
      ids = await ingestWire(site, [
        { guid: 'bus-depot', headline: 'Bus depot moves to the ring road', section: 'national', minute: 1 },
        { guid: 'data-centre', headline: 'Data centre cooling plan approved', section: 'technology', minute: 2 },
      ]);
    });
    afterAll(async () => site?.close());

    const get = (url: string) => site.app.inject({ method: 'GET', url });
    const pathOf = async (id: number) =>
      storyPath(
        await site.runtime.store.db.selectFrom('stories').select(['id', 'section', 'slug']).where('id', '=', id).executeTakeFirstOrThrow(),
      );

    it('links every page to the manifest and the deferred client script, with the theme colour', async () => {
      for (const url of ['/', await pathOf(ids[0] as number)]) {
        const html = (await get(url)).body;
        expect(html, url).toContain('<link rel="manifest" href="/manifest.webmanifest"/>');
        expect(html, url).toContain('<meta name="theme-color" content="#b3131b"/>');
        expect(html, url).toContain('<script src="/app.js" defer></script>');
        // No inline script (structured data is JSON, not code).
        expect(html, url).not.toMatch(/<script(?![^>]*\b(src=|type="application\/ld\+json"))[^>]*>/);
      }
    });

    it('points "Open in App" at the install page and shows no Smart App Banner', async () => {
      const html = (await get(await pathOf(ids[0] as number))).body;
      expect(html).toContain('<a class="open-app" href="/app">Open in App</a>');
      expect(html).not.toContain('apple-itunes-app');
      expect((await get('/.well-known/assetlinks.json')).statusCode).toBe(404);
      expect((await get('/.well-known/apple-app-site-association')).statusCode).toBe(404);
    });

    it('serves the manifest, icons, service worker at the root and the offline page', async () => {
      const manifest = await get('/manifest.webmanifest');
      expect(manifest.headers['content-type']).toContain('application/manifest+json');
      expect(manifest.json()).toMatchObject({ name: 'Lantern Daily', display: 'standalone' });
      for (const icon of (manifest.json() as { icons: { src: string }[] }).icons) {
        const png = await get(icon.src);
        expect(png.statusCode, icon.src).toBe(200);
        expect(png.headers['content-type']).toBe('image/png');
      }
      const worker = await get('/sw.js');
      expect(worker.headers['content-type']).toContain('text/javascript');
      expect(worker.headers['cache-control']).toBe('no-cache');
      const offline = await get('/offline');
      expect(offline.statusCode).toBe(200);
      expect(offline.body).toContain('You are offline');
      expect(offline.body).toContain('noindex');
    });

    it('names, among the stories a worker holds, those no longer published', async () => {
      const [kept, killed] = ids as [number, number];
      await site.runtime.publisher.kill(killed, 'legal', 'test');
      const answer = await get(`/app/kill-list?ids=${kept},${killed},999999`);
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(answer.json()).toEqual({ gone: [killed, 999999] });
      expect((await get('/app/kill-list?ids=1;drop')).statusCode).toBe(400);
      expect((await get('/app/top-stories')).json()).toEqual({ paths: [await pathOf(kept)] });
    });
  });

  describe('with native apps configured', () => {
    let site: TestSite;
    let path: string;

    beforeAll(async () => {
      site = await createTestSite(
        {
          ...WIRE_CONFIG,
          siteUrl: 'https://news.example',
          app: {
            themeColor: '#0a5c36',
            backgroundColor: '#ffffff',
            android: { package: 'com.example.lantern', sha256Fingerprints: [FINGERPRINT] },
            ios: { appStoreId: '987654321', teamId: 'ABCDE12345', bundleId: 'com.example.lantern' },
            push: { serviceHosts: ['fcm.googleapis.com'], ttlSeconds: 60 },
            api: { defaultRatePerMinute: 60, maxPageSize: 50 },
          },
        },
        dialect,
      );
      const [id] = await ingestWire(site, [{ guid: 'tide-gauge', headline: 'Tide gauge readings go online', section: 'national' }]);
      path = storyPath(
        await site.runtime.store.db
          .selectFrom('stories')
          .select(['id', 'section', 'slug'])
          .where('id', '=', id as number)
          .executeTakeFirstOrThrow(),
      );
    });
    afterAll(async () => site?.close());

    const get = (url: string) => site.app.inject({ method: 'GET', url });

    it('makes "Open in App" an Android intent back to the article, and shows the Smart App Banner with the article URL', async () => {
      const html = (await get(path)).body;
      const article = `https://news.example${path}`;
      const intent = `intent://news.example${path}#Intent;scheme=https;package=com.example.lantern;S.browser_fallback_url=${encodeURIComponent(article)};end`;
      expect(html).toContain(`<a class="open-app" href="${intent.replace(/&/g, '&amp;')}">Open in App</a>`);
      expect(html).toContain(`<meta name="apple-itunes-app" content="app-id=987654321, app-argument=${article}"/>`);
      expect(html).toContain('<meta name="theme-color" content="#0a5c36"/>');
    });

    it('serves assetlinks.json and apple-app-site-association as JSON at their exact paths', async () => {
      const links = await get('/.well-known/assetlinks.json');
      expect(links.statusCode).toBe(200);
      expect(links.headers['content-type']).toContain('application/json');
      expect(links.json()).toMatchObject([{ target: { package_name: 'com.example.lantern', sha256_cert_fingerprints: [FINGERPRINT] } }]);
      const association = await get('/.well-known/apple-app-site-association');
      expect(association.statusCode).toBe(200);
      expect(association.headers['content-type']).toContain('application/json');
      expect(association.json()).toMatchObject({ applinks: { details: [{ appIDs: ['ABCDE12345.com.example.lantern'] }] } });
    });
  });
});
