import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EpaperInputError, epaperService, searchEpaperPages, uploadPrintEdition } from '../../src/epaper/index.ts';
import type { EpaperEdition } from '../../src/store/schema-epaper.ts';
import { brokenPdf, encryptedPdf, notPdf, printPdf, TEST_EPAPER } from '../support/epaper-fixtures.ts';
import { createTestSite, storeDialects, type TestSite } from '../support/runtime.ts';

const DATE = '2026-11-29';
const SLOW = { timeout: 240_000 };

describe.each(storeDialects())('print e-paper editions (%s)', (dialect) => {
  let site: TestSite;
  let pdf: Uint8Array;
  let edition: EpaperEdition;
  const service = () => epaperService(site.runtime);
  const epaperFolders = () => readdirSync(path.join(site.dataDir, 'epaper')).sort();

  beforeAll(async () => {
    site = await createTestSite({ epaper: TEST_EPAPER }, dialect);
    pdf = await printPdf([
      ['Ferry route opens across the harbour', 'Boats every twenty minutes'],
      ['Orchard cooperative reports record harvest'],
    ]);
    edition = await service().addPrint({ edition: 'pune', date: DATE, pdf, name: 'pune.pdf' });
  }, 240_000);
  afterAll(async () => site?.close());

  it('renders every page at two widths and a thumbnail, in WebP and JPEG, and keeps the page text', async () => {
    expect(edition).toMatchObject({ edition: 'pune', date: DATE, kind: 'print', page_count: 2, bytes: pdf.byteLength });
    const folder = service().editions.folderOf(edition.version);
    for (const page of [1, 2]) {
      for (const [rendition, width] of [
        ['large', 1800],
        ['normal', 900],
        ['thumb', 180],
      ] as const) {
        const webp = await sharp(path.join(folder, `p${page}-${rendition}.webp`)).metadata();
        const jpeg = await sharp(path.join(folder, `p${page}-${rendition}.jpg`)).metadata();
        expect([webp.format, webp.width]).toEqual(['webp', width]);
        expect([jpeg.format, jpeg.width]).toEqual(['jpeg', width]);
      }
    }
    const pages = await service().editions.pages(edition.id);
    expect(pages.map((page) => page.text)).toEqual([
      'Ferry route opens across the harbour\nBoats every twenty minutes',
      'Orchard cooperative reports record harvest',
    ]);
  });

  it('shows the edition: the list of pages, a page with neighbours, images, and the PDF to download', async () => {
    const list = await site.app.inject(`/epaper/pune/${DATE}`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="/epaper/pune/${DATE}/2"`);
    expect(list.body).toContain(`/epaper/files/${edition.version}/p2-normal.webp`);

    const page = await site.app.inject(`/epaper/pune/${DATE}/2`);
    expect(page.statusCode).toBe(200);
    // The site's own header, with Epaper marked as the current section.
    expect(page.body).toContain('<a href="/epaper" aria-current="page">Epaper</a>');
    expect(page.body).toContain(`rel="prev" href="/epaper/pune/${DATE}/1"`);
    expect(page.body).toContain('Page 2 of 2');
    expect(page.body).toContain('Orchard cooperative reports record harvest');
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)/);

    const image = await site.app.inject(`/epaper/files/${edition.version}/p2-thumb.webp`);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/webp');
    expect(image.headers['cache-control']).toContain('immutable');

    // The page view zooms with OpenSeadragon's build from node_modules (no CDN): versioned, cached for ever, compressed.
    const zoomScript = /<script src="(\/epaper\/assets\/openseadragon\.min\.js\?v=[0-9a-f]{10})"/.exec(page.body)?.[1] ?? '';
    expect(list.body).not.toContain('openseadragon');
    const script = await site.app.inject({ url: zoomScript, headers: { 'accept-encoding': 'gzip, br' } });
    expect([script.statusCode, script.headers['content-encoding'], script.headers['cache-control']]).toEqual([
      200,
      'br',
      'public, max-age=31536000, immutable',
    ]);
    const build = readFileSync(createRequire(import.meta.url).resolve('openseadragon/build/openseadragon/openseadragon.min.js'));
    expect(brotliDecompressSync(script.rawPayload).equals(build)).toBe(true);
    expect((await site.app.inject(zoomScript)).rawPayload.equals(build)).toBe(true);

    const download = await site.app.inject(`/epaper/pune/${DATE}/pdf`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename=".*pune-2026-11-29\.pdf"$/);
    expect(Buffer.compare(download.rawPayload, Buffer.from(pdf))).toBe(0);

    for (const missing of [
      `/epaper/pune/${DATE}/3`,
      '/epaper/pune/2026-11-30/1',
      '/epaper/goa/2026-11-29/1',
      `/epaper/files/${edition.version}/edition.pdf`,
    ]) {
      expect((await site.app.inject(missing)).statusCode, missing).toBe(404);
    }
  });

  it('offers only dates that have an edition, and sends a chosen edition and date to its first page', async () => {
    const home = await site.app.inject('/epaper');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain(`<option value="${DATE}"`);
    expect(home.body.match(/<option value="\d{4}-\d\d-\d\d"/g)).toHaveLength(1);
    const chosen = await site.app.inject(`/epaper?edition=pune&date=${DATE}`);
    expect([chosen.statusCode, chosen.headers.location]).toEqual([303, `/epaper/pune/${DATE}/1`]);
    const none = await site.app.inject('/epaper?edition=delhi&date=2026-11-29');
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('There is no Delhi edition for Sunday, November 29, 2026');
  });

  it('clips a region of a page into a shareable link and image', async () => {
    const clip = await site.app.inject(`/epaper/pune/${DATE}/1/clip?r=0.0672,0.0713,0.8656,0.2138`);
    expect(clip.statusCode).toBe(200);
    expect(clip.body).toContain(`http://localhost:3000/epaper/pune/${DATE}/1/clip?r=0.0672,0.0713,0.8656,0.2138`);
    expect(clip.body).toContain(
      `property="og:image" content="http://localhost:3000/epaper/pune/${DATE}/1/clip.jpg?r=0.0672,0.0713,0.8656,0.2138"`,
    );
    const image = await site.app.inject(`/epaper/pune/${DATE}/1/clip.jpg?r=0.0672,0.0713,0.8656,0.2138`);
    expect(image.headers['content-type']).toBe('image/jpeg');
    const { data, info } = await sharp(image.rawPayload).raw().toBuffer({ resolveWithObject: true });
    expect(info.width).toBe(1200);
    // The region is the fixture's coloured block: its middle is blue-ish, not paper.
    const middle = ((info.height >> 1) * info.width + (info.width >> 1)) * info.channels;
    expect(data[middle + 2]).toBeGreaterThan(100);
    expect(data[middle]).toBeLessThan(100);
    expect((await site.app.inject(`/epaper/pune/${DATE}/1/clip?r=0.9,0.9,0.5,0.5`)).statusCode).toBe(404);
  });

  it('shows e-paper pages among the site search results', async () => {
    const response = await site.app.inject({ method: 'GET', url: '/search?q=orchard+harvest' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('From the e-paper');
    expect(response.body).toContain(`href="/epaper/pune/${DATE}/2"`);
    expect(response.body).toContain('Pune edition, Sunday, November 29, 2026, page 2');
  });

  it('lets site search find words printed on a page', async () => {
    const hits = await searchEpaperPages(site.runtime.store.db, TEST_EPAPER.editions, 'Orchard HARVEST');
    expect(hits).toEqual([
      {
        edition: 'pune',
        editionName: 'Pune',
        date: DATE,
        dateLabel: 'Sunday, November 29, 2026',
        page: 2,
        path: `/epaper/pune/${DATE}/2`,
        snippet: 'Orchard cooperative reports record harvest',
      },
    ]);
    expect(await searchEpaperPages(site.runtime.store.db, TEST_EPAPER.editions, 'orchard ferry')).toEqual([]);
  });

  it('refuses bad input with a clear error, storing nothing and keeping the edition there was', SLOW, async () => {
    const before = epaperFolders();
    const padded = new Uint8Array([
      ...(await printPdf([['Too big']])),
      ...new TextEncoder().encode(`%${' '.repeat(TEST_EPAPER.maxBytes)}\n`),
    ]);
    const cases: [string, Uint8Array, RegExp][] = [
      ['not a PDF', notPdf(), /not a PDF/],
      ['broken', brokenPdf(), /broken PDF/],
      ['encrypted', await encryptedPdf(), /encrypted/],
      ['too many pages', await printPdf([['1'], ['2'], ['3'], ['4']]), /4 pages is more than the limit of 3/],
      ['too many bytes', padded, /bytes is more than the limit of 200000/],
    ];
    for (const [label, bytes, reason] of cases) {
      const error = await service()
        .addPrint({ edition: 'pune', date: DATE, pdf: bytes, name: `${label}.pdf` })
        .catch((caught: unknown) => caught);
      expect(error, label).toBeInstanceOf(EpaperInputError);
      expect((error as Error).message, label).toMatch(new RegExp(`^${label}\\.pdf: `));
      expect((error as Error).message, label).toMatch(reason);
    }
    expect(await service().editions.find('pune', DATE)).toEqual(edition);
    expect(epaperFolders()).toEqual(before);
    expect((await site.app.inject(`/epaper/pune/${DATE}/2`)).statusCode).toBe(200);
    await expect(service().addPrint({ edition: 'goa', date: DATE, pdf, name: 'x.pdf' })).rejects.toThrow(
      'unknown edition "goa" (configured: pune, delhi)',
    );
    await expect(service().addPrint({ edition: 'pune', date: '2026-02-30', pdf, name: 'x.pdf' })).rejects.toThrow(
      '"2026-02-30" is not a date',
    );
  });

  it('replaces an edition whole: new pages in, old files gone, never a mix', SLOW, async () => {
    const replacement = await service().addPrint({
      edition: 'pune',
      date: DATE,
      pdf: await printPdf([['Corrected front page']]),
      name: 'pune-corrected.pdf',
    });
    expect(replacement.version).not.toBe(edition.version);
    expect(replacement.page_count).toBe(1);
    expect(existsSync(service().editions.folderOf(edition.version))).toBe(false);
    expect(epaperFolders()).toEqual([replacement.version]);
    expect((await site.app.inject(`/epaper/pune/${DATE}/2`)).statusCode).toBe(404);
    expect((await site.app.inject(`/epaper/files/${edition.version}/p1-thumb.jpg`)).statusCode).toBe(404);
    expect((await site.app.inject(`/epaper/pune/${DATE}/1`)).body).toContain('Corrected front page');
    expect(await searchEpaperPages(site.runtime.store.db, TEST_EPAPER.editions, 'orchard')).toEqual([]);
  });

  it('takes an upload from the console: the new edition, or the reason a file was refused', SLOW, async () => {
    const refused = await uploadPrintEdition(site.runtime, { edition: 'delhi', date: DATE, fileName: 'scan.pdf', bytes: notPdf() });
    expect(refused).toEqual({ ok: false, message: 'scan.pdf: not a PDF (it does not start with %PDF-)' });
    expect(await service().editions.find('delhi', DATE)).toBeUndefined();

    const added = await uploadPrintEdition(site.runtime, {
      edition: 'delhi',
      date: DATE,
      fileName: 'delhi.pdf',
      bytes: await printPdf([['Delhi front page'], ['Delhi city page']]),
    });
    expect(added).toEqual({
      ok: true,
      edition: 'delhi',
      date: DATE,
      pages: 2,
      replaced: false,
      path: `/epaper/delhi/${DATE}/1`,
      message: 'Delhi edition of Sunday, November 29, 2026 added: 2 pages.',
    });
    expect((await site.app.inject(`/epaper/delhi/${DATE}/2`)).body).toContain('Delhi city page');
  });
});
