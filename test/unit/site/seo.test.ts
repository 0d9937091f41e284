import { describe, expect, it } from 'vitest';
import { scriptJson } from '../../../src/site/seo/json-ld.ts';
import { indexingPolicyOf, robotsMeta } from '../../../src/site/seo/robots-policy.ts';
import { daySitemapNames, newsLanguage, parseDaySitemapName, SITEMAP_MAX_URLS } from '../../../src/site/seo/sitemaps.ts';
import { escapeXml } from '../../../src/site/seo/xml.ts';
import { queryWords, snippetToHtml } from '../../../src/store/search/query.ts';

describe('robots policy', () => {
  it('maps each agency policy to robots and Googlebot-News tags, always allowing large previews', () => {
    expect(robotsMeta('index')).toEqual({ robots: 'index, follow, max-image-preview:large', noindexNews: false });
    expect(robotsMeta('noindex-news')).toEqual({ robots: 'index, follow, max-image-preview:large', noindexNews: true });
    expect(robotsMeta('noindex').robots).toBe('noindex, follow, max-image-preview:large');
    expect(indexingPolicyOf('bogus')).toBe('index');
  });
});

describe('day sitemaps', () => {
  it('split a day past 50,000 URLs and read their names back', () => {
    expect(daySitemapNames('2026-11-29', 10)).toEqual(['day-2026-11-29.xml']);
    expect(daySitemapNames('2026-11-29', SITEMAP_MAX_URLS + 1)).toEqual(['day-2026-11-29.xml', 'day-2026-11-29-2.xml']);
    expect(parseDaySitemapName('day-2026-11-29-2.xml')).toEqual({ day: '2026-11-29', chunk: 1 });
    expect(parseDaySitemapName('day-2026-11-29.xml')).toEqual({ day: '2026-11-29', chunk: 0 });
    for (const bad of ['day-2026-13-45.xml', 'day-2026-11-29-1.xml', 'day-2026-11-29.xml.gz', '../etc.xml']) {
      expect(parseDaySitemapName(bad), bad).toBeNull();
    }
  });

  it('give Google News ISO 639 languages', () => {
    expect(newsLanguage('en-IN', 'en')).toBe('en');
    expect(newsLanguage(null, 'hi')).toBe('hi');
    expect(newsLanguage('zh-TW', 'en')).toBe('zh-tw');
  });
});

describe('escaping', () => {
  it('keeps XML well-formed whatever the text', () => {
    expect(escapeXml(`a<b>&"c'\u0001`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
  });

  it('never lets JSON-LD close its script element', () => {
    expect(scriptJson({ headline: '</script><script>alert(1)</script>' })).not.toContain('</script>');
  });
});

describe('search queries', () => {
  it('keep only words, whatever syntax the reader types', () => {
    expect(queryWords('"Solar" AND( drone*  NEAR/3 -x')).toEqual(['solar', 'and', 'drone', 'near', '3', 'x']);
    expect(queryWords('मुंबई में बारिश')).toEqual(['मुंबई', 'में', 'बारिश']);
    expect(queryWords('"*()^:')).toEqual([]);
  });

  it('escape snippets and mark the matches', () => {
    expect(snippetToHtml('R&D <b> \u0002drone\u0003 test')).toBe('R&amp;D &lt;b&gt; <mark>drone</mark> test');
  });
});
