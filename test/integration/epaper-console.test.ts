import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { epaperService } from '../../src/epaper/index.ts';
import { type ConsoleClient, signedIn } from '../support/admin-client.ts';
import { notPdf, printPdf, TEST_EPAPER } from '../support/epaper-fixtures.ts';
import { createTestSite, storeDialects, type TestSite } from '../support/runtime.ts';

const DATE = '2026-11-28';
const SLOW = { timeout: 240_000 };

function uploadForm(fields: Record<string, string>, file?: { name: string; bytes: Uint8Array; type?: string }): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  if (file !== undefined) form.set('pdf', new Blob([Buffer.from(file.bytes)], { type: file.type ?? 'application/pdf' }), file.name);
  return form;
}

describe.each(storeDialects())('uploading a print edition in the console (%s)', (dialect) => {
  let site: TestSite;
  let editor: ConsoleClient;
  let viewer: ConsoleClient;
  /** This process's temporary folder while the tests run: uploads are streamed there and must not stay. */
  let uploads: string;
  const savedTmpdir = process.env.TMPDIR;
  /** Uploads are removed just after the response has gone, so the check waits a moment for it. */
  const noLeftovers = (label = '') =>
    expect.poll(() => readdirSync(uploads).filter((name) => name.startsWith('wiredesk-upload-')), { message: label }).toEqual([]);
  const stored = (edition: string) => epaperService(site.runtime).editions.find(edition, DATE);

  beforeAll(async () => {
    site = await createTestSite({ epaper: TEST_EPAPER }, dialect);
    editor = await signedIn(site.app, site.runtime, 'editor');
    viewer = await signedIn(site.app, site.runtime, 'viewer');
    uploads = mkdtempSync(path.join(tmpdir(), 'wiredesk-uploads-test-'));
    process.env.TMPDIR = uploads;
  });
  afterAll(async () => {
    if (savedTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmpdir;
    rmSync(uploads, { recursive: true, force: true });
    await site?.close();
  });

  it('shows editors a plain multipart form with the configured editions, a date and a file', async () => {
    const page = await editor.get('/admin/epaper');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<form method="post" action="/admin/epaper" enctype="multipart/form-data">');
    expect(page.body).toContain('<option value="pune" selected>Pune</option>');
    expect(page.body).toContain('<option value="delhi">Delhi</option>');
    expect(page.body).toMatch(/<input id="ep-date" type="date" name="date" value="\d{4}-\d\d-\d\d" required\/>/);
    expect(page.body).toContain('type="file" name="pdf" accept="application/pdf,.pdf"');
    expect(page.body).toContain('at most 3 pages and 0.2 MB');
    expect(page.body).toContain('<a href="/admin/epaper" aria-current="page">E-paper</a>');
    expect(page.body).not.toContain('<script');
  });

  it('adds the uploaded PDF as the edition of that day: it shows on /epaper', SLOW, async () => {
    await editor.get('/admin/epaper');
    const pdf = await printPdf([['Delhi front page: metro extension opens'], ['Delhi city page: night markets']]);
    const response = await editor.postMultipart(
      '/admin/epaper',
      uploadForm({ edition: 'delhi', date: DATE }, { name: 'delhi-28.pdf', bytes: pdf }),
    );
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Delhi edition of Saturday, November 28, 2026 added: 2 pages.');
    expect(response.body).toContain(`<a href="/epaper/delhi/${DATE}/1">Open page 1 of 2</a>`);
    await noLeftovers();

    const edition = await stored('delhi');
    expect(edition).toMatchObject({ kind: 'print', page_count: 2, bytes: pdf.byteLength });
    const chosen = await site.app.inject(`/epaper?edition=delhi&date=${DATE}`);
    expect([chosen.statusCode, chosen.headers.location]).toEqual([303, `/epaper/delhi/${DATE}/1`]);
    const second = await site.app.inject(`/epaper/delhi/${DATE}/2`);
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('Delhi city page: night markets');
    const download = await site.app.inject(`/epaper/delhi/${DATE}/pdf`);
    expect(Buffer.compare(download.rawPayload, Buffer.from(pdf))).toBe(0);

    const admin = await signedIn(site.app, site.runtime, 'admin');
    const audit = (await admin.get('/admin/audit')).body;
    expect(audit).toContain('epaper.upload');
    expect(audit).toContain(`epaper:delhi/${DATE}`);
  });

  it(
    'refuses a file that is not a PDF, or is too big, with a clear error, storing nothing and keeping the edition there was',
    SLOW,
    async () => {
      const before = await stored('delhi');
      expect(before).toBeDefined();
      const tooBig = new Uint8Array([
        ...(await printPdf([['Too big']])),
        ...new TextEncoder().encode(`%${' '.repeat(TEST_EPAPER.maxBytes)}\n`),
      ]);
      const cases: [string, Uint8Array, string][] = [
        ['scan.pdf', notPdf(), 'scan.pdf: not a PDF (it does not start with %PDF-).'],
        ['huge.pdf', tooBig, 'huge.pdf: more than the limit of 200000 bytes (epaper.maxBytes).'],
        ['long.pdf', await printPdf([['1'], ['2'], ['3'], ['4']]), 'long.pdf: 4 pages is more than the limit of 3 (epaper.maxPages).'],
      ];
      for (const [name, bytes, message] of cases) {
        await editor.get('/admin/epaper');
        const response = await editor.postMultipart('/admin/epaper', uploadForm({ edition: 'delhi', date: DATE }, { name, bytes }));
        expect(response.statusCode, name).toBe(400);
        expect(response.body, name).toContain(`${message} Nothing was stored; an edition already there for`);
        // The form keeps what the editor chose.
        expect(response.body, name).toContain('<option value="delhi" selected>Delhi</option>');
        expect(response.body, name).toContain(`value="${DATE}"`);
        await noLeftovers(name);
      }
      expect(await stored('delhi')).toEqual(before);
      expect((await site.app.inject(`/epaper/delhi/${DATE}/2`)).statusCode).toBe(200);

      await editor.get('/admin/epaper');
      const noFile = await editor.postMultipart(
        '/admin/epaper',
        uploadForm({ edition: 'pune', date: DATE }, { name: '', bytes: new Uint8Array() }),
      );
      expect(noFile.statusCode).toBe(400);
      expect(noFile.body).toContain('Choose the PDF of the print edition to upload.');
      expect(await stored('pune')).toBeUndefined();
    },
  );

  it('refuses viewers and uploads without the form’s CSRF token', SLOW, async () => {
    const pdf = await printPdf([['Pune front page']]);
    expect((await viewer.get('/admin/epaper')).statusCode).toBe(403);
    const byViewer = await viewer.postMultipart(
      '/admin/epaper',
      uploadForm({ edition: 'pune', date: DATE }, { name: 'pune.pdf', bytes: pdf }),
    );
    expect(byViewer.statusCode).toBe(403);
    expect(byViewer.body).toContain('needs editor');

    await editor.get('/admin/epaper');
    const forged = await editor.postMultipart(
      '/admin/epaper',
      uploadForm({ _csrf: viewer.csrf, edition: 'pune', date: DATE }, { name: 'pune.pdf', bytes: pdf }),
    );
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain('This form has expired');
    expect(await stored('pune')).toBeUndefined();
    await noLeftovers();

    // Multipart bodies are taken by the upload alone: any other console form refuses them unread.
    await editor.get('/admin/rules');
    const elsewhere = await editor.postMultipart('/admin/rules', uploadForm({ name: 'a rule' }, { name: 'pune.pdf', bytes: pdf }));
    expect(elsewhere.statusCode).toBe(415);
  });
});
