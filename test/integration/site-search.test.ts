import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSite, storeDialects, type TestSite } from '../support/runtime.ts';
import { idOf, killStory, publishSamples, publishStory, SITE_TEST_CONFIG } from '../support/site-support.ts';

const SYLLABLES = ['ba', 'ko', 'ri', 'mu', 'te', 'sa', 'lo', 'vi', 'ne', 'du', 'pa', 'zo'];

/** Made-up words, different for every story: the stories share nothing but "kite", so none is a near-duplicate. */
function wordsOf(story: number): string {
  return Array.from({ length: 14 }, (_, k) => {
    const a = SYLLABLES[story] ?? 'x';
    const b = SYLLABLES[k % SYLLABLES.length] ?? 'y';
    const c = SYLLABLES[(story + k * 5) % SYLLABLES.length] ?? 'z';
    return `${a}${b}${c}${k}`;
  }).join(' ');
}

/** Twelve stories that all mention "kite". */
async function publishKiteStories(site: TestSite): Promise<void> {
  for (let n = 0; n < 12; n++) {
    await publishStory(site.runtime, {
      guid: `kite-${n}`,
      headline: `Kite report ${SYLLABLES[n]}${n}`,
      section: 'national',
      paragraphs: [`Nagpur, Nov ${n + 10} ${wordsOf(n)} kite.`],
      minutesAgo: 200 - n,
    });
  }
}

describe.each(storeDialects())('site search (%s)', (dialect) => {
  let site: TestSite;
  let ids: Map<string, number>;
  const search = async (query: string, page?: number) => {
    const url = `/search?q=${encodeURIComponent(query)}${page === undefined ? '' : `&page=${page}`}`;
    return site.app.inject({ url });
  };
  const resultLinks = (html: string): string[] =>
    [...(/<ol class="cards">(.*?)<\/ol>/s.exec(html)?.[1] ?? '').matchAll(/<a href="([^"]+)"/g)].map((match) =>
      decodeURIComponent(match[1] ?? ''),
    );

  beforeAll(async () => {
    site = await createTestSite(SITE_TEST_CONFIG, dialect);
    ids = await publishSamples(site.runtime);
  });
  afterAll(() => site.close());

  it('finds stories by a word of the headline or the body, with the word highlighted', async () => {
    const response = await search('Drone');
    expect(response.statusCode).toBe(200);
    expect(resultLinks(response.body)).toEqual([expect.stringMatching(/solar-drone-for-crop-surveys-\d+$/)]);
    expect(response.body).toContain('<mark>drone</mark>');
    expect(response.body).toContain('1 story');

    const byBody = await search('cooperatives');
    expect(resultLinks(byBody.body)).toHaveLength(1);
    expect(byBody.body).toContain('<mark>cooperatives</mark>');
  });

  it('ranks a story with the word in its headline above one that only mentions it', async () => {
    await publishStory(site.runtime, {
      guid: 'airport-mention',
      headline: 'Cargo volumes climb at western ports',
      section: 'national',
      paragraphs: ['Mumbai, Nov 28 Freight handlers reported a busy month, with extra trucks sent on to the airport cargo sheds.'],
      minutesAgo: 1,
    });
    const links = resultLinks((await search('airport')).body);
    expect(links).toHaveLength(2);
    expect(links[0]).toMatch(/night-bus-routes-to-the-airport-\d+$/);
  });

  it('finds Hindi and Marathi stories by a Devanagari word', async () => {
    const hindi = await search('बारिश');
    expect(resultLinks(hindi.body)).toEqual([expect.stringContaining('/city/मुंबई-में-बारिश')]);
    expect(hindi.body).toContain('<mark>बारिश</mark>');
    expect(hindi.body).toContain('lang="hi"');

    const marathi = await search('ग्रंथालय');
    expect(resultLinks(marathi.body)).toEqual([expect.stringContaining('/city/पुण्यात-नवीन-ग्रंथालयाचे-उद्घाटन')]);
  });

  it('treats query syntax as plain words: quotes, stars and operators never cause an error', async () => {
    for (const query of ['"', '*', 'AND(', 'drone"', 'NEAR(drone solar', 'drone OR', '-solar', 'headline:drone', '()', '^*"""']) {
      const response = await search(query);
      expect(response.statusCode, query).toBe(200);
    }
    expect(resultLinks((await search('"drone" AND(')).body)).toHaveLength(0);
    expect(resultLinks((await search('solar* "drone"')).body)).toHaveLength(1);
  });

  it('escapes the query and the snippets it shows', async () => {
    const response = await search('<script>alert(1)</script>');
    expect(response.body).not.toContain('<script>alert');
    expect(response.body).toContain('No stories match “&lt;script>alert(1)&lt;/script>”');
  });

  it('says clearly when there is nothing to search for or nothing found', async () => {
    const empty = await site.app.inject({ url: '/search' });
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('Type one or more words');
    const none = await search('xylophonequartz');
    expect(none.body).toContain('No stories match “xylophonequartz”');
    expect(resultLinks(none.body)).toEqual([]);
  });

  it('pages through many results with previous and next links', async () => {
    await publishKiteStories(site);
    const first = await search('kite');
    expect(first.body).toContain('12 stories match “kite” (page 1 of 2)');
    expect(resultLinks(first.body)).toHaveLength(10);
    expect(first.body).toContain('href="/search?q=kite&amp;page=2" rel="next"');
    const second = await search('kite', 2);
    expect(resultLinks(second.body)).toHaveLength(2);
    expect(second.body).toContain('href="/search?q=kite" rel="prev"');
    expect(new Set([...resultLinks(first.body), ...resultLinks(second.body)]).size).toBe(12);
  }, 120_000);

  it('drops a killed story from search at once and indexes an update’s new text', async () => {
    await killStory(site.runtime, idOf(ids, 'nna-tech-1'));
    expect(resultLinks((await search('drone')).body)).toEqual([]);

    await publishStory(site.runtime, {
      guid: 'nna-nat-1',
      version: 2,
      headline: 'Railway board approves new overnight service along the coast',
      section: 'national',
      paragraphs: [
        'New Delhi, Nov 27 The railway board cleared a new overnight passenger service linking coastal towns, with sleeper coaches.',
        'The first train is expected to run before the monsoon, officials said.',
      ],
    });
    expect(resultLinks((await search('sleeper')).body)).toHaveLength(1);
  }, 120_000);
});
