import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storyPath } from '../../src/domain/slug.ts';
import { ingestWire, WIRE_CONFIG } from '../support/app-wire.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/browser.ts';
import { createTestSite, type TestSite } from '../support/runtime.ts';

/**
 * The PWA in Chromium. A persistent profile, not a fresh context: Chromium never offers to
 * install from an off-the-record profile (Page.getInstallabilityErrors says "in-incognito"),
 * and a reader's browser is a normal profile. The flags are those of test/support/browser.ts.
 */
// Generous waits: a service worker installs in milliseconds on an idle machine and in seconds on a busy CI one.
const WAIT_MS = 60_000;

describe('the installable, offline-capable app in Chromium', { timeout: 4 * WAIT_MS }, () => {
  let site: TestSite;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let profile: string;
  const paths: Record<'visited' | 'killed' | 'top', string> = { visited: '', killed: '', top: '' };

  beforeAll(async () => {
    site = await createTestSite({ ...WIRE_CONFIG, siteName: 'Lantern Daily' });
    const ids = await ingestWire(site, [
      { guid: 'lock-gates', headline: 'Lock gates on the old canal are replaced', section: 'national', minute: 1 },
      { guid: 'market-roof', headline: 'Market roof repair to finish by Friday', section: 'national', minute: 2 },
      { guid: 'signal-boxes', headline: 'Signal boxes on the hill line get batteries', section: 'technology', minute: 3 },
    ]);
    const rows = await site.runtime.store.db
      .selectFrom('stories')
      .select(['id', 'section', 'slug'])
      .where('id', 'in', ids)
      .orderBy('id')
      .execute();
    [paths.visited, paths.killed, paths.top] = rows.map(storyPath) as [string, string, string];
    base = await site.app.listen({ port: 0, host: '127.0.0.1' });
    profile = mkdtempSync(path.join(tmpdir(), 'wiredesk-chromium-profile-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    // Notes, for the test only, that Chromium offered the install prompt to the page.
    await context.addInitScript(() => {
      window.addEventListener('beforeinstallprompt', () => document.documentElement.setAttribute('data-install-offered', ''));
    });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
    await site?.close();
    if (profile !== undefined) rmSync(profile, { recursive: true, force: true });
  });

  const cached = (pathname: string) => page.evaluate(async (url) => (await caches.match(url)) !== undefined, `${base}${pathname}`);
  const waitUntilCached = (pathname: string, wanted: boolean) =>
    page.waitForFunction(
      async ([url, want]) => ((await caches.match(url as string)) !== undefined) === want,
      [`${base}${pathname}`, wanted] as const,
      {
        timeout: WAIT_MS,
        polling: 200,
      },
    );

  it('is installable: the manifest parses, the service worker controls the page, Chromium reports no installability errors', async () => {
    await page.goto(`${base}/`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: WAIT_MS });
    const worker = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      return { scope: registration.scope, script: navigator.serviceWorker.controller?.scriptURL };
    });
    expect(worker).toEqual({ scope: `${base}/`, script: `${base}/sw.js` });

    const cdp = await context.newCDPSession(page);
    const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[]; data?: string };
    expect(manifest.url).toBe(`${base}/manifest.webmanifest`);
    expect(manifest.errors).toEqual([]);
    expect(JSON.parse(manifest.data ?? '{}')).toMatchObject({ name: 'Lantern Daily', display: 'standalone' });
    const installability = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] };
    expect(installability.installabilityErrors).toEqual([]);
  });

  it('reads the home page, an article the reader opened and a top story offline; anything else shows the offline page', async () => {
    await page.goto(`${base}${paths.visited}`);
    await waitUntilCached(paths.visited, true);
    await waitUntilCached(paths.top, true);
    await context.setOffline(true);
    try {
      await page.reload();
      expect(await page.locator('article h1').innerText()).toBe('Lock gates on the old canal are replaced');
      await page.goto(`${base}/`);
      expect(await page.locator('header .brand').innerText()).toBe('Lantern Daily');
      expect(await page.locator('main').innerText()).toContain('Market roof repair to finish by Friday');
      // Never opened, but on the front page: kept for offline reading.
      await page.goto(`${base}${paths.top}`);
      expect(await page.locator('article h1').innerText()).toBe('Signal boxes on the hill line get batteries');
      await page.goto(`${base}/technology`);
      expect(await page.locator('h1').innerText()).toBe('You are offline');
    } finally {
      await context.setOffline(false);
    }
  });

  it('purges a story killed while the reader was offline as soon as the reader is back online', async () => {
    await page.goto(`${base}${paths.killed}`);
    await waitUntilCached(paths.killed, true);
    await context.setOffline(true);
    const story = await site.runtime.store.db
      .selectFrom('stories')
      .select('id')
      .where('slug', '=', paths.killed.split('/')[2]?.replace(/-\d+$/, '') ?? '')
      .executeTakeFirstOrThrow();
    expect(await site.runtime.publisher.kill(story.id, 'legal', 'test')).toBe(true);
    // Still offline: the worker has not heard of the kill yet.
    expect(await cached(paths.killed)).toBe(true);

    // Back online, on another page: the worker asks the kill list and drops the story.
    await context.setOffline(false);
    await page.goto(`${base}/`);
    await waitUntilCached(paths.killed, false);

    await context.setOffline(true);
    try {
      await page.goto(`${base}${paths.killed}`);
      expect(await page.locator('h1').innerText()).toBe('You are offline');
      expect(await page.content()).not.toContain('Market roof repair to finish by Friday</h1>');
    } finally {
      await context.setOffline(false);
    }
    // Online, the site itself says the story is gone.
    expect((await page.goto(`${base}${paths.killed}`))?.status()).toBe(410);
  });

  it('turns "Open in App" into the browser\'s install prompt when Chromium offers one, and offers alerts for the section', async () => {
    await page.goto(`${base}${paths.visited}`);
    await page.waitForSelector('html[data-install-offered]', { timeout: WAIT_MS });
    const link = page.locator('article a.open-app');
    expect(await link.getAttribute('href')).toBe('/app');
    await link.click();
    await page.waitForLoadState();
    // The prompt is shown in place of following the link to the instructions page.
    expect(new URL(page.url()).pathname).toBe(paths.visited);
    expect(await page.locator('article button.section-alerts').innerText()).toBe('Get breaking National alerts');
  });
});
