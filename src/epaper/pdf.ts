import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as napi from '@napi-rs/canvas';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { EpaperInputError } from './errors.ts';

/**
 * PDF reading with PDF.js on @napi-rs/canvas: open and check a PDF, render a page to RGBA
 * pixels, extract a page's text. PDF.js ships its own older copy of the canvas package and
 * would polyfill Path2D from it; a Path2D from that copy is refused by our canvas, so ours
 * are installed as the globals before PDF.js is first loaded.
 */

/** Untyped by the package, and only handed back to PDF.js. */
const WORKER_MODULE = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let loading: Promise<PdfJs> | null = null;

/** PDF.js is large and slow to load: it is loaded on first use, not when the server starts. */
function loadPdfJs(): Promise<PdfJs> {
  loading ??= (async () => {
    const globals = globalThis as Record<string, unknown>;
    globals.Path2D ??= napi.Path2D;
    globals.DOMMatrix ??= napi.DOMMatrix;
    globals.ImageData ??= napi.ImageData;
    // Loading the worker module alongside the library, and handing it over, spares PDF.js a second load on the first document.
    const [pdfjs, worker] = await Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import(WORKER_MODULE) as Promise<unknown>]);
    globals.pdfjsWorker ??= worker;
    return pdfjs;
  })();
  return loading;
}

/** The 14 standard PDF fonts, so text in files that do not embed them renders true to shape. */
const STANDARD_FONTS = `${pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')).href}/`;

export interface PdfLimits {
  maxPages: number;
  maxBytes: number;
}

export interface RenderedPage {
  width: number;
  height: number;
  /** RGBA, width × height × 4 bytes. */
  pixels: Uint8Array;
}

export interface OpenPdf {
  pageCount: number;
  render(page: number, width: number, maxHeight: number): Promise<RenderedPage>;
  text(page: number): Promise<string>;
  close(): Promise<void>;
}

/** Opens a PDF for rendering, refusing anything the e-paper cannot show whole. */
export async function openPdf(bytes: Uint8Array, name: string, limits: PdfLimits): Promise<OpenPdf> {
  if (bytes.byteLength > limits.maxBytes) {
    throw new EpaperInputError(`${name}: ${bytes.byteLength} bytes is more than the limit of ${limits.maxBytes} (epaper.maxBytes)`);
  }
  if (!looksLikePdf(bytes)) throw new EpaperInputError(`${name}: not a PDF (it does not start with %PDF-)`);
  const pdfjs = await loadPdfJs();
  let doc: PDFDocumentProxy;
  try {
    // PDF.js takes ownership of the buffer it is given; a copy leaves the caller's bytes intact.
    doc = await pdfjs.getDocument({
      data: new Uint8Array(bytes),
      standardFontDataUrl: STANDARD_FONTS,
      verbosity: 0,
      isEvalSupported: false,
    }).promise;
  } catch (error) {
    const reason = error as Error;
    if (reason.name === 'PasswordException') throw new EpaperInputError(`${name}: the PDF is encrypted (it needs a password)`);
    throw new EpaperInputError(`${name}: broken PDF (${reason.message})`);
  }
  try {
    if ((await doc.getPermissions()) !== null) throw new EpaperInputError(`${name}: the PDF is encrypted; add an unencrypted copy`);
    if (doc.numPages > limits.maxPages) {
      throw new EpaperInputError(`${name}: ${doc.numPages} pages is more than the limit of ${limits.maxPages} (epaper.maxPages)`);
    }
  } catch (error) {
    await doc.destroy();
    throw error;
  }
  return {
    pageCount: doc.numPages,
    render: (page, width, maxHeight) => renderPage(doc, page, width, maxHeight, name),
    async text(page) {
      const content = await (await doc.getPage(page)).getTextContent();
      return content.items
        .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : ''))
        .join('')
        .replace(/[ \t]+/g, ' ')
        .replace(/ ?\n ?/g, '\n')
        .trim();
    },
    close: () => doc.destroy(),
  };
}

export function looksLikePdf(bytes: Uint8Array): boolean {
  // The header may follow a little junk (some producers prepend a BOM or a mail header); PDF readers look in the first kilobyte.
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).includes('%PDF-');
}

async function renderPage(
  doc: PDFDocumentProxy,
  pageNumber: number,
  width: number,
  maxHeight: number,
  name: string,
): Promise<RenderedPage> {
  try {
    const page = await doc.getPage(pageNumber);
    const natural = page.getViewport({ scale: 1 });
    const scale = Math.min(width / natural.width, maxHeight / natural.height);
    const viewport = page.getViewport({ scale });
    const canvas = napi.createCanvas(Math.round(viewport.width), Math.round(viewport.height));
    const context = canvas.getContext('2d');
    // Pages without a background would come out transparent: paper is white.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({
      canvasContext: context as unknown as CanvasRenderingContext2D,
      canvas: canvas as unknown as HTMLCanvasElement,
      viewport,
    }).promise;
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    page.cleanup();
    return {
      width: canvas.width,
      height: canvas.height,
      pixels: new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength),
    };
  } catch (error) {
    throw new EpaperInputError(`${name}: broken PDF, page ${pageNumber} cannot be drawn (${(error as Error).message})`);
  }
}
