import { describe, expect, it } from 'vitest';
import { parseAtom } from '../../../src/ingest/formats/atom.ts';
import { context, fixture } from './helpers.ts';

describe('Atom 1.0', () => {
  const result = parseAtom(fixture('atom.xml'), context({ baseUrl: 'https://elsewhere.example/feed.atom' }));
  const [oranges, chess, library] = result.items;

  it('reads xhtml content as the inner markup of its div, summary as teaser, authors and categories', () => {
    expect(oranges).toMatchObject({
      guid: 'urn:demo:atom:101',
      headline: 'Nagpur orange growers try drip irrigation',
      byline: 'Ravi Deshmukh',
      teaser: 'Growers near Katol report using a third less water.',
      subjects: ['agriculture'],
      language: 'en-IN',
    });
    expect(oranges?.bodyHtml).toBe(
      '<p>Nagpur, Nov 29 (Demo) Growers near Katol say drip lines cut water use.</p><p>A co-operative plans <b>more</b> trials.</p>',
    );
    expect(oranges?.firstCreated?.toISOString()).toBe('2025-11-29T03:00:00.000Z');
    expect(oranges?.versionCreated?.toISOString()).toBe('2025-11-29T04:15:10.250Z');
  });

  it('resolves links against xml:base, the entry own base first', () => {
    expect(oranges?.link).toBe('https://atom.wire.example/news/oranges.html');
    expect(oranges?.media).toEqual([
      expect.objectContaining({ url: 'https://atom.wire.example/img/oranges.jpg', kind: 'image', caption: 'Orchard near Katol' }),
    ]);
    expect(chess?.link).toBe('https://atom.wire.example/sport/chess.html');
  });

  it('reads html content, inherits the feed author, and reads a zone-less date in the feed zone', () => {
    expect(chess?.bodyHtml).toBe('<p>Indore, Nov 29 (Demo) The club hall was full by noon.</p>');
    expect(chess?.byline).toBe('Demo Wire');
    expect(library?.versionCreated?.toISOString()).toBe('2025-11-29T00:30:00.000Z');
  });

  it('uses a text summary as the body when there is no content, escaped into paragraphs', () => {
    expect(library?.bodyHtml).toBe('<p>The city library will stay open until 10 pm.</p>\n<p>Weekend hours are unchanged.</p>');
    expect(library?.teaser).toBeNull();
    expect(result.rejected).toEqual([]);
  });
});
