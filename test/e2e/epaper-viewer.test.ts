import { AxeBuilder } from '@axe-core/playwright';
import type OpenSeadragonApi from 'openseadragon';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Users } from '../../src/admin/users.ts';
import { epaperService } from '../../src/epaper/index.ts';
import { launchChromium, testOutputPath } from '../support/browser.ts';
import { printPdf } from '../support/epaper-fixtures.ts';
import { createTestSite, type TestSite } from '../support/runtime.ts';

const SLOW = { timeout: 240_000 };
const EDITOR = { email: 'epaper.editor@desk.example', password: 'a long passphrase for the e-paper desk' };
/** Page two carries lines of text, so the zoomed screenshot shows whether the text is sharp. */
const PAGE_TWO = [
  'Page two: tram depot',
  'The new tram depot at Hadapsar opened its gates on Saturday morning,',
  'with forty trams parked under a roof of solar panels. The city',
  'transport board said the depot would cut the night run to the',
  'old yard by half, and that the first route to use it starts on',
  'Monday. Residents asked for a footpath along the depot wall.',
];

/** The script the viewer page loads before viewer.js; the functions below run in the browser. */
declare const OpenSeadragon: typeof OpenSeadragonApi;

/**
 * The page's OpenSeadragon viewport, read in the browser through OpenSeadragon's own registry:
 * zoom against the whole page, the view's centre, and whether it is at rest (animation over,
 * every image it needs drawn). Null until the viewer is there.
 */
const view = (page: Page) =>
  page.evaluate(() => {
    const element = document.querySelector('.ep-osd');
    const viewer = typeof OpenSeadragon === 'function' && element !== null ? OpenSeadragon.getViewer(element) : undefined;
    if (viewer === undefined) return null;
    const { viewport } = viewer;
    return {
      zoom: Math.round((viewport.getZoom() / viewport.getHomeZoom()) * 100) / 100,
      centreX: viewport.getCenter().x,
      still:
        viewport.getZoom(true) === viewport.getZoom() && viewport.getCenter(true).equals(viewport.getCenter()) && viewer.getFullyLoaded(),
    };
  });
const AT_REST = { timeout: 30_000, intervals: [100] };

