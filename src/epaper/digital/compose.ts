import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { longDate } from '../day.ts';
import type { PrintStory } from './edition-stories.ts';
import { EditionFonts } from './fonts.ts';

/**
 * Lays the day's stories out as a newspaper: a masthead with the paper's name, edition and
 * date on the front page, a running head on the others, four columns of copy, section
 * labels, and for every story its headline, byline, dateline, text, the agency's disclaimer
 * and where to read it online. Text flows down a column and on into the next; a headline
 * never sits alone at the foot of a column. Hindi and Marathi stories print in a Devanagari
 * face (see fonts.ts); a story in a script no face carries is left out.
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
  /**
   * Each page's text in reading order, line by line. Text extracted back from the PDF is in
   * glyph order, which for Devanagari is not the order it is read (the i-matra comes first).
   */
  pageTexts: string[];
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

export async function composeDigitalEdition(stories: PrintStory[], masthead: Masthead): Promise<ComposedEdition> {
  const doc = await PDFDocument.create();
  doc.setTitle(`${masthead.siteName}, ${masthead.editionName} edition, ${longDate(masthead.date)}`);
  doc.setProducer('Wiredesk');
  doc.setCreationDate(new Date(`${masthead.date}T00:00:00Z`));
  const fonts = await EditionFonts.embed(doc);
  const flow = new ColumnFlow(doc, fonts, masthead);
  const printed: number[] = [];
  let section: string | null = null;

  for (const story of stories) {
    const headline = await fonts.set(story.headline, fonts.serifBold, 'bold');
    const body = await fonts.set(story.body, fonts.serif, 'regular');
    // A story in a script none of the faces carries is left out rather than printed as gaps.
    if (headline === null || body === null) continue;
    const headlineLines = wrap(headline.text, headline.font, STYLE.headline.size, COLUMN_WIDTH);
    const opening = (section === story.section ? 0 : STYLE.section.leading) + headlineLines.length * STYLE.headline.leading;
    if (!flow.reserve(opening + STYLE.byline.leading + 3 * STYLE.body.leading)) break;
    if (section !== story.section) {
      section = story.section;
      flow.line((masthead.sectionNames.get(section) ?? section).toUpperCase(), fonts.sansBold, STYLE.section, ACCENT);
    }
    for (const line of headlineLines) flow.line(line, headline.font, STYLE.headline, INK);
    const byline = (await fonts.set(`By ${story.byline}`, fonts.sans, 'regular')) ?? { text: 'By the agency', font: fonts.sans };
    flow.line(byline.text, byline.font, STYLE.byline, GREY);
    const dateline = story.dateline === null ? null : await fonts.set(story.dateline, fonts.sansBold, 'bold');
    if (dateline !== null && !body.text.startsWith(dateline.text)) flow.text(dateline.text.toUpperCase(), dateline.font, STYLE.byline, INK);
    const paragraphs = body.text.split(/\n+/).filter((paragraph) => paragraph.trim() !== '');
    let complete = true;
    for (const paragraph of paragraphs) complete &&= flow.text(paragraph.trim(), body.font, STYLE.body, INK);
    const disclaimer = await fonts.set(story.disclaimer, fonts.serifItalic, 'regular');
    if (disclaimer !== null) complete &&= flow.text(disclaimer.text, disclaimer.font, STYLE.note, GREY);
    complete &&= flow.text(`Online: ${new URL(story.path, masthead.siteUrl).href}`, fonts.sans, STYLE.note, GREY);
    flow.gap(STYLE.body.leading);
    printed.push(story.id);
    if (!complete) break;
  }
  return { pdf: await doc.save(), storyIds: printed, pageTexts: flow.pageTexts() };
}

