import { describe, expect, it } from 'vitest';
import { parseRdf } from '../../../src/ingest/formats/rdf.ts';
import { context, fixture } from './helpers.ts';

describe('RSS 1.0 / RDF', () => {
  const result = parseRdf(fixture('rdf.xml'), context());

  it('reads items beside the channel with rdf:about, Dublin Core and content:encoded', () => {
    expect(result.items).toHaveLength(2);
    expect(result.items[0]).toMatchObject({
      guid: 'https://rdf.wire.example/a',
      headline: 'Lucknow bakery wins national award',
      byline: 'Meera Singh',
      teaser: 'A family bakery took the top prize.',
      bodyHtml: '<p>Lucknow, Nov 29 (Demo) A family bakery took the top prize for its sheermal.</p>',
      subjects: ['Food'],
      language: 'hi',
      link: 'https://rdf.wire.example/a',
    });
    expect(result.items[0]?.firstCreated?.toISOString()).toBe('2025-11-29T06:30:00.000Z');
  });

  it('reads a date-only dc:date as midnight in the feed zone', () => {
    expect(result.items[1]?.firstCreated?.toISOString()).toBe('2025-11-28T18:30:00.000Z');
    expect(result.items[1]?.bodyHtml).toBe('The first tram ran on Saturday.');
  });
});
