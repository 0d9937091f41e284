import { describe, expect, it } from 'vitest';
import { parseNitf } from '../../../src/ingest/formats/nitf.ts';
import { context, fixture } from './helpers.ts';

describe('NITF 3.x', () => {
  const { items, rejected } = parseNitf(fixture('nitf.xml'), context());
  const story = items[0];

  it('reads docdata, body.head and body.content (an external DTD reference is fine, never fetched)', () => {
    expect(rejected).toEqual([]);
    expect(story).toMatchObject({
      guid: 'nitf-demo-5521',
      version: 2,
      priority: 4,
      pubstatus: 'usable',
      headline: 'Surat diamond units resume night shifts',
      byline: 'By Harsh Patel, Demo Wire',
      dateline: 'Surat, Nov 29',
      place: 'Surat',
      teaser: '<p>Polishing units have brought back night shifts.</p>',
      subjects: ['04000000'],
      keywords: ['diamonds', 'Surat'],
      language: 'en',
    });
    expect(story?.versionCreated?.toISOString()).toBe('2025-11-29T04:45:00.000Z');
    expect(story?.embargo?.toISOString()).toBe('2025-11-29T06:30:00.000Z');
  });

  it('keeps body.content markup as written and lists its media', () => {
    expect(story?.bodyHtml.startsWith('<p>Surat, Nov 29 (Demo) Polishing units')).toBe(true);
    expect(story?.bodyHtml).toContain('<em>at least</em>');
    expect(story?.media).toEqual([
      {
        url: 'https://nitf.wire.example/polish.jpg',
        kind: 'image',
        mimeType: 'image/jpeg',
        width: 1024,
        height: 683,
        caption: 'A worker at a polishing wheel.',
        credit: 'Demo Photo',
      },
    ]);
  });
});
