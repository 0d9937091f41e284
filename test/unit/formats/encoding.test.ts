import { describe, expect, it } from 'vitest';
import { decodeFeedText, EncodingError, parseWire } from '../../../src/ingest/formats/index.ts';
import { context, fixture } from './helpers.ts';

describe('decodeFeedText', () => {
  it('uses the XML declaration: windows-1252, ISO-8859-1 and Shift_JIS', () => {
    expect(decodeFeedText(fixture('rss-windows-1252.xml'), null)).toContain('“Café” prices rise — €2 more');
    expect(decodeFeedText(fixture('rss-iso-8859-1.xml'), null)).toContain('Müller wins Göteborg half marathon');
    expect(decodeFeedText(fixture('rss-shift_jis.xml'), null)).toContain('東京で新しい図書館が開館');
  });

  it('uses a UTF-16 byte-order mark before anything else', () => {
    const text = decodeFeedText(fixture('atom-utf16le-bom.xml'), 'iso-8859-1');
    expect(text).toContain('मुंबई में नई लोकल ट्रेन');
    expect(text.startsWith('<?xml')).toBe(true);
  });

  it('puts the HTTP charset above the XML declaration', () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('<?xml version="1.0" encoding="utf-8"?><a>'),
      0xe9,
      ...new TextEncoder().encode('</a>'),
    ]);
    expect(decodeFeedText(bytes, 'ISO-8859-1')).toBe('<?xml version="1.0" encoding="utf-8"?><a>é</a>');
  });

  it('sniffs valid UTF-8, else falls back to windows-1252', () => {
    expect(decodeFeedText(new TextEncoder().encode('<a>ನಮಸ್ಕಾರ</a>'), null)).toBe('<a>ನಮಸ್ಕಾರ</a>');
    expect(decodeFeedText(fixture('rss-undeclared-1252.xml'), null)).toContain('Naïve “quotes” without a label');
  });

  it('refuses an unknown encoding label, naming it', () => {
    expect(() => decodeFeedText(new TextEncoder().encode('<a/>'), 'x-klingon')).toThrow(EncodingError);
    expect(() => decodeFeedText(new TextEncoder().encode('<?xml version="1.0" encoding="x-martian"?><a/>'), null)).toThrow(
      /unknown character encoding "x-martian" \(from the XML declaration\)/,
    );
  });
});

describe('encoded feeds parse end to end', () => {
  it.each([
    ['rss-windows-1252.xml', '“Café” prices rise — €2 more'],
    ['rss-iso-8859-1.xml', 'Müller wins Göteborg half marathon'],
    ['rss-shift_jis.xml', '東京で新しい図書館が開館'],
    ['atom-utf16le-bom.xml', 'मुंबई में नई लोकल ट्रेन'],
  ])('%s', (name, headline) => {
    const result = parseWire(fixture(name), 'auto', context());
    expect(result.items.map((i) => i.headline)).toEqual([headline]);
  });
});
