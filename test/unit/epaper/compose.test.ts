import { describe, expect, it } from 'vitest';
import { composeDigitalEdition } from '../../../src/epaper/digital/compose.ts';
import type { PrintStory } from '../../../src/epaper/digital/edition-stories.ts';
import { openPdf } from '../../../src/epaper/pdf.ts';

const DISCLAIMER = 'Published from the agency feed as received, without an editor';

function story(id: number, section: string, headline: string, paragraphs: number): PrintStory {
  return {
    id,
    section,
    headline,
    byline: 'NNA',
    dateline: 'Nashik, Nov 29',
    body: Array.from(
      { length: paragraphs },
      (_, n) =>
        `Paragraph ${n + 1} of story ${id}: the grape growers' union met the district collector about cold storage near the market yard.`,
    ).join('\n'),
    disclaimer: DISCLAIMER,
    path: `/${section}/story-${id}`,
  };
}

const MASTHEAD = {
  siteName: 'Wiredesk Test News',
  siteUrl: 'https://news.example',
  editionName: 'Pune',
  date: '2026-11-29',
  sectionNames: new Map([
    ['national', 'National'],
    ['technology', 'Technology'],
  ]),
  maxPages: 4,
};

async function textOf(pdfBytes: Uint8Array): Promise<[string, ...string[]]> {
  const pdf = await openPdf(pdfBytes, 'digital.pdf', { maxPages: 10, maxBytes: 10_000_000 });
  try {
    const pages: string[] = [];
    for (let page = 1; page <= pdf.pageCount; page++) pages.push((await pdf.text(page)).replace(/\s+/g, ' '));
    if (pages[0] === undefined) throw new Error('the PDF has no pages');
    return pages as [string, ...string[]];
  } finally {
    await pdf.close();
  }
}

describe('composing the digital edition', () => {
  it('prints masthead, section labels, headlines, bylines, datelines, text, disclaimer and link', { timeout: 120_000 }, async () => {
    const composed = await composeDigitalEdition(
      [story(1, 'national', 'Grape growers ask for cold storage', 2), story(2, 'technology', 'Tram depot tests battery buses', 1)],
      MASTHEAD,
    );
    expect(composed.storyIds).toEqual([1, 2]);
    const [front] = await textOf(composed.pdf);
    expect(front).toContain('Wiredesk Test News');
    expect(front).toContain('Pune edition | Sunday, November 29, 2026');
    expect(front).toContain('NATIONAL');
    expect(front).toContain('TECHNOLOGY');
    expect(front).toContain('Grape growers ask for cold storage');
    expect(front).toContain('By NNA');
    expect(front).toContain('NASHIK, NOV 29');
    expect(front).toContain('Paragraph 2 of story 1');
    expect(front).toContain(DISCLAIMER);
    expect(front).toContain('Online: https://news.example/technology/story-2');
    expect(front.indexOf('Grape growers')).toBeLessThan(front.indexOf('Tram depot'));
  });

  it('flows long copy over columns and pages, with a running head, up to the page limit', { timeout: 120_000 }, async () => {
    const stories = Array.from({ length: 30 }, (_, n) => story(n + 1, 'national', `Long report number ${n + 1}`, 12));
    const composed = await composeDigitalEdition(stories, { ...MASTHEAD, maxPages: 2 });
    const pages = await textOf(composed.pdf);
    expect(pages).toHaveLength(2);
    expect(pages[1]).toContain('Wiredesk Test News | Pune edition | Sunday, November 29, 2026 | Page 2');
    // Stories that did not fit are not claimed as printed (a kill of one of them changes nothing).
    expect(composed.storyIds.length).toBeGreaterThan(1);
    expect(composed.storyIds.length).toBeLessThan(30);
    const last = composed.storyIds.at(-1) as number;
    expect(pages.join(' ')).toContain(`Long report number ${last}`);
    expect(pages.join(' ')).not.toContain(`Long report number ${last + 1} `);
  });

  it('prints Hindi and Marathi stories in a Devanagari face, shaped, with their text kept in reading order', {
    timeout: 120_000,
  }, async () => {
    const hindi: PrintStory = {
      ...story(3, 'national', 'पुणे में नई मेट्रो लाइन शुरू, विद्यार्थियों को किराए में छूट', 1),
      dateline: 'पुणे, 28 नवंबर',
      body: 'पुणे, 28 नवंबर नगर निगम ने नई मेट्रो लाइन का उद्घाटन किया।\nस्थानीय विद्यालयों के छात्रों को ₹20 के मासिक पास पर छूट मिलेगी।',
    };
    const marathi: PrintStory = {
      ...story(4, 'national', 'पुण्यात पावसामुळे शाळा बंद', 1),
      dateline: null,
      body: 'जिल्हाधिकाऱ्यांनी शाळांना सुट्टी जाहीर केली.',
    };
    const composed = await composeDigitalEdition([hindi, marathi], MASTHEAD);
    expect(composed.storyIds).toEqual([3, 4]);
    const reading = (composed.pageTexts[0] ?? '').replace(/\s+/g, ' ');
    for (const text of [hindi.headline, ...hindi.body.split('\n'), marathi.headline, marathi.body]) expect(reading).toContain(text);
    // The Devanagari face has the rupee sign: it is printed, not spelled out.
    expect(reading).toContain('₹20');

    // The PDF's own text comes back in glyph order: the i-matra of कि drawn before its consonant, as the shaper placed it.
    const [front] = await textOf(composed.pdf);
    expect(front).toContain('मेट्रो');
    expect(front).toContain('िकराए');
    expect(front).not.toContain('किराए');
  });

  it('leaves out a story in a script no face carries, and spells out the rupee sign in Latin copy', { timeout: 120_000 }, async () => {
    const bengali: PrintStory = { ...story(5, 'national', 'কলকাতায় বৃষ্টিতে ট্রাম পরিষেবা বন্ধ', 1), body: 'কলকাতা, ২৮ নভেম্বর টানা বৃষ্টি।' };
    const rupee: PrintStory = { ...story(6, 'national', 'Onion prices fall to ₹20 a kilo', 1) };
    const composed = await composeDigitalEdition([bengali, rupee], MASTHEAD);
    expect(composed.storyIds).toEqual([6]);
    const [front] = await textOf(composed.pdf);
    expect(front).toContain('Onion prices fall to Rs 20 a kilo');
  });
});
