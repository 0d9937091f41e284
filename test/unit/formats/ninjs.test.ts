import { describe, expect, it } from 'vitest';
import { parseNinjs } from '../../../src/ingest/formats/ninjs.ts';
import { context, fixture } from './helpers.ts';

describe('ninjs 1.x', () => {
  const { items, rejected, skipped } = parseNinjs(fixture('ninjs-1.x.json'), context());
  const story = items[0];

  it('reads the 1.x field names of a single document', () => {
    expect(rejected).toEqual([]);
    expect(skipped).toEqual([]);
    expect(story).toMatchObject({
      guid: 'urn:demo:ninjs1:7781',
      version: 3,
      headline: 'CORRECTED: Bengaluru lake clean-up finds 40 tonnes of plastic',
      byline: 'Lakshmi Rao',
      teaser: 'Volunteers spent two weekends on the lake.',
      bodyHtml: '<p>Bengaluru, Nov 29 (Demo) Volunteers removed 40 tonnes, not 14 as first reported.</p>',
      place: 'Bengaluru',
      priority: 3,
      subjects: ['medtop:06000000', 'lakes'],
      signal: 'correction',
      pubstatus: 'usable',
    });
    expect(story?.embargo?.toISOString()).toBe('2025-11-29T18:30:00.000Z');
    expect(story?.versionCreated?.toISOString()).toBe('2025-11-29T00:00:00.000Z');
  });

  it('takes the widest rendition of an associated picture, keyed by name in 1.x', () => {
    expect(story?.media).toEqual([
      {
        url: 'https://ninjs.wire.example/lake.jpg',
        kind: 'image',
        mimeType: 'image/jpeg',
        width: 2000,
        height: 1200,
        caption: 'Volunteers at the lake edge.',
        credit: 'Demo Photo',
      },
    ]);
  });

  it('keeps the whole document as raw', () => {
    expect(JSON.parse(story?.raw ?? '')).toMatchObject({ uri: 'urn:demo:ninjs1:7781' });
  });
});

describe('ninjs 2.x (an array of documents)', () => {
  const { items, skipped } = parseNinjs(fixture('ninjs-2.x.json'), context());

  it('picks the main headline, the HTML body and the summary description', () => {
    expect(items[0]).toMatchObject({
      guid: 'urn:demo:ninjs2:1',
      headline: 'Jaipur adds heritage walk in old city',
      bodyHtml: '<p>Jaipur, Nov 29 (Demo) The walk covers six havelis.</p>',
      teaser: 'The walk covers six havelis.',
      byline: 'Neha Sharma',
      place: 'Jaipur',
      subjects: ['http://cv.iptc.org/newscodes/mediatopic/01000000'],
    });
  });

  it('passes a bare cancellation through as a kill', () => {
    expect(items[1]).toMatchObject({ guid: 'urn:demo:ninjs2:2', signal: 'kill', pubstatus: 'canceled', headline: '', bodyHtml: '' });
  });

  it('skips a picture with its type as the reason', () => {
    expect(skipped).toEqual([{ ref: 'urn:demo:ninjs2:3', reason: 'ninjs type "picture" is not a text story' }]);
  });

  it('keeps each array element own source text as raw', () => {
    expect(items[1]?.raw).toMatch(/^\{\s*"uri": "urn:demo:ninjs2:2"[\s\S]*\}$/);
  });
});

describe('ninjs 3.x (an object with items)', () => {
  const { items, rejected, skipped } = parseNinjs(fixture('ninjs-3.x.json'), context());

  it('reads the camelCase 3.x names: dates, embargoedUntil, pubStatus, contentType', () => {
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      guid: 'urn:demo:ninjs3:1',
      version: 2,
      pubstatus: 'withheld',
      priority: 2,
      headline: 'Guwahati tea auction sets price high',
      bodyHtml: '<p>Guwahati, Nov 29 (Demo) Orthodox leaf fetched a new high.</p>',
      place: 'Guwahati',
      language: 'en-IN',
    });
    expect(items[0]?.embargo?.toISOString()).toBe('2025-11-29T12:00:00.000Z');
    expect(items[0]?.firstCreated?.toISOString()).toBe('2025-11-29T03:00:00.000Z');
    expect(items[0]?.media).toEqual([
      expect.objectContaining({ url: 'https://ninjs.wire.example/tea.jpg', caption: 'Tea chests at the auction hall' }),
    ]);
  });

  it('skips events and content-less objects, rejects a bad date', () => {
    expect(skipped).toEqual([
      { ref: 'urn:demo:ninjs3:2', reason: 'ninjs type "event" is not a text story' },
      { ref: 'urn:demo:ninjs3:3', reason: 'no content: the ninjs object carries neither headline nor body' },
    ]);
    expect(rejected).toEqual([
      { ref: 'urn:demo:ninjs3:4', reason: expect.stringMatching(/^bad date in versionCreated: .*"last Tuesday"/), raw: expect.any(String) },
    ]);
  });
});
