import { PDFDocument, PDFName, PDFNumber, PDFString, rgb, StandardFonts } from 'pdf-lib';

/**
 * PDFs for the e-paper tests, made here with pdf-lib: nothing is downloaded. Each page of a
 * print fixture carries its lines of text and a coloured block, so rendering and text
 * extraction can both be checked.
 */
export async function printPdf(pages: string[][]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  pages.forEach((lines, index) => {
    const page = doc.addPage([595, 842]);
    page.drawRectangle({ x: 40, y: 600, width: 515, height: 180, color: rgb(0.1 + 0.2 * (index % 4), 0.3, 0.6) });
    for (const [row, line] of lines.entries()) page.drawText(line, { x: 48, y: 560 - row * 28, size: 20, font, color: rgb(0, 0, 0) });
  });
  return doc.save();
}

/** A PDF whose trailer declares standard-security encryption with a password nobody knows. */
export async function encryptedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([300, 300]);
  const { context } = doc;
  context.trailerInfo.Encrypt = context.register(
    context.obj({
      Filter: PDFName.of('Standard'),
      V: PDFNumber.of(1),
      R: PDFNumber.of(2),
      Length: PDFNumber.of(40),
      P: PDFNumber.of(-44),
      O: PDFString.of('0123456789abcdef0123456789abcdef'),
      U: PDFString.of('fedcba9876543210fedcba9876543210'),
    }),
  );
  context.trailerInfo.ID = context.obj([PDFString.of('wiredesk-test-id'), PDFString.of('wiredesk-test-id')]);
  return doc.save({ useObjectStreams: false });
}

/** Starts like a PDF, then is not one. */
export function brokenPdf(): Uint8Array {
  return new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\nthe rest of this file was lost in transfer\n');
}

export function notPdf(): Uint8Array {
  return new TextEncoder().encode('<html><body>This is a web page, not a newspaper.</body></html>');
}

/** The e-paper config the print and console tests run with: two editions, small limits, no compile delay. */
export const TEST_EPAPER = {
  editions: [
    { slug: 'pune', name: 'Pune' },
    { slug: 'delhi', name: 'Delhi' },
  ],
  maxPages: 3,
  maxBytes: 200_000,
  digitalStoriesPerSection: 4,
  digitalDelayMs: 0,
};
