import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { epaperService } from '../../src/epaper/index.ts';
import { openPdf } from '../../src/epaper/pdf.ts';
import { printPdf } from '../support/epaper-fixtures.ts';
import { createTestSite, storeDialects, type TestSite } from '../support/runtime.ts';
import { killStory, publishStory, SITE_TEST_CONFIG, type StoryInput } from '../support/site-support.ts';

const EPAPER = {
  editions: [
    { slug: 'pune', name: 'Pune' },
    { slug: 'mumbai', name: 'Mumbai' },
  ],
  maxPages: 4,
  maxBytes: 5_000_000,
  digitalStoriesPerSection: 3,
  digitalDelayMs: 0,
};
const SLOW = { timeout: 240_000 };

const BUSES: StoryInput = {
  guid: 'ep-city-1',
  headline: 'Pune civic body adds late buses to the railway station',
  section: 'city',
  paragraphs: ['Pune, Nov 29 The transport service added two routes that run past midnight.', 'Tickets cost the same as day fares.'],
};
const CHIPS: StoryInput = {
  guid: 'ep-tech-1',
  headline: 'Chip design school opens evening classes',
  section: 'technology',
  paragraphs: ['Hyderabad, Nov 29 A design school began evening courses for working engineers.', 'The first batch has sixty students.'],
};
const TRAINS: StoryInput = {
  guid: 'ep-nat-1',
  headline: 'Coastal night train gets a second weekly run',
  section: 'national',
  paragraphs: ['New Delhi, Nov 29 The railway board doubled the coastal night service.', 'Bookings open on Monday.'],
};
/** A Hindi story: Devanagari conjuncts, reph and the i-matra, which the standard PDF fonts cannot print. */
const HINDI: StoryInput = {
  guid: 'ep-hi-1',
  headline: 'पुणे में नई मेट्रो लाइन शुरू, विद्यार्थियों को किराए में छूट',
  section: 'national',
  language: 'hi',
  paragraphs: ['नगर निगम ने शुक्रवार को नई मेट्रो लाइन का उद्घाटन किया।', 'स्थानीय विद्यालयों के छात्रों को मासिक पास पर छूट मिलेगी।'],
};

