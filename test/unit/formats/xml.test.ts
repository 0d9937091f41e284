import { describe, expect, it } from 'vitest';
import { child, cleanText, decodeXmlEntities, innerXml, NS, parseXml, resolveUrl } from '../../../src/ingest/formats/xml.ts';

describe('safe XML layer', () => {
  it('decodes only the five XML entities and numeric references', () => {
    expect(decodeXmlEntities('a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#233; &#x20B9; &nbsp; &#0;')).toBe(
      `a & b <c> "d" 'e' é ₹ &nbsp; &#0;`,
    );
  });

  it('resolves namespaces whatever the prefix, and undeclared conventional prefixes', () => {
    const { root } = parseXml(
      '<rss xmlns:d="http://purl.org/dc/elements/1.1/"><d:creator>A</d:creator><media:title>T</media:title></rss>',
      null,
    );
    expect(cleanText(child(root, 'creator', NS.dc))).toBe('A');
    expect(cleanText(child(root, 'title', NS.media))).toBe('T');
  });

  it('keeps inner markup exactly as written, including attributes holding ">"', () => {
    const source = '<a><b title="x > y">one <i>two</i></b><c/></a>';
    const { root } = parseXml(source, null);
    expect(innerXml(child(root, 'b') ?? expect.fail(), source)).toBe('one <i>two</i>');
    expect(innerXml(child(root, 'c') ?? expect.fail(), source)).toBe('');
  });

  it('applies nested xml:base over the document URL', () => {
    const { root } = parseXml('<feed xml:base="/news/"><entry xml:base="sport/"><link/></entry></feed>', 'https://x.example/feed.xml');
    const link = child(child(root, 'entry'), 'link') ?? expect.fail();
    expect(resolveUrl(link, 'a.html')).toBe('https://x.example/news/sport/a.html');
  });

  it('refuses an internal entity declaration as well as an external one', () => {
    expect(() => parseXml('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', null)).toThrow(/DOCTYPE declares entities/);
  });

  it('refuses two root elements', () => {
    expect(() => parseXml('<a/><b/>', null)).toThrow(/2 root elements/);
  });
});

describe('template-generated feeds', () => {
  it('tolerates blank lines before the XML declaration, with offsets into the text without them', () => {
    const doc = parseXml('\n\n  <?xml version="1.0"?>\n<a><b>x</b></a>', null);
    const b = child(doc.root, 'b') ?? expect.fail();
    expect(doc.source.slice(b.start, b.end)).toBe('<b>x</b>');
  });
});
