import { storyPath } from '../../domain/index.ts';
import type { FeedEntry } from '../reader.ts';
import { escapeXml, XML_DECLARATION } from './xml.ts';

/**
 * The site's outgoing feeds, RSS 2.0, Atom 1.0 and JSON Feed 1.1, each with full content and
 * ids that never change: a `tag:` URI from the site's host, the story's first day and its id.
 */
export const FEED_ENTRY_LIMIT = 50;

export interface FeedInfo {
  title: string;
  description: string;
  siteUrl: string;
  /** The page this feed follows (home or a section), absolute. */
  homeUrl: string;
  /** This feed's own URL, absolute, per format. */
  selfUrl: { rss: string; atom: string; json: string };
  language: string;
}

function absolute(info: FeedInfo, path: string): string {
  return new URL(path, info.siteUrl).href;
}

/** `tag:news.example,2026-11-29:story/12`: stable even if the story's URL later moves. */
export function entryId(info: FeedInfo, entry: FeedEntry): string {
  const day = (entry.first_published_at ?? entry.updated_at).slice(0, 10);
  return `tag:${new URL(info.siteUrl).hostname},${day}:story/${entry.id}`;
}

function feedUpdated(entries: FeedEntry[]): string {
  // ISO UTC strings sort as the instants they name.
  return (
    entries
      .map((entry) => entry.updated_at)
      .sort()
      .at(-1) ?? '1970-01-01T00:00:00.000Z'
  );
}

const published = (entry: FeedEntry): string => entry.first_published_at ?? entry.updated_at;

export function rssXml(info: FeedInfo, entries: FeedEntry[]): string {
  const items = entries.map(
    (entry) =>
      `<item><title>${escapeXml(entry.headline)}</title><link>${escapeXml(absolute(info, storyPath(entry)))}</link>` +
      `<guid isPermaLink="false">${escapeXml(entryId(info, entry))}</guid><pubDate>${new Date(published(entry)).toUTCString()}</pubDate>` +
      `<dc:creator>${escapeXml(entry.agency_byline)}</dc:creator><category>${escapeXml(entry.section)}</category>` +
      `<description>${escapeXml(entry.teaser)}</description><content:encoded>${escapeXml(entry.body_html)}</content:encoded></item>`,
  );
  return (
    `${XML_DECLARATION}<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">\n` +
    `<channel><title>${escapeXml(info.title)}</title><link>${escapeXml(info.homeUrl)}</link><description>${escapeXml(info.description)}</description>` +
    `<language>${escapeXml(info.language)}</language><lastBuildDate>${new Date(feedUpdated(entries)).toUTCString()}</lastBuildDate>` +
    `<atom:link href="${escapeXml(info.selfUrl.rss)}" rel="self" type="application/rss+xml"/>\n${items.join('\n')}\n</channel></rss>\n`
  );
}

export function atomXml(info: FeedInfo, entries: FeedEntry[]): string {
  const items = entries.map(
    (entry) =>
      `<entry><id>${escapeXml(entryId(info, entry))}</id><title>${escapeXml(entry.headline)}</title>` +
      `<link rel="alternate" type="text/html" href="${escapeXml(absolute(info, storyPath(entry)))}"/>` +
      `<published>${published(entry)}</published><updated>${entry.updated_at}</updated>` +
      `<author><name>${escapeXml(entry.agency_name)}</name></author><category term="${escapeXml(entry.section)}"/>` +
      `<summary>${escapeXml(entry.teaser)}</summary><content type="html">${escapeXml(entry.body_html)}</content></entry>`,
  );
  return (
    `${XML_DECLARATION}<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(info.language)}">\n` +
    `<id>${escapeXml(info.selfUrl.atom)}</id><title>${escapeXml(info.title)}</title><subtitle>${escapeXml(info.description)}</subtitle>` +
    `<updated>${feedUpdated(entries)}</updated><link rel="self" type="application/atom+xml" href="${escapeXml(info.selfUrl.atom)}"/>` +
    `<link rel="alternate" type="text/html" href="${escapeXml(info.homeUrl)}"/>\n${items.join('\n')}\n</feed>\n`
  );
}

export function jsonFeed(info: FeedInfo, entries: FeedEntry[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: info.title,
    description: info.description,
    home_page_url: info.homeUrl,
    feed_url: info.selfUrl.json,
    language: info.language,
    items: entries.map((entry) => ({
      id: entryId(info, entry),
      url: absolute(info, storyPath(entry)),
      title: entry.headline,
      summary: entry.teaser,
      content_html: entry.body_html,
      date_published: published(entry),
      date_modified: entry.updated_at,
      authors: [{ name: entry.agency_name }],
      tags: [entry.section],
      ...(entry.language === null ? {} : { language: entry.language }),
    })),
  });
}