describe('the e-paper viewer in a real browser', () => {
  let site: TestSite;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    site = await createTestSite();
    const service = epaperService(site.runtime);
    await service.addPrint({
      edition: 'pune',
      date: '2026-11-29',
      pdf: await printPdf([['Front page: river festival'], PAGE_TWO, ['Page three: market prices']]),
      name: 'pune.pdf',
    });
    await service.addPrint({ edition: 'mumbai', date: '2026-11-27', pdf: await printPdf([['Mumbai front page']]), name: 'mumbai.pdf' });
    await new Users(site.runtime.store.db).create(EDITOR.email, EDITOR.password, 'editor');
    base = await site.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  const newContext = (options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> =>
    browser.newContext({ viewport: { width: 1100, height: 900 }, acceptDownloads: true, ...options });

  it('picks an edition and a date, turns to page 2, zooms with a sharper image, and downloads the PDF', SLOW, async () => {
    const context = await newContext();
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(`${base}/epaper`);
    const dates = () =>
      page.locator('select[name=date] option').evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));

    // The date list follows the edition: only days that have that edition are offered.
    await page.selectOption('select[name=edition]', 'mumbai');
    expect(await dates()).toEqual(['2026-11-27']);
    await page.selectOption('select[name=edition]', 'pune');
    expect(await dates()).toEqual(['2026-11-29']);
    await page.getByRole('button', { name: 'Open' }).click();
    await page.waitForURL(`${base}/epaper/pune/2026-11-29/1`);

    await page.getByRole('link', { name: 'Next →' }).click();
    await page.waitForURL(`${base}/epaper/pune/2026-11-29/2`);
    await page.keyboard.press('ArrowRight');
    await page.waitForURL(`${base}/epaper/pune/2026-11-29/3`);
    await page.keyboard.press('ArrowLeft');
    await page.waitForURL(`${base}/epaper/pune/2026-11-29/2`);
    expect(await page.locator('.ep-count').textContent()).toBe('Page 2 of 3');

    // OpenSeadragon draws the page at home from the normal rendition, in the format the <picture> chose.
    await expect.poll(() => view(page), AT_REST).toMatchObject({ zoom: 1, still: true });
    expect(requested).toContainEqual(expect.stringMatching(/\/p2-normal\.webp$/));
    expect(requested.filter((path) => path.includes('/p2-large.'))).toEqual([]);

    // Zooming in fetches the large rendition, so the zoomed page stays sharp.
    const large = page.waitForRequest((request) => request.url().endsWith('/p2-large.webp'));
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await large;
    await expect.poll(() => view(page), AT_REST).toMatchObject({ zoom: 2, still: true });
    await page.locator('.ep-osd').screenshot({ path: testOutputPath('epaper-zoomed.png') });

    // Zoomed in, a sideways drag pans the page and does not turn it.
    const before = await view(page);
    const stage = await page.locator('.ep-osd').boundingBox();
    if (stage === null || before === null) throw new Error('no viewer');
    await dragAcross(page, stage.x + 500, stage.y + 300, -200);
    await expect.poll(() => view(page), AT_REST).toMatchObject({ zoom: 2, still: true });
    const dragged = await view(page);
    expect(dragged?.centreX).toBeGreaterThan(before.centreX);
    // So does the right arrow key; 0 goes back to the whole page.
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => view(page), AT_REST).toMatchObject({ zoom: 2, still: true });
    expect((await view(page))?.centreX).toBeGreaterThan(dragged?.centreX ?? 1);
    expect(page.url()).toBe(`${base}/epaper/pune/2026-11-29/2`);
    await page.keyboard.press('0');
    await expect.poll(() => view(page), AT_REST).toMatchObject({ zoom: 1, still: true });

    // Back at the whole page, the same drag is a swipe to the next page.
    await dragAcross(page, stage.x + 500, stage.y + 300, -200);
    await page.waitForURL(`${base}/epaper/pune/2026-11-29/3`);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download PDF/ }).click()]);
    expect(download.suggestedFilename()).toBe('Wiredesk-News-pune-2026-11-29.pdf');
    const saved = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of saved) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe('%PDF-');
    await context.close();
  });

  it('clips a region of the page into a link and an image', SLOW, async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${base}/epaper/pune/2026-11-29/1`);
    await expect.poll(() => view(page), AT_REST).toMatchObject({ still: true });
    await page.getByRole('button', { name: 'Clip' }).click();
    const box = await page.locator('.ep-osd').boundingBox();
    if (box === null) throw new Error('no page image');
    await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.1);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.3, { steps: 5 });
    await page.mouse.up();
    await page.waitForURL(/\/epaper\/pune\/2026-11-29\/1\/clip\?r=/);
    const region = new URL(page.url()).searchParams.get('r')?.split(',').map(Number) ?? [];
    expect(region.map((value) => Math.round(value * 10) / 10)).toEqual([0.1, 0.1, 0.5, 0.2]);
    expect(await page.locator('input.ep-share').inputValue()).toContain('/epaper/pune/2026-11-29/1/clip?r=');
    await page.waitForFunction(() => (document.querySelector('.ep-clip img') as HTMLImageElement).complete);
    expect(await page.locator('.ep-clip img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(900);
    await context.close();
  });

  it('on a touch screen pinches, pans a zoomed page, turns the page by swipe at home and scrolls past it', SLOW, async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 3,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await page.goto(`${base}/epaper/pune/2026-11-29/2`);
    await expect.poll(() => view(page), AT_REST).toMatchObject({ zoom: 1, still: true });
    const y = 650;

    // Two fingers pinch-zoom the page; then one finger sideways pans it instead of turning it.
    await touchGesture(
      cdp,
      [
        { x: 150, y },
        { x: 250, y },
      ],
      [
        { x: 50, y },
        { x: 350, y },
      ],
    );
    await expect.poll(() => view(page), AT_REST).toMatchObject({ still: true });
    const pinched = await view(page);
    expect(pinched?.zoom).toBeGreaterThan(2);
    await touchGesture(cdp, [{ x: 300, y }], [{ x: 100, y }]);
    await expect.poll(() => view(page), AT_REST).toMatchObject({ still: true });
    expect((await view(page))?.centreX).toBeGreaterThan(pinched?.centreX ?? 1);
    expect(page.url()).toBe(`${base}/epaper/pune/2026-11-29/2`);

    // At the whole page the same finger swipe turns to the next page.
    await page.getByRole('button', { name: 'Fit' }).click();
    await expect.poll(() => view(page), AT_REST).toMatchObject({ zoom: 1, still: true });
    await touchGesture(cdp, [{ x: 300, y }], [{ x: 100, y: y + 10 }]);
    await page.waitForURL(`${base}/epaper/pune/2026-11-29/3`);

    // And one finger up the page scrolls the document past the viewer.
    await expect.poll(() => view(page), AT_REST).toMatchObject({ zoom: 1, still: true });
    await touchGesture(cdp, [{ x: 200, y }], [{ x: 200, y: y - 300 }]);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
    expect(await view(page)).toMatchObject({ zoom: 1 });
    await context.close();
  });

  it('works without JavaScript as a list of page images with links', SLOW, async () => {
    const context = await newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/epaper/pune/2026-11-29`);
    const images = page.locator('ol.ep-all img');
    expect(await images.count()).toBe(3);
    await page.getByRole('link', { name: 'Page 2', exact: true }).click();
    await page.waitForURL(`${base}/epaper/pune/2026-11-29/2`);
    expect(await page.locator('.ep-tools').isVisible()).toBe(false);
    await page.getByRole('link', { name: 'Next →' }).click();
    await page.waitForURL(`${base}/epaper/pune/2026-11-29/3`);
    // The page image links to its large rendering, for zooming without the script.
    const large = await page.locator('a.ep-full').getAttribute('href');
    expect((await page.request.get(`${base}${large}`)).headers()['content-type']).toBe('image/jpeg');
    await page.selectOption('select[name=edition]', 'mumbai');
    await page.getByRole('button', { name: 'Open' }).click();
    // Without the script the date list still holds pune's dates: the server says so and offers mumbai's.
    expect(await page.locator('.notice').textContent()).toContain('There is no Mumbai edition for Sunday, November 29, 2026');
    await page.getByRole('button', { name: 'Open' }).click();
    await page.waitForURL(`${base}/epaper/mumbai/2026-11-27/1`);
    await context.close();
  });

  it('takes a print edition uploaded in the console and shows it in the viewer', SLOW, async () => {
    const context = await newContext();
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    await page.goto(`${base}/admin/epaper`);
    await page.getByLabel('Email').fill(EDITOR.email);
    await page.getByLabel('Password').fill(EDITOR.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/admin/epaper`);
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')).toEqual([]);

    await page.getByLabel('Edition').selectOption('delhi');
    await page.getByLabel('Date of the paper').fill('2026-11-28');
    const pdf = await printPdf([['Delhi front page: ring road flyover opens'], ['Delhi page two: book fair']]);
    await page
      .getByLabel(/PDF file/)
      .setInputFiles({ name: 'delhi-2026-11-28.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) });
    await page.getByRole('button', { name: 'Upload' }).click();
    expect(await page.getByRole('status').innerText()).toContain('Delhi edition of Saturday, November 28, 2026 added: 2 pages.');
    await page.screenshot({ path: testOutputPath('epaper-console-upload.png') });

    await page.getByRole('link', { name: 'Open page 1 of 2' }).click();
    await page.waitForURL(`${base}/epaper/delhi/2026-11-28/1`);
    await page.getByRole('link', { name: 'Next →' }).click();
    await page.waitForURL(`${base}/epaper/delhi/2026-11-28/2`);
    expect(await page.locator('.ep-count').textContent()).toBe('Page 2 of 2');
    expect(await page.content()).toContain('Delhi page two: book fair');
    await context.close();
  });
});

/** A mouse drag sideways by `dx` pixels from (x, y). */
async function dragAcross(page: Page, x: number, y: number, dx: number): Promise<void> {
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y, { steps: 8 });
  await page.mouse.up();
}

/** Fingers (one or two) moving in straight lines, through Chromium's own touch input. */
async function touchGesture(cdp: CDPSession, from: { x: number; y: number }[], to: { x: number; y: number }[]): Promise<void> {
  const STEPS = 10;
  const at = (step: number) =>
    from.map((start, id) => {
      const end = to[id] ?? start;
      return { id, x: start.x + ((end.x - start.x) * step) / STEPS, y: start.y + ((end.y - start.y) * step) / STEPS };
    });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0) });
  for (let step = 1; step <= STEPS; step++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(step) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}
