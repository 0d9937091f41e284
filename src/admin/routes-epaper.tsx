import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { dayInZone, type UploadOutcome, uploadPrintEdition } from '../epaper/index.ts';
import { type AdminDeps, audit, field, pageContext, sendView } from './context.ts';
import { EpaperUploadView } from './views/epaper.tsx';

/**
 * Upload of a print edition (editor role). Multipart bodies are accepted in this scope only:
 * every other console form still refuses them. The PDF streams to a temporary folder, cut
 * off at the e-paper's byte limit, and the folder is removed once the response has gone,
 * whatever happened (refused CSRF token, refused file, aborted request).
 */

interface ReceivedPdf {
  folder: string;
  file: string;
  /** The file's name as the editor's browser sent it ('' when no file was chosen). */
  name: string;
  /** True when the file went past epaper.maxBytes and was cut off. */
  truncated: boolean;
}

const received = new WeakMap<FastifyRequest, ReceivedPdf>();

export async function epaperRoutes(app: FastifyInstance, deps: AdminDeps): Promise<void> {
  const { epaper, timeZone } = deps.runtime.config;
  await app.register(multipart, {
    // Fields become plain strings in request.body, so the console's CSRF check reads _csrf as it does for every form.
    attachFieldsToBody: 'keyValues',
    // A cut-off file is reported on the form (below), not thrown as a bare 413.
    throwFileSizeLimit: false,
    limits: { fileSize: epaper.maxBytes, files: 1, fields: 4, parts: 5, fieldSize: 1024 },
    async onFile(part) {
      await receive(this, part);
    },
  });
  app.addHook('onResponse', async (request) => discard(request));
  app.addHook('onRequestAbort', async (request) => discard(request));

  const form = { editions: epaper.editions, maxPages: epaper.maxPages, maxBytes: epaper.maxBytes };

  app.get('/epaper', { config: { access: 'editor' } }, async (request, reply) =>
    sendView(
      reply,
      <EpaperUploadView
        page={pageContext(deps, request, reply, 'epaper')}
        form={form}
        values={{ edition: epaper.editions[0]?.slug ?? '', date: dayInZone(new Date(), timeZone) }}
        outcome={null}
      />,
    ),
  );

  app.post('/epaper', { config: { access: 'editor' } }, async (request, reply) => {
    const values = { edition: field(request, 'edition'), date: field(request, 'date') };
    const pdf = received.get(request);
    let outcome: UploadOutcome;
    if (pdf === undefined || pdf.name === '') {
      outcome = { ok: false, message: 'Choose the PDF of the print edition to upload.' };
    } else if (pdf.truncated) {
      outcome = { ok: false, message: `${pdf.name}: more than the limit of ${epaper.maxBytes} bytes (epaper.maxBytes)` };
    } else {
      outcome = await uploadPrintEdition(deps.runtime, { ...values, fileName: pdf.name, bytes: await readFile(pdf.file) });
    }
    if (outcome.ok) {
      await audit(deps, request, {
        action: 'epaper.upload',
        target: `epaper:${outcome.edition}/${outcome.date}`,
        detail: { file: pdf?.name, pages: outcome.pages, replaced: outcome.replaced },
      });
    }
    return sendView(
      reply.code(outcome.ok ? 200 : 400),
      <EpaperUploadView page={pageContext(deps, request, reply, 'epaper')} form={form} values={values} outcome={outcome} />,
    );
  });
}

/** Streams the file part to a fresh temporary folder, registered first so a late abort still removes it. */
async function receive(request: FastifyRequest, part: MultipartFile): Promise<void> {
  const folder = await mkdtemp(path.join(tmpdir(), 'wiredesk-upload-'));
  const pdf: ReceivedPdf = { folder, file: path.join(folder, 'upload.pdf'), name: baseName(part.filename), truncated: false };
  received.set(request, pdf);
  await pipeline(part.file, createWriteStream(pdf.file));
  pdf.truncated = part.file.truncated;
}

/** The name without any folder a browser may have sent along, kept short for messages. */
function baseName(filename: string): string {
  return (filename.split(/[\\/]/).pop() ?? '').slice(0, 200);
}

async function discard(request: FastifyRequest): Promise<void> {
  const pdf = received.get(request);
  if (pdf === undefined) return;
  received.delete(request);
  await rm(pdf.folder, { recursive: true, force: true });
}
