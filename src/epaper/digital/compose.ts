import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import { longDate } from '../day.ts';
import type { PrintStory } from './edition-stories.ts';

/**
 * Lays the day's stories out as a newspaper: a masthead with the paper's name, edition and
 * date on the front page, a running head on the others, four columns of copy, section
 * labels, and for every story its headline, byline, dateline, text, the agency's disclaimer
 * and where to read it online. Text flows down a column and on into the next; a headline
 * never sits alone at the foot of a column.
 */

export interface Masthead {
  siteName: string;
  siteUrl: string;
  editionName: string;
  date: string;
  sectionNames: Map<string, string>;
  /** Pages beyond this are not composed (the stories on them are left out). */
  maxPages: number;
}

export interface ComposedEdition {
  pdf: Uint8Array;
  /** Stories that made it into the paper; none means there is no paper to show. */
  storyIds: number[];
}

const PAGE = { width: 842, height: 1191 };
const MARGIN = 40;
const COLUMNS = 4;
const GUTTER = 14;
const COLUMN_WIDTH = (PAGE.width - 2 * MARGIN - (COLUMNS - 1) * GUTTER) / COLUMNS;
const INK = rgb(0.1, 0.1, 0.1);
const ACCENT = rgb(0.7, 0.07, 0.1);
const GREY = rgb(0.35, 0.35, 0.35);

const STYLE = {
  headline: { size: 15, leading: 17 },
  byline: { size: 7.5, leading: 10 },
  body: { size: 9.5, leading: 12 },
  note: { size: 7, leading: 9 },
  section: { size: 9, leading: 16 },
} as const;

interface Fonts {
  serif: PDFFont;
  serifBold: PDFFont;
  serifItalic: PDFFont;
  sans: PDFFont;
  sansBold: PDFFont;
}

export async function composeDigitalEdition(stories: PrintStory[], masthead: Masthead): Promise<ComposedEdition> {
  const doc = await PDFDocument.create();
  doc.setTitle(`${masthead.siteName}, ${masthead.editionName} edition, ${longDate(masthead.date)}`);
  doc.setProducer('Wiredesk');
  doc.setCreationDate(new Date(`${masthead.date}T00:00:00Z`));
  const fonts: Fonts = {
    serif: await doc.embedFont(StandardFonts.TimesRoman),
    serifBold: await doc.embedFont(StandardFonts.TimesRomanBold),
    serifItalic: await doc.embedFont(StandardFonts.TimesRomanItalic),
    sans: await doc.embedFont(StandardFonts.Helvetica),
    sansBold: await doc.embedFont(StandardFonts.HelveticaBold),
  };
  const printable = printableFilter(fonts.serif);
  const flow = new ColumnFlow(doc, fonts, masthead);
  const printed: number[] = [];
  let section: string | null = null;

  for (const story of stories) {
    const headline = printable(story.headline);
    const body = printable(story.body);
    // The standard PDF fonts carry Latin script only; a story in another script is left out rather than printed as gaps.
    if (headline === null || body === null) continue;
    const headlineLines = wrap(headline, fonts.serifBold, STYLE.headline.size, COLUMN_WIDTH);
    const opening = (section === story.section ? 0 : STYLE.section.leading) + headlineLines.length * STYLE.headline.leading;
    if (!flow.reserve(opening + STYLE.byline.leading + 3 * STYLE.body.leading)) break;
    if (section !== story.section) {
      section = story.section;
      flow.line((masthead.sectionNames.get(section) ?? section).toUpperCase(), fonts.sansBold, STYLE.section, ACCENT);
    }
    for (const line of headlineLines) flow.line(line, fonts.serifBold, STYLE.headline, INK);
    flow.line(`By ${printable(story.byline) ?? 'the agency'}`, fonts.sans, STYLE.byline, GREY);
    const dateline = story.dateline === null ? null : printable(story.dateline);
    if (dateline !== null && !body.startsWith(dateline)) flow.text(dateline.toUpperCase(), fonts.sansBold, STYLE.byline, INK);
    const paragraphs = body.split(/\n+/).filter((paragraph) => paragraph.trim() !== '');
    let complete = true;
    for (const paragraph of paragraphs) complete &&= flow.text(paragraph.trim(), fonts.serif, STYLE.body, INK);
    complete &&= flow.text(printable(story.disclaimer) ?? '', fonts.serifItalic, STYLE.note, GREY);
    complete &&= flow.text(`Online: ${new URL(story.path, masthead.siteUrl).href}`, fonts.sans, STYLE.note, GREY);
    flow.gap(STYLE.body.leading);
    printed.push(story.id);
    if (!complete) break;
  }
  return { pdf: await doc.save(), storyIds: printed };
}

