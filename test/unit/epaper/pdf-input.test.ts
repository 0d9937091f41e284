import { describe, expect, it } from 'vitest';
import { EpaperInputError } from '../../../src/epaper/errors.ts';
import { openPdf } from '../../../src/epaper/pdf.ts';
import { brokenPdf, encryptedPdf, notPdf, printPdf } from '../../support/epaper-fixtures.ts';

const LIMITS = { maxPages: 3, maxBytes: 100_000 };

async function refusal(bytes: Uint8Array, limits = LIMITS): Promise<string> {
  const error = await openPdf(bytes, 'paper.pdf', limits).then(
    async (pdf) => {
      await pdf.close();
      return null;
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(EpaperInputError);
  return (error as Error).message;
}

describe('opening a PDF for the e-paper', () => {
  it('opens a good PDF, draws its pages and reads their text', { timeout: 120_000 }, async () => {
    const pdf = await openPdf(await printPdf([['Ferry route opens'], ['Orchard harvest']]), 'paper.pdf', LIMITS);
    try {
      expect(pdf.pageCount).toBe(2);
      expect(await pdf.text(2)).toBe('Orchard harvest');
      const page = await pdf.render(1, 600, 6000);
      expect(page.width).toBe(600);
      expect(page.height).toBe(Math.round((842 * 600) / 595));
      // The coloured block at the top of the fixture is drawn, not left as white paper.
      const at = (x: number, y: number) => [...page.pixels.slice((y * page.width + x) * 4, (y * page.width + x) * 4 + 3)];
      expect(at(300, 150)).not.toEqual([255, 255, 255]);
      expect(at(5, 5)).toEqual([255, 255, 255]);
    } finally {
      await pdf.close();
    }
  });

  it('names the file and the reason for each refusal', { timeout: 120_000 }, async () => {
    expect(await refusal(notPdf())).toBe('paper.pdf: not a PDF (it does not start with %PDF-)');
    expect(await refusal(brokenPdf())).toMatch(/^paper\.pdf: broken PDF/);
    expect(await refusal(await encryptedPdf())).toMatch(/^paper\.pdf: the PDF is encrypted/);
    expect(await refusal(await printPdf([['1'], ['2'], ['3'], ['4']]))).toBe(
      'paper.pdf: 4 pages is more than the limit of 3 (epaper.maxPages)',
    );
    const good = await printPdf([['1']]);
    expect(await refusal(good, { maxPages: 3, maxBytes: good.byteLength - 1 })).toBe(
      `paper.pdf: ${good.byteLength} bytes is more than the limit of ${good.byteLength - 1} (epaper.maxBytes)`,
    );
  });
});
