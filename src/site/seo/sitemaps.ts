import { escapeXml, XML_DECLARATION } from './xml.ts';

/**
 * Sitemaps as sitemaps.org and Google News define them: an index pointing at one sitemap per
 * day (split when a day passes the 50,000-URL limit), and a News sitemap of the last 48 hours.
 */
export const SITEMAP_MAX_URLS = 50_000;
export const NEWS_SITEMAP_MAX_URLS = 1000;
export const NEWS_SITEMAP_HOURS = 48;

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';

export interface SitemapEntry {
  loc: string;
  lastmod: string;
}

export interface NewsEntry {
  loc: string;
  publicationName: string;
  /** ISO 639 code, e.g. `en`, `hi`, `mr`. */
  language: string;
  publicationDate: string;
  title: string;
}

/** The file names of one day's sitemaps: `day-2026-11-29.xml`, then `day-2026-11-29-2.xml`… */
export function daySitemapNames(day: string, stories: number): string[] {
  const chunks = Math.max(1, Math.ceil(stories / SITEMAP_MAX_URLS));
  return Array.from({ length: chunks }, (_, index) => (index === 0 ? `day-${day}.xml` : `day-${day}-${index + 1}.xml`));
}

/** Reads a day sitemap's file name back: the day and the zero-based chunk; null if it is not one. */
export function parseDaySitemapName(name: string): { day: string; chunk: number } | null {
  const match = /^day-(\d{4}-\d{2}-\d{2})(?:-([2-9]|[1-9]\d+))?\.xml$/.exec(name);
  if (match?.[1] === undefined || Number.isNaN(Date.parse(`${match[1]}T00:00:00Z`))) return null;
  return { day: match[1], chunk: match[2] === undefined ? 0 : Number(match[2]) - 1 };
}

export function sitemapIndexXml(sitemaps: SitemapEntry[]): string {
  const items = sitemaps.map((entry) => `<sitemap><loc>${escapeXml(entry.loc)}</loc><lastmod>${entry.lastmod}</lastmod></sitemap>`);
  return `${XML_DECLARATION}<sitemapindex xmlns="${SITEMAP_NS}">\n${items.join('\n')}\n</sitemapindex>\n`;
}

export function urlsetXml(urls: SitemapEntry[]): string {
  const items = urls.map((entry) => `<url><loc>${escapeXml(entry.loc)}</loc><lastmod>${entry.lastmod}</lastmod></url>`);
  return `${XML_DECLARATION}<urlset xmlns="${SITEMAP_NS}">\n${items.join('\n')}\n</urlset>\n`;
}

export function newsSitemapXml(entries: NewsEntry[]): string {
  const items = entries.map(
    (entry) =>
      `<url><loc>${escapeXml(entry.loc)}</loc><news:news><news:publication><news:name>${escapeXml(entry.publicationName)}</news:name>` +
      `<news:language>${escapeXml(entry.language)}</news:language></news:publication>` +
      `<news:publication_date>${entry.publicationDate}</news:publication_date><news:title>${escapeXml(entry.title)}</news:title></news:news></url>`,
  );
  return `${XML_DECLARATION}<urlset xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}">\n${items.join('\n')}\n</urlset>\n`;
}

/** Google News wants ISO 639 codes: `en-IN` -> `en`; Chinese keeps its script (`zh-cn`, `zh-tw`). */
export function newsLanguage(language: string | null, fallback: string): string {
  const tag = (language ?? fallback).toLowerCase();
  if (tag === 'zh-cn' || tag === 'zh-tw') return tag;
  return tag.split(/[-_]/)[0] || 'en';
}

export function robotsTxt(siteUrl: string): string {
  const absolute = (path: string): string => new URL(path, siteUrl).href;
  return [
    'User-agent: *',
    'Disallow: /search',
    'Disallow: /admin',
    '',
    `Sitemap: ${absolute('/sitemap.xml')}`,
    `Sitemap: ${absolute('/sitemaps/news.xml')}`,
    '',
  ].join('\n');
}
