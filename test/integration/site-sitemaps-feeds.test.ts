import { parseFeed } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSite, storeDialects, type TestSite } from '../support/runtime.ts';
import { idOf, killStory, publishSamples, publishStory, SITE_TEST_CONFIG } from '../support/site-support.ts';
import { SCHEMAS, validateXml } from '../support/site-xml.ts';

const locs = (xml: string): string[] => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => decodeURIComponent(match[1] ?? ''));

describe.each(storeDialects())('sitemaps, robots.txt and outgoing feeds (%s)', (dialect) => {
  let site: TestSite;
  let ids: Map<string, number>;
  const get = (url: string) => site.app.inject({ url });
  const body = async (url: string): Promise<string> => {
    const response = await get(url);
    expect(response.statusCode, url).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    site = await createTestSite(SITE_TEST_CONFIG, dialect);
    ids = await publishSamples(site.runtime);
    await publishStory(site.runtime, {
      guid: 'nna-old-1',
      headline: 'Dam inspection finds spillway gates in good order',
      section: 'national',
      paragraphs: ['Nashik, Nov 24 Engineers finished the yearly inspection of the reservoir and reported no faults in the gates.'],
      minutesAgo: 4 * 24 * 60,
    });
  });
  afterAll(() => site.close());

  it('lists the sitemaps in robots.txt', async () => {
    const robots = await body('/robots.txt');
    expect(robots).toContain('Sitemap: http://localhost:3000/sitemap.xml');
    expect(robots).toContain('Sitemap: http://localhost:3000/sitemaps/news.xml');
  });

  it('indexes one valid sitemap per day, each with the newest change among its stories as lastmod', async () => {
    const index = await body('/sitemap.xml');
    expect(validateXml(index, SCHEMAS.siteindex)).toEqual({ valid: true, messages: '' });
    const days = locs(index);
    expect(days.length).toBe(2);
    const urls: string[] = [];
    for (const day of days) {
      const xml = await body(new URL(day).pathname);
      expect(validateXml(xml, SCHEMAS.sitemap)).toEqual({ valid: true, messages: '' });
      const lastmods = [...xml.matchAll(/<lastmod>([^<]+)<\/lastmod>/g)].map((match) => match[1] ?? '');
      const entry = new RegExp(`<loc>${day.replace(/[.?]/g, '\\$&')}</loc><lastmod>([^<]+)</lastmod>`).exec(index);
      expect(entry?.[1]).toBe(lastmods.sort().at(-1));
      urls.push(...locs(xml));
    }
    // Every indexable story once; the `noindex` agency's story is left out.
    expect(urls).toHaveLength(8);
    expect(urls.some((url) => url.includes('folk-theatre'))).toBe(false);
    expect(urls.some((url) => url.includes('dam-inspection'))).toBe(true);
  });

  it('publishes a valid Google News sitemap of the last 48 hours for agencies that allow News', async () => {
    const xml = await body('/sitemaps/news.xml');
    expect(validateXml(xml, SCHEMAS.news)).toEqual({ valid: true, messages: '' });
    const urls = locs(xml);
    expect(urls).toHaveLength(6);
    expect(urls.some((url) => url.includes('dam-inspection'))).toBe(false); // four days old
    expect(urls.some((url) => url.includes('harbour-cities'))).toBe(false); // noindex-news agency
    expect(xml).toContain('<news:language>hi</news:language>');
    expect(xml).toContain('<news:title>मुंबई में बारिश से लोकल ट्रेनें देर से चलीं</news:title>');
    expect(xml).toMatch(/<news:publication_date>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+05:30<\/news:publication_date>/);
  });

  it('rejects a News sitemap that leaves out a required element (the schema check itself works)', () => {
    const broken = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>http://localhost:3000/a-1</loc><news:news><news:publication><news:name>X</news:name><news:language>en</news:language></news:publication><news:publication_date>2026-11-29</news:publication_date></news:news></url></urlset>`;
    expect(validateXml(broken, SCHEMAS.news).valid).toBe(false);
  });

  it('serves RSS 2.0, Atom and JSON Feed 1.1 for the site and each section, with full text and stable ids', async () => {
    const rss = parseFeed(await body('/feeds/rss.xml'));
    const atom = parseFeed(await body('/feeds/atom.xml'));
    const json = parseFeed(await body('/feeds/feed.json'));
    expect([rss.format, atom.format, json.format]).toEqual(['rss', 'atom', 'json']);
    if (rss.format !== 'rss' || atom.format !== 'atom' || json.format !== 'json') return;
    expect(rss.feed.items).toHaveLength(9);
    const first = rss.feed.items?.find((item) => item.title === 'Startup in Pune unveils solar drone for crop surveys');
    expect(first?.content?.encoded).toContain('<p>Pune, Nov 28 A young company');
    expect(first?.guid?.value).toMatch(/^tag:localhost,\d{4}-\d\d-\d\d:story\/\d+$/);
    const atomEntry = atom.feed.entries?.find((entry) => entry.title?.value === first?.title);
    expect(atomEntry?.id).toBe(first?.guid?.value);
    const jsonItem = json.feed.items?.find((item) => item.title === first?.title);
    expect(jsonItem?.id).toBe(first?.guid?.value);
    expect(jsonItem?.content_html).toContain('Farm cooperatives');

    const section = parseFeed(await body('/feeds/technology/atom.xml'));
    expect(section.format === 'atom' && section.feed.entries?.map((entry) => entry.title?.value)).toEqual([
      'Quantum lab opens shared cryostat to university teams',
      'Startup in Pune unveils solar drone for crop surveys',
    ]);
    expect((await get('/feeds/nonsense/rss.xml')).statusCode).toBe(404);
    expect((await get('/feeds/rss.txt')).statusCode).toBe(404);
  });

  it('drops a killed story from sitemaps and feeds at once, even after they were cached', async () => {
    const watched = ['/feeds/rss.xml', '/feeds/technology/feed.json', '/sitemaps/news.xml'];
    const dayMaps = locs(await body('/sitemap.xml')).map((loc) => new URL(loc).pathname);
    expect((await Promise.all(dayMaps.map(body))).join('')).toContain('solar');
    for (const url of watched) expect(await body(url), url).toContain('solar');
    await killStory(site.runtime, idOf(ids, 'nna-tech-1'));
    for (const url of [...watched, ...dayMaps]) expect(await body(url), url).not.toContain('solar');
  });
});
