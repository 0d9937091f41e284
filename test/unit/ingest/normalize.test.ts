import { describe, expect, it } from 'vitest';
import { sha256 } from '../../../src/domain/identity.ts';
import { NormalizeError, normalize } from '../../../src/ingest/normalize.ts';
import { htmlToText } from '../../../src/ingest/text-content.ts';
import { wireItem } from './wire-item.ts';

const options = { feedLanguage: null };

describe('normalize', () => {
  it('reads the dateline and its place from the body without changing the body', () => {
    const result = normalize(wireItem(), options);
    expect(result.dateline).toBe('Nagpur, Nov 29');
    expect(result.place).toBe('Nagpur');
    expect(result.bodyText.startsWith('Nagpur, Nov 29 The river ferry')).toBe(true);
  });

  it("prefers the agency's own dateline field and takes the place from it", () => {
    const result = normalize(
      wireItem({ dateline: 'KOCHI, Nov 29 (SW) -', bodyHtml: '<p>The backwater ferry resumed on Sunday.</p>' }),
      options,
    );
    expect(result.dateline).toBe('KOCHI, Nov 29 (SW) -');
    expect(result.place).toBe('Kochi');
  });

  it('uses the agency summary as teaser, else the opening of the body', () => {
    expect(normalize(wireItem({ teaser: 'Ferries are <b>back</b>.' }), options).teaser).toBe('Ferries are back.');
    expect(normalize(wireItem(), options).teaser).toContain('The river ferry between the two ghats resumed');
  });

  it('takes the language from the item, then the feed, then a script it is sure of', () => {
    expect(normalize(wireItem({ language: 'en-IN' }), options).language).toBe('en-IN');
    expect(normalize(wireItem(), { feedLanguage: 'en' }).language).toBe('en');
    expect(normalize(wireItem({ bodyHtml: '<p>नागपुर, 29 नवंबर नदी पर नौका सेवा फिर से शुरू हो गई।</p>' }), options).language).toBe('hi');
    expect(normalize(wireItem(), options).language).toBeNull();
  });

  it.each([
    ['a script', '<p>Text.<script>steal()</script></p>', /<script|steal/],
    ['an event handler', '<p onclick="steal()">Text.</p>', /onclick|steal/],
    ['a javascript: URL', '<p><a href="javascript:steal()">Text.</a></p>', /javascript|steal/],
    ['an iframe', '<p>Text.</p><iframe src="https://evil.example/"></iframe>', /iframe|evil/],
    ['a style', '<style>p{display:none}</style><p style="color:red">Text.</p>', /style|display|color/],
    ['an object', '<object data="x.swf"></object><p>Text.</p>', /object|swf/],
  ])('never lets %s through, keeping the text', (_name, bodyHtml, forbidden) => {
    const result = normalize(wireItem({ bodyHtml }), options);
    expect(result.bodyHtml).not.toMatch(forbidden);
    expect(result.bodyText).toBe('Text.');
  });

  it('keeps the words and their block boundaries when it drops wrappers it does not allow', () => {
    const bodyHtml = '<section><h1>Pune, Nov 29 First.</h1></section><div>Second.</div><article>Third &amp; last.</article>';
    const result = normalize(wireItem({ bodyHtml }), options);
    expect(result.bodyText).toBe('Pune, Nov 29 First.\nSecond.\nThird & last.');
    expect(result.bodyText).toBe(htmlToText(bodyHtml));
    expect(result.textHash).toBe(sha256(htmlToText(bodyHtml)));
  });

  it('marks links out of agency copy nofollow', () => {
    expect(normalize(wireItem({ bodyHtml: '<p><a href="https://agency.example/">Text.</a></p>' }), options).bodyHtml).toContain(
      'rel="nofollow noopener"',
    );
  });

  it('gives a stable identity to an item without a guid', () => {
    const link = 'https://wire.example/story/1';
    const first = normalize(wireItem({ guid: '', link }), options);
    expect(first.guid).toBe(normalize(wireItem({ guid: '  ', link }), options).guid);
    const byTitle = normalize(wireItem({ guid: '', link: null }), options);
    expect(byTitle.guid).toMatch(/^title:/);
    expect(byTitle.guid).toBe(normalize(wireItem({ guid: '', link: null }), options).guid);
  });

  it('changes the content hash with any field the agency changes, and only then', () => {
    const base = normalize(wireItem(), options).contentHash;
    expect(normalize(wireItem(), options).contentHash).toBe(base);
    expect(normalize(wireItem({ version: 2 }), options).contentHash).not.toBe(base);
    expect(normalize(wireItem({ pubstatus: 'withheld' }), options).contentHash).not.toBe(base);
    expect(normalize(wireItem({ raw: '<item>other bytes</item>' }), options).contentHash).toBe(base);
  });

  it.each([
    ['no headline', { headline: '  <b></b> ' }, 'item has no headline'],
    ['an empty body', { bodyHtml: '<p> </p><script>x()</script>' }, 'item has an empty body'],
    ['nothing to identify it', { guid: '', link: null, firstCreated: null }, 'item has no guid, link or first-created time to identify it'],
  ])('rejects an item with %s, saying why', (_name, overrides, reason) => {
    expect(() => normalize(wireItem(overrides), options)).toThrow(new NormalizeError(reason));
  });
});