describe.each(storeDialects())('the digital e-paper edition (%s)', (dialect) => {
  let site: TestSite;
  let date: string;
  const ids = new Map<string, number>();
  const service = () => epaperService(site.runtime);
  const settle = async () => {
    await site.runtime.bus.settled();
    await service().digital.settled();
  };
  /** The pune digital edition's text, one string, or null when there is no edition. */
  const puneText = async (): Promise<string | null> => {
    const edition = await service().editions.find('pune', date);
    if (edition === undefined) return null;
    return (await service().editions.pages(edition.id)).map((page) => page.text.replace(/\s+/g, ' ')).join(' ');
  };

  beforeAll(async () => {
    site = await createTestSite({ ...SITE_TEST_CONFIG, epaper: EPAPER }, dialect);
    for (const story of [BUSES, CHIPS, TRAINS]) ids.set(story.guid, await publishStory(site.runtime, story));
    await settle();
    const story = await site.runtime.store.db
      .selectFrom('stories')
      .select('first_published_at')
      .where('id', '=', ids.get(BUSES.guid) as number)
      .executeTakeFirstOrThrow();
    date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(new Date(story.first_published_at as string));
  }, 240_000);
  afterAll(async () => site?.close());

  it('is compiled from the day’s stories, the edition city first, and shown in the viewer', async () => {
    const edition = await service().editions.find('pune', date);
    expect(edition?.kind).toBe('digital');
    const text = (await puneText()) as string;
    expect(text).toContain('Pune edition');
    for (const story of [BUSES, CHIPS, TRAINS]) expect(text).toContain(story.headline);
    expect(text.indexOf(BUSES.headline)).toBeLessThan(text.indexOf(CHIPS.headline));
    expect(text).toContain('By NNA');
    expect(text).toContain('without any modifications to the text');
    const page = await site.app.inject(`/epaper/pune/${date}/1`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Digital edition compiled from the day’s agency stories.');
    // A CDN purging a story's key (as on a kill) drops the pages that print it.
    expect(String(page.headers['surrogate-key']).split(' ')).toEqual(
      expect.arrayContaining([`epaper-pune-${date}`, `story-${ids.get(BUSES.guid)}`, `story-${ids.get(CHIPS.guid)}`]),
    );
    expect((await service().editions.find('mumbai', date))?.kind).toBe('digital');
  });

  it('prints a Hindi story, its text in reading order on the page, and drops it when killed', SLOW, async () => {
    const id = await publishStory(site.runtime, HINDI);
    await settle();
    const text = (await puneText()) as string;
    for (const part of [HINDI.headline, ...HINDI.paragraphs]) expect(text).toContain(part);
    expect((await site.app.inject(`/epaper/pune/${date}/1`)).body).toContain('विद्यालयों');

    // The PDF itself carries the Devanagari text (in glyph order: the i-matra before its consonant).
    const download = await site.app.inject(`/epaper/pune/${date}/pdf`);
    const pdf = await openPdf(download.rawPayload, 'pune.pdf', EPAPER);
    try {
      const printed = (await Promise.all(Array.from({ length: pdf.pageCount }, (_, n) => pdf.text(n + 1)))).join(' ');
      expect(printed).toContain('मेट्रो');
      expect(printed).toContain('िकराए');
    } finally {
      await pdf.close();
    }

    await killStory(site.runtime, id);
    await settle();
    expect(await puneText()).not.toContain('मेट्रो');
  });

  it('drops a killed story at once and everywhere: pages, links, files', SLOW, async () => {
    const before = await service().editions.find('pune', date);
    await killStory(site.runtime, ids.get(CHIPS.guid) as number);
    await settle();
    const text = (await puneText()) as string;
    expect(text).not.toContain(CHIPS.headline);
    expect(text).toContain(BUSES.headline);
    expect(await service().editions.digitalWithStories([ids.get(CHIPS.guid) as number])).toEqual([]);
    expect(existsSync(service().editions.folderOf(before?.version as string))).toBe(false);
    expect((await site.app.inject(`/epaper/pune/${date}/1`)).body).not.toContain(CHIPS.headline);
  });

  it('follows an update of a story it prints', SLOW, async () => {
    await publishStory(site.runtime, { ...TRAINS, version: 2, headline: 'Coastal night train to run three times a week' });
    await settle();
    const text = (await puneText()) as string;
    expect(text).toContain('Coastal night train to run three times a week');
    expect(text).not.toContain(TRAINS.headline);
  });

  it('never shows a story killed by another process that this one did not hear of', SLOW, async () => {
    // `wiredesk kill` run from a shell changes the row; no event reaches this process's bus.
    await site.runtime.store.db
      .updateTable('stories')
      .set({ status: 'killed', killed_at: new Date().toISOString(), kill_reason: 'agency kill' })
      .where('id', '=', ids.get(TRAINS.guid) as number)
      .execute();
    const page = await site.app.inject(`/epaper/pune/${date}/1`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Coastal night train');
    expect(await puneText()).not.toContain('Coastal night train');
  });

  it('gives way to a print edition, and is taken down when no story is left', SLOW, async () => {
    await service().addPrint({ edition: 'mumbai', date, pdf: await printPdf([['Mumbai print front page']]), name: 'mumbai.pdf' });
    expect(await service().compileDigital('mumbai', date)).toEqual({ status: 'print-exists' });
    expect((await service().editions.find('mumbai', date))?.kind).toBe('print');

    await killStory(site.runtime, ids.get(BUSES.guid) as number);
    await settle();
    expect(await service().editions.find('pune', date)).toBeUndefined();
    expect((await site.app.inject(`/epaper/pune/${date}/1`)).statusCode).toBe(404);
    expect((await service().editions.find('mumbai', date))?.kind).toBe('print');
  });
});