/** Writes lines down columns, turning to the next column and page as each fills. */
class ColumnFlow {
  #page: PDFPage | null = null;
  /** The lines drawn on each page, in the order they are read. */
  readonly #lines: string[][] = [];
  #pageNumber = 0;
  #column = 0;
  #y = 0;
  #top = 0;

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: EditionFonts,
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
    this.#draw(text, { x: this.#x(), y: this.#y + (style.leading - style.size) / 2, size: style.size, font, color });
    return true;
  }

  pageTexts(): string[] {
    return this.#lines.map((lines) => lines.join('\n'));
  }

  #draw(text: string, options: { x: number; y: number; size: number; font: PDFFont; color: ReturnType<typeof rgb> }): void {
    (this.#page as PDFPage).drawText(text, options);
    this.#lines[this.#pageNumber - 1]?.push(text.replace(/[ \t]+/g, ' ').trim());
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
    this.#lines.push([]);
    this.#column = 0;
    this.#top = this.#pageNumber === 1 ? this.#frontMasthead(this.#page) : this.#runningHead(this.#page);
    this.#y = this.#top;
    return true;
  }

  #frontMasthead(page: PDFPage): number {
    const { serifBold, sans } = this.fonts;
    const name = this.fonts.printable(serifBold)(this.masthead.siteName) ?? 'Wiredesk';
    const size = 46;
    const top = PAGE.height - MARGIN;
    this.#draw(name, {
      x: (PAGE.width - serifBold.widthOfTextAtSize(name, size)) / 2,
      y: top - size,
      size,
      font: serifBold,
      color: INK,
    });
    const rule = top - size - 14;
    page.drawLine({ start: { x: MARGIN, y: rule }, end: { x: PAGE.width - MARGIN, y: rule }, thickness: 2, color: INK });
    const info = `${this.masthead.editionName} edition  |  ${longDate(this.masthead.date)}  |  Digital edition from agency copy`;
    this.#draw(info, { x: MARGIN, y: rule - 14, size: 9, font: sans, color: INK });
    page.drawLine({ start: { x: MARGIN, y: rule - 20 }, end: { x: PAGE.width - MARGIN, y: rule - 20 }, thickness: 0.75, color: INK });
    return rule - 28;
  }

  #runningHead(page: PDFPage): number {
    const { sans } = this.fonts;
    const top = PAGE.height - MARGIN;
    const text = `${this.masthead.siteName}  |  ${this.masthead.editionName} edition  |  ${longDate(this.masthead.date)}  |  Page ${this.#pageNumber}`;
    this.#draw(this.fonts.printable(sans)(text) ?? '', { x: MARGIN, y: top - 9, size: 8, font: sans, color: GREY });
    page.drawLine({ start: { x: MARGIN, y: top - 14 }, end: { x: PAGE.width - MARGIN, y: top - 14 }, thickness: 0.75, color: INK });
    return top - 22;
  }
}

/**
 * Breaks text into lines no wider than `width`; a word longer than a line is split. A line's
 * width is the sum of its words and spaces, each word measured once per font (shaping is
 * costly for Devanagari and never reaches across a space).
 */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const measure = (part: string) => widthAtUnitSize(font, part) * size;
  const space = measure(' ');
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const word of text.split(/\s+/).filter((part) => part !== '')) {
    const wordWidth = measure(word);
    if (line !== '' && lineWidth + space + wordWidth <= width) {
      line = `${line} ${word}`;
      lineWidth += space + wordWidth;
      continue;
    }
    if (line !== '') lines.push(line);
    line = word;
    lineWidth = wordWidth;
    while (lineWidth > width) {
      let cut = line.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
      lineWidth = measure(line);
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Word widths at size 1, per font: the same words recur all through a paper. */
const unitWidths = new WeakMap<PDFFont, Map<string, number>>();

function widthAtUnitSize(font: PDFFont, text: string): number {
  let widths = unitWidths.get(font);
  if (widths === undefined) {
    widths = new Map();
    unitWidths.set(font, widths);
  }
  let width = widths.get(text);
  if (width === undefined) {
    width = font.widthOfTextAtSize(text, 1);
    widths.set(text, width);
  }
  return width;
}
