import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo.ts';
import { storyPath } from '../../src/domain/slug.ts';
import { launchChromium, testOutputPath } from '../support/browser.ts';
import { createTestSite, type TestSite } from '../support/runtime.ts';

describe('the article page in a real browser', () => {
  let site: TestSite;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    site = await createTestSite();
    await seedDemo(site.runtime);
    base = await site.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('shows the nine elements of the reference layout, visible and in order', async () => {
    const story = await site.runtime.store.db
      .selectFrom('stories')
      .selectAll()
      .where('guid', '=', 'meridian:story/20261125-1405-kasumi-sahyadri-licence')
      .executeTakeFirstOrThrow();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const response = await page.goto(`${base}${storyPath(story)}`);
    expect(response?.status()).toBe(200);

    const elements = {
      navigation: page.locator('header nav'),
      headline: page.locator('article h1'),
      byline: page.locator('article .byline'),
      teaser: page.locator('article .teaser'),
      openInApp: page.locator('article a.open-app'),
      body: page.locator('article .body'),
      disclaimer: page.locator('article .disclaimer'),
      related: page.locator('section.related', { has: page.getByRole('heading', { name: 'Related Stories', exact: true }) }),
      sectionRelated: page.locator('section.related', { has: page.getByRole('heading', { name: 'Technology Related Stories' }) }),
    };
    const tops: number[] = [];
    for (const [name, locator] of Object.entries(elements)) {
      expect(await locator.isVisible(), `${name} is visible`).toBe(true);
      const box = await locator.boundingBox();
      expect(box, `${name} has a box`).not.toBeNull();
      tops.push(box?.y ?? -1);
    }
    expect(tops).toEqual([...tops].sort((a, b) => a - b));

    const nav = await elements.navigation.innerText();
    for (const label of ['Home', 'National', 'International', 'Technology', 'Entertainment', 'City', 'Epaper'])
      expect(nav).toContain(label);
    expect(await elements.headline.innerText()).toBe(story.headline);
    expect(await elements.byline.innerText()).toMatch(/^By Meridian Wire \| Updated: [A-Z][a-z]+ \d{1,2}, \d{4} \d{2}:\d{2} IST$/);
    expect(await elements.byline.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+05:30$/);
    expect((await elements.teaser.innerText()).length).toBeGreaterThan(20);
    expect(await elements.openInApp.innerText()).toBe('Open in App');
    expect(await elements.body.innerText()).toMatch(/^[A-Z][a-z]+, Nov \d{1,2} /);
    expect(await elements.disclaimer.innerText()).toContain(
      'auto-published from an agency feed without any modifications to the text and has not been reviewed by an editor',
    );
    // Section labels are shown in capitals by CSS; compare the words, not the case.
    const across = (await elements.related.locator('li').allInnerTexts()).map((text) => text.toLowerCase());
    const same = (await elements.sectionRelated.locator('li').allInnerTexts()).map((text) => text.toLowerCase());
    expect(across.length).toBeGreaterThanOrEqual(3);
    expect(same.length).toBeGreaterThanOrEqual(3);
    expect(across.every((text) => !text.startsWith('technology'))).toBe(true);
    expect(same.every((text) => text.startsWith('technology'))).toBe(true);
    expect([...across, ...same].some((text) => text.includes(story.headline.toLowerCase()))).toBe(false);

    await page.screenshot({ path: testOutputPath('article-page.png'), fullPage: true });
    await context.close();
  });
});
