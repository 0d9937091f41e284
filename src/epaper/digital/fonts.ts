import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { type PDFDocument, type PDFFont, StandardFonts } from 'pdf-lib';

/**
 * The faces the digital edition prints in. Latin copy uses the standard PDF fonts (nothing
 * embedded); copy with Devanagari letters (Hindi, Marathi) uses Noto Sans Devanagari (SIL
 * Open Font Licence), which has Latin letters and digits too. It is embedded, subset, only
 * when a story needs it, and shaped by fontkit's Indic shaper: conjuncts, reph and the
 * i-matra placed before its consonant.
 */

const require = createRequire(import.meta.url);

// @pdf-lib/fontkit's Indic shaper was compiled to regenerator calls and looks the runtime up as a global:
// without it, shaping Devanagari throws "regeneratorRuntime is not defined".
(globalThis as Record<string, unknown>).regeneratorRuntime ??= require('regenerator-runtime');

const NOTO_FILES = {
  regular: '@expo-google-fonts/noto-sans-devanagari/400Regular/NotoSansDevanagari_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-devanagari/700Bold/NotoSansDevanagari_700Bold.ttf',
} as const;
export type Weight = keyof typeof NOTO_FILES;

const DEVANAGARI = /\p{Script=Devanagari}/u;

/** Text as a face prints it. */
export interface SetText {
  text: string;
  font: PDFFont;
}

/** Read once per process: the same bytes serve every edition compiled. */
const fontFiles = new Map<Weight, Promise<Uint8Array>>();

function fontFile(weight: Weight): Promise<Uint8Array> {
  let file = fontFiles.get(weight);
  if (file === undefined) {
    file = readFile(require.resolve(NOTO_FILES[weight]));
    fontFiles.set(weight, file);
  }
  return file;
}

export class EditionFonts {
  readonly #devanagari = new Map<Weight, Promise<PDFFont>>();
  readonly #filters = new Map<PDFFont, (text: string) => string | null>();

  private constructor(
    private readonly doc: PDFDocument,
    readonly serif: PDFFont,
    readonly serifBold: PDFFont,
    readonly serifItalic: PDFFont,
    readonly sans: PDFFont,
    readonly sansBold: PDFFont,
  ) {}

  static async embed(doc: PDFDocument): Promise<EditionFonts> {
    doc.registerFontkit(fontkit);
    return new EditionFonts(
      doc,
      await doc.embedFont(StandardFonts.TimesRoman),
      await doc.embedFont(StandardFonts.TimesRomanBold),
      await doc.embedFont(StandardFonts.TimesRomanItalic),
      await doc.embedFont(StandardFonts.Helvetica),
      await doc.embedFont(StandardFonts.HelveticaBold),
    );
  }

  /**
   * Text in the face that can print it: `latin` for text without Devanagari letters, else Noto
   * Sans Devanagari of that weight. Null when the face lacks too much of it (another script).
   */
  async set(text: string, latin: PDFFont, weight: Weight): Promise<SetText | null> {
    const font = DEVANAGARI.test(text) ? await this.#noto(weight) : latin;
    const printable = this.printable(font)(text);
    return printable === null ? null : { text: printable, font };
  }

  /** The font's printable filter, made once per font (a custom font's character set is large). */
  printable(font: PDFFont): (text: string) => string | null {
    let filter = this.#filters.get(font);
    if (filter === undefined) {
      filter = printableFilter(font);
      this.#filters.set(font, filter);
    }
    return filter;
  }

  #noto(weight: Weight): Promise<PDFFont> {
    let font = this.#devanagari.get(weight);
    if (font === undefined) {
      font = fontFile(weight).then((bytes) => this.doc.embedFont(bytes, { subset: true }));
      this.#devanagari.set(weight, font);
    }
    return font;
  }
}

const TYPOGRAPHIC: Record<string, string> = { '\u2009': ' ', '\u00a0': ' ', '\u200b': '', '\u2011': '-', '\u2212': '-', '\u20b9': 'Rs ' };

/**
 * The text as the font can print it (typographic spaces and the rupee sign spelled out where
 * the font has no glyph for them), or null when more than a tenth of its letters are outside
 * the font's character set.
 */
export function printableFilter(font: PDFFont): (text: string) => string | null {
  const supported = new Set(font.getCharacterSet());
  return (text) => {
    const spelled = [...text.normalize('NFC')]
      .map((char) => (supported.has(char.codePointAt(0) ?? 0) ? char : (TYPOGRAPHIC[char] ?? char)))
      .join('');
    let missing = 0;
    const kept = [...spelled]
      .map((char) => {
        if (char === '\n' || supported.has(char.codePointAt(0) ?? 0)) return char;
        missing++;
        return '';
      })
      .join('');
    return missing > spelled.length / 10 ? null : kept;
  };
}
