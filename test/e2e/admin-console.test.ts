import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Users } from '../../src/admin/users.ts';
import { storyPath } from '../../src/domain/slug.ts';
import { rssOf } from '../support/admin-wire.ts';
import { launchChromium, testOutputPath } from '../support/browser.ts';
import { createTestSite, type TestSite } from '../support/runtime.ts';

const EMAIL = 'desk.chief@desk.example';
const PASSWORD = 'a long passphrase for the desk';

/** The loopback agency: two fictional stories, one of them full of hostile markup. */
const WIRE = rssOf([
  {
    guid: 'loop-drone-1',
    title: 'Drone survey maps flood plains along the river',
    body: '<p>Patna, Nov 29 Survey teams flew drones over forty villages to map where water collects after heavy rain.</p><p>The maps will guide new embankments.</p>',
    categories: ['Drones'],
  },
  {
    guid: 'loop-hostile-2',
    title: 'Market report <img src=x onerror="alert(1)"> <script>alert(2)</script>',
    body: '<p>Surat, Nov 29 Traders reported steady demand.<script>alert(3)</script><a href="javascript:alert(4)">details</a><img src="x" onerror="alert(5)"></p><p onmouseover="alert(6)">Prices held.</p>',
  },
]);

describe('the admin console in a real browser', () => {
  let site: TestSite;
  let browser: Browser;
  let agency: Server;
  let base: string;
  let feedUrl: string;
  const dialogs: string[] = [];

  beforeAll(async () => {
    site = await createTestSite();
    const now = new Date().toISOString();
    await site.runtime.store.db
      .insertInto('agencies')
      .values({
        id: 'lpa',
        name: 'Loopback Press Agency',
        byline: 'LPA',
        disclaimer: 'Auto-published from an agency feed.',
        priority: 100,
        indexing_policy: 'index',
        created_at: now,
      })
      .execute();
    await new Users(site.runtime.store.db).create(EMAIL, PASSWORD, 'admin');
    agency = createServer((_request, response) => {
      response.setHeader('content-type', 'application/rss+xml; charset=utf-8');
      response.end(WIRE);
    });
    await new Promise<void>((resolve) => agency.listen(0, '127.0.0.1', resolve));
    feedUrl = `http://127.0.0.1:${(agency.address() as AddressInfo).port}/wire.xml`;
    base = await site.app.listen({ port: 0, host: '127.0.0.1' });
    site.runtime.poller.start();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => agency?.close(resolve));
    await site?.close();
  });

  async function reloadUntil(page: Page, url: string, text: string): Promise<void> {
    for (let attempt = 0; attempt < 50; attempt++) {
      await page.goto(url);
      if ((await page.content()).includes(text)) return;
      await page.waitForTimeout(200);
    }
    throw new Error(`${url} never showed "${text}"`);
  }

  it('signs in, adds a feed, previews a rule, publishes from review and kills a story off the public site', async () => {
    const context = await browser.newContext();
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });

    await page.goto(`${base}/admin`);
    expect(page.url()).toContain('/admin/login');
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.url()).toBe(`${base}/admin`);

    await page.getByRole('link', { name: 'Add a feed' }).click();
    await page.getByLabel('Feed id').fill('loop-wire');
    await page.getByLabel('Transport').selectOption('http');
    await page.getByLabel('URL or folder').fill(feedUrl);
    await page.getByLabel('Mode').selectOption('review');
    await page.getByLabel('Default section').selectOption('national');
    await page.getByLabel('Allow private and loopback addresses').check();
    await page.getByRole('button', { name: 'Add feed' }).click();
    await expect.poll(() => page.url()).toContain('/admin/feeds/loop-wire');
    expect(await page.getByRole('status').innerText()).toBe('Feed saved.');

    // The poller fetches the new feed; its items appear on the dashboard and in the review queue.
    await reloadUntil(page, `${base}/admin/review`, 'Drone survey maps flood plains along the river');
    await page.goto(`${base}/admin`);
    expect(await page.locator('tr', { hasText: 'loop-wire' }).innerText()).toContain('healthy');
    expect(await page.locator('tr', { hasText: 'loop-wire' }).locator('svg rect').count()).toBeGreaterThan(0);

    await page.getByRole('link', { name: 'Routing' }).click();
    await page.getByLabel('Name').fill('Drones to Technology');
    await page.getByLabel('Agency subject codes').fill('drones');
    await page.getByLabel('Section').selectOption('technology');
    await page.getByRole('button', { name: 'Preview against the last 200 stories' }).click();
    expect(await page.getByRole('status').innerText()).toContain('1 story would move to Technology');
    await page.getByRole('button', { name: 'Save rule' }).click();
    await page.getByRole('button', { name: 'Re-apply all rules to stored stories' }).click();
    expect(await page.getByRole('status').innerText()).toContain('Rules re-applied');

    await page.getByRole('link', { name: 'Review' }).click();
    const held = page.locator('article', { hasText: 'Drone survey maps flood plains along the river' });
    await held.getByRole('button', { name: 'Publish' }).click();
    expect(await page.getByRole('status').innerText()).toBe('Story published.');
    const story = await site.runtime.store.db
      .selectFrom('stories')
      .selectAll()
      .where('guid', '=', 'loop-drone-1')
      .executeTakeFirstOrThrow();
    expect(story.section).toBe('technology');
    const publicPage = await context.newPage();
    expect((await publicPage.goto(`${base}${storyPath(story)}`))?.status()).toBe(200);

    await page.getByRole('link', { name: 'Stories' }).click();
    await page.getByLabel('Find a story').fill(String(story.id));
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByLabel(`Reason to kill story ${story.id}`).fill('the agency withdrew it');
    await page.getByRole('button', { name: 'Kill' }).click();
    expect(await page.getByRole('status').innerText()).toContain('Story killed');
    // A reader arriving now (a browser without this page in its own cache) finds it gone.
    const reader = await (await browser.newContext()).newPage();
    expect((await reader.goto(`${base}${storyPath(story)}`))?.status()).toBe(410);
    expect(await reader.content()).not.toContain('Drone survey maps flood plains');
    await page.screenshot({ path: testOutputPath('admin-console.png'), fullPage: true });
  }, 120_000);

  it('shows hostile feed content inert: nothing in it runs', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${base}/admin/login`);
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.goto(`${base}/admin/review`);
    const hostile = page.locator('article', { hasText: 'Traders reported steady demand.' });
    expect(await hostile.count()).toBe(1);
    // Markup in the headline is shown as text, never as an element.
    expect(await hostile.locator('h2').innerText()).not.toContain('<script>');
    expect(await hostile.locator('script, img[onerror], [onmouseover], a[href^="javascript:"]').count()).toBe(0);
    await hostile.hover();
    await page.goto(`${base}/admin/stories`);
    await page.goto(`${base}/admin/rejected`);
    expect(dialogs).toEqual([]);
  });
});
