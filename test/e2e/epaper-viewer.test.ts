import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Users } from '../../src/admin/users.ts';
import { epaperService } from '../../src/epaper/index.ts';
import { launchChromium, testOutputPath } from '../support/browser.ts';
import { printPdf } from '../support/epaper-fixtures.ts';
import { createTestSite, type TestSite } from '../support/runtime.ts';

const SLOW = { timeout: 240_000 };
const EDITOR = { email: 'epaper.editor@desk.example', password: 'a long passphrase for the e-paper desk' };

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
      pdf: await printPdf([['Front page: river festival'], ['Page two: tram depot'], ['Page three: market prices']]),
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

    const image = page.locator('.ep-stage img');
    const before = await image.boundingBox();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    expect(await page.locator('.ep-viewer').getAttribute('data-zoom')).toBe('2.25');
    const after = await image.boundingBox();
    expect(after?.width).toBeCloseTo((before?.width ?? 0) * 2.25, 0);
    await page.waitForFunction(() => (document.querySelector('.ep-stage img') as HTMLImageElement).currentSrc.includes('p2-large.'));
    await page.waitForFunction(() => (document.querySelector('.ep-stage img') as HTMLImageElement).complete);

    // Dragging pans the zoomed page.
    const stage = await page.locator('.ep-stage').boundingBox();
    const startX = (stage?.x ?? 0) + 300;
    const startY = (stage?.y ?? 0) + 300;
    await page.mouse.move(startX, startY);
    await page.mouse.down();
    await page.mouse.move(startX - 150, startY - 100, { steps: 5 });
    await page.mouse.up();
    const panned = await image.boundingBox();
    expect(Math.round((after?.x ?? 0) - (panned?.x ?? 0))).toBe(150);
    await page.screenshot({ path: testOutputPath('epaper-zoomed.png') });

    await page.getByRole('button', { name: 'Fit' }).click();
    expect(await page.locator('.ep-viewer').getAttribute('data-zoom')).toBe('1.00');

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
    await page.getByRole('button', { name: 'Clip' }).click();
    const box = await page.locator('.ep-stage img').boundingBox();
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
