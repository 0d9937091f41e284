import { describe, expect, it } from 'vitest';
import { detectFormat, FeedParseError, parseWire } from '../../../src/ingest/formats/index.ts';
import { context, fixture } from './helpers.ts';

const text = (name: string) => new TextDecoder().decode(fixture(name));

describe('detectFormat', () => {
  it.each([
    ['rss2.xml', 'rss'],
    ['atom.xml', 'atom'],
    ['rdf.xml', 'rdf'],
    ['jsonfeed-1.1.json', 'jsonfeed'],
    ['jsonfeed-1.0.json', 'jsonfeed'],
    ['ninjs-1.x.json', 'ninjs'],
    ['ninjs-2.x.json', 'ninjs'],
    ['ninjs-3.x.json', 'ninjs'],
    ['newsml-g2-item.xml', 'newsml-g2'],
    ['newsml-g2-message.xml', 'newsml-g2'],
    ['nitf.xml', 'nitf'],
  ])('%s is %s', (name, format) => {
    expect(detectFormat(text(name))).toBe(format);
  });

  it('parses with auto detection and reports the format', () => {
    const result = parseWire(fixture('nitf.xml'), 'auto', context());
    expect(result.format).toBe('nitf');
    expect(result.items).toHaveLength(1);
  });

  it('names unknown XML and JSON', () => {
    expect(() => detectFormat('<sitemapindex/>')).toThrow(/root element <sitemapindex> is not a known wire format/);
    expect(() => detectFormat('{"hello": 1}')).toThrow(/neither a JSON Feed nor ninjs/);
  });
});

describe('hostile and broken input is a FeedParseError, never expansion or a crash', () => {
  it.each([
    ['xxe.xml', /DOCTYPE declares entities/],
    ['billion-laughs.xml', /DOCTYPE declares entities/],
    ['malformed.xml', /^malformed XML \(line 4, column 24\): Expected closing tag 'title'/],
    ['html-page.html', /an HTML page, not a feed/],
    ['empty.xml', /empty document/],
    ['truncated.xml', /truncated/],
  ])('%s', (name, message) => {
    for (const format of ['auto', 'rss'] as const) {
      const attempt = () => parseWire(fixture(name), format, context());
      expect(attempt).toThrow(FeedParseError);
      expect(attempt).toThrow(message);
    }
  });

  it('refuses truncated and malformed JSON clearly', () => {
    const bytes = (s: string) => new TextEncoder().encode(s);
    expect(() => parseWire(bytes('{"items": [{"uri": "a"'), 'ninjs', context())).toThrow(/truncated JSON/);
    expect(() => parseWire(bytes('{"uri": }'), 'ninjs', context())).toThrow(/malformed JSON/);
    expect(() => parseWire(bytes('<!DOCTYPE html><html></html>'), 'jsonfeed', context())).toThrow(/HTML page/);
  });

  it('refuses a document of the wrong format for the configured one', () => {
    expect(() => parseWire(fixture('atom.xml'), 'rss', context())).toThrow(/not an RSS 2.0 feed: the root element is <feed>/);
    expect(() => parseWire(fixture('rss2.xml'), 'newsml-g2', context())).toThrow(/not NewsML-G2/);
  });
});
