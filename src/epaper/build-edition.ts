import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EditionKind, EditionStore, PreparedEdition } from './edition-store.ts';
import { LARGE_WIDTH, MAX_HEIGHT, writePageImages } from './page-images.ts';
import { openPdf, type PdfLimits } from './pdf.ts';

/**
 * Turns a PDF into an edition ready to install: the PDF is checked before anything is
 * written, then it and every page's images go into a fresh version folder and the page text
 * is extracted. If anything fails the folder is removed: nothing half-made is left behind.
 */

export const EDITION_PDF = 'edition.pdf';

export interface BuildInput {
  edition: string;
  date: string;
  kind: EditionKind;
  pdf: Uint8Array;
  /** Names the file in error messages. */
  name: string;
  storyIds?: number[];
  /** Each page's text when the caller has it in reading order (the digital edition); else it is extracted from the PDF. */
  pageTexts?: string[];
  /** Called after each page is rendered: (pages done, pages in all). */
  onPage?: (done: number, total: number) => void;
}

export async function buildEdition(store: EditionStore, input: BuildInput, limits: PdfLimits): Promise<PreparedEdition> {
  const pdf = await openPdf(input.pdf, input.name, limits);
  const version = `${input.edition}-${input.date}-${input.kind}-${randomBytes(6).toString('hex')}`;
  const folder = store.folderOf(version);
  try {
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, EDITION_PDF), input.pdf);
    const pages: PreparedEdition['pages'] = [];
    input.onPage?.(0, pdf.pageCount);
    for (let page = 1; page <= pdf.pageCount; page++) {
      const rendered = await pdf.render(page, LARGE_WIDTH, MAX_HEIGHT);
      await writePageImages(folder, page, rendered);
      pages.push({ page, width: rendered.width, height: rendered.height, text: input.pageTexts?.[page - 1] ?? (await pdf.text(page)) });
      input.onPage?.(page, pdf.pageCount);
    }
    return {
      edition: input.edition,
      date: input.date,
      kind: input.kind,
      version,
      bytes: input.pdf.byteLength,
      sha256: createHash('sha256').update(input.pdf).digest('hex'),
      pages,
      storyIds: input.storyIds ?? [],
    };
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  } finally {
    await pdf.close();
  }
}