/** Writes lines down columns, turning to the next column and page as each fills. */
class ColumnFlow {
  #page: PDFPage | null = null;
  #pageNumber = 0;
  #column = 0;
  #y = 0;
  #top = 0;

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: Fonts,
    private readonly masthead: Masthead,
  ) {}

  /** Makes room for `height` in one column; false when the page limit leaves no room. */
  reserve(height: number): boolean {
    if (this.#page !== null && this.#y - height >= MARGIN) return true;
    return this.#nextColumn();
  }

  line(text: string, font: PDFFont, style: { size: number; leading: number }, color: ReturnType<typeof rgb>): boolean {
    if (!this.reserve(style.leading)) return false;
    this.#y -= style.leading;
    (this.#page as PDFPage).drawText(text, { x: this.#x(), y: this.#y + (style.leading - style.size) / 2, size: style.size, font, color });
    return true;
  }

  /** A wrapped paragraph; false when the paper ran out of pages part-way. */
  text(paragraph: string, font: PDFFont, style: { size: number; leading: number }, color: ReturnType<typeof rgb>): boolean {
    for (const line of wrap(paragraph, font, style.size, COLUMN_WIDTH)) if (!this.line(line, font, style, color)) return false;
    this.#y -= style.leading / 3;
    return true;
  }

  gap(height: number): void {
    this.#y -= height;
  }

  #x(): number {
    return MARGIN + this.#column * (COLUMN_WIDTH + GUTTER);
  }

  #nextColumn(): boolean {
    if (this.#page !== null && this.#column < COLUMNS - 1) {
      this.#column++;
      this.#y = this.#top;
      return true;
    }
    if (this.#pageNumber >= this.masthead.maxPages) return false;
    this.#page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.#pageNumber++;
    this.#column = 0;
    this.#top = this.#pageNumber === 1 ? this.#frontMasthead(this.#page) : this.#runningHead(this.#page);
    this.#y = this.#top;
    return true;
  }

  #frontMasthead(page: PDFPage): number {
    const { serifBold, sans } = this.fonts;
    const name = printableFilter(serifBold)(this.masthead.siteName) ?? 'Wiredesk';
    const size = 46;
    const top = PAGE.height - MARGIN;
    page.drawText(name, {
      x: (PAGE.width - serifBold.widthOfTextAtSize(name, size)) / 2,
      y: top - size,
      size,
      font: serifBold,
      color: INK,
    });
    const rule = top - size - 14;
    page.drawLine({ start: { x: MARGIN, y: rule }, end: { x: PAGE.width - MARGIN, y: rule }, thickness: 2, color: INK });
    const info = `${this.masthead.editionName} edition  |  ${longDate(this.masthead.date)}  |  Digital edition from agency copy`;
    page.drawText(info, { x: MARGIN, y: rule - 14, size: 9, font: sans, color: INK });
    page.drawLine({ start: { x: MARGIN, y: rule - 20 }, end: { x: PAGE.width - MARGIN, y: rule - 20 }, thickness: 0.75, color: INK });
    return rule - 28;
  }

  #runningHead(page: PDFPage): number {
    const { sans } = this.fonts;
    const top = PAGE.height - MARGIN;
    const text = `${this.masthead.siteName}  |  ${this.masthead.editionName} edition  |  ${longDate(this.masthead.date)}  |  Page ${this.#pageNumber}`;
    page.drawText(printableFilter(sans)(text) ?? '', { x: MARGIN, y: top - 9, size: 8, font: sans, color: GREY });
    page.drawLine({ start: { x: MARGIN, y: top - 14 }, end: { x: PAGE.width - MARGIN, y: top - 14 }, thickness: 0.75, color: INK });
    return top - 22;
  }
}

/** Breaks text into lines no wider than `width`; a word longer than a line is split. */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((part) => part !== '')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    line = word;
    while (font.widthOfTextAtSize(line, size) > width) {
      let cut = line.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

const TYPOGRAPHIC: Record<string, string> = { '\u2009': ' ', '\u00a0': ' ', '\u200b': '', '\u2011': '-', '\u2212': '-', '\u20b9': 'Rs ' };

/**
 * The text as the font can print it (typographic spaces and the rupee sign spelled out), or
 * null when more than a tenth of its letters are outside the font's character set.
 */
export function printableFilter(font: PDFFont): (text: string) => string | null {
  const supported = new Set(font.getCharacterSet());
  return (text) => {
    const spelled = [...text.normalize('NFC')].map((char) => TYPOGRAPHIC[char] ?? char).join('');
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
