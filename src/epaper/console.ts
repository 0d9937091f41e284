import type { Runtime } from '../runtime.ts';
import { longDate } from './day.ts';
import { EpaperInputError } from './errors.ts';
import { pagePath } from './paths.ts';
import { epaperService } from './service.ts';

/** What the console shows after an upload: the new edition's link, or why the file was refused. */
export type UploadOutcome =
  | { ok: true; edition: string; date: string; pages: number; replaced: boolean; path: string; message: string }
  | { ok: false; message: string };

export interface UploadInput {
  edition: string;
  date: string;
  /** The uploaded file's name, as the editor chose it. */
  fileName: string;
  bytes: Uint8Array;
}

/**
 * Adds a print edition uploaded in the admin console (editor role; the console checks the
 * role, the CSRF token and the body size before calling). Refusals come back as a message
 * to show the editor, never as an exception: nothing was stored, the previous edition stands.
 */
export async function uploadPrintEdition(runtime: Runtime, input: UploadInput): Promise<UploadOutcome> {
  const service = epaperService(runtime);
  try {
    const previous = await service.editions.find(input.edition, input.date);
    const edition = await service.addPrint({ edition: input.edition, date: input.date, pdf: input.bytes, name: input.fileName });
    const name = service.editionName(edition.edition) ?? edition.edition;
    return {
      ok: true,
      edition: edition.edition,
      date: edition.date,
      pages: edition.page_count,
      replaced: previous !== undefined,
      path: pagePath(edition.edition, edition.date, 1),
      message: `${name} edition of ${longDate(edition.date)} ${previous === undefined ? 'added' : 'replaced'}: ${edition.page_count} pages.`,
    };
  } catch (error) {
    if (error instanceof EpaperInputError) return { ok: false, message: error.message };
    runtime.log.error({ err: error, edition: input.edition, date: input.date }, 'e-paper upload failed');
    return {
      ok: false,
      message: `${input.fileName}: the edition could not be added (${(error as Error).message}); the previous edition is unchanged.`,
    };
  }
}
