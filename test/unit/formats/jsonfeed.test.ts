import { describe, expect, it } from 'vitest';
import { parseJsonFeed } from '../../../src/ingest/formats/jsonfeed.ts';
import { context, fixture } from './helpers.ts';

describe('JSON Feed 1.1', () => {
  const result = parseJsonFeed(fixture('jsonfeed-1.1.json'), context());
  const [race, metro] = result.items;

  it('maps content_html, summary, authors, tags, image and attachments', () => {
    expect(race).toMatchObject({
      guid: 'json-1',
      headline: 'Boat race returns to Alappuzha backwaters',
      bodyHtml: '<p>Alappuzha, Nov 29 (Demo) Snake boats lined up at dawn.</p>',
      teaser: 'Snake boats lined up at dawn for the first race since 2023.',
      byline: 'Anil Menon',
      keywords: ['sport', 'kerala'],
      language: 'en-IN',
      link: 'https://json.wire.example/stories/boat-race',
    });
    expect(race?.media.map((m) => [m.url, m.kind])).toEqual([
      ['https://json.wire.example/img/boats.jpg', 'image'],
      ['https://json.wire.example/audio/race.mp3', 'audio'],
    ]);
    expect(race?.versionCreated?.toISOString()).toBe('2025-11-29T01:30:00.000Z');
  });

  it('escapes content_text into paragraphs and falls back to the feed author', () => {
    expect(metro?.bodyHtml).toBe('<p>Chennai, Nov 29 (Demo) Card prices stay the same.</p>\n<p>Day passes get cheaper.</p>');
    expect(metro?.byline).toBe('Demo Wire');
    expect(metro?.firstCreated?.toISOString()).toBe('2025-11-29T02:30:00.000Z');
  });

  it('rejects an item without a title and keeps its own source text', () => {
    expect(result.rejected).toEqual([{ ref: 'json-3', reason: 'no headline', raw: expect.stringContaining('"id": "json-3"') }]);
    expect(JSON.parse(race?.raw ?? '')).toMatchObject({ id: 'json-1' });
  });
});

describe('JSON Feed 1.0', () => {
  it('reads the single author object', () => {
    const { items } = parseJsonFeed(fixture('jsonfeed-1.0.json'), context());
    expect(items[0]).toMatchObject({ guid: 'old-1', byline: 'Kiran Thakur', headline: 'Hill station opens new trail' });
  });
});
