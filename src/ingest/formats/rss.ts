/**
 * RSS 2.0 (and the 0.9x dialects it grew from), with content:encoded, Dublin Core, Media RSS,
 * enclosure and atom:link. RSS has no dateline, version, priority or embargo field: those stay null.
 */
import type { ParseResult, WireMedia } from '../../domain/index.ts';
import { decodingParser } from './encoding.ts';
import { FeedParseError } from './errors.ts';
import { emptyResult, finishItem, type ItemDraft, mediaKind } from './item.ts';
import type { ParseContext } from './types.ts';
import { attr, child, children, cleanText, cleanTexts, outerXml, parseXml, resolveUrl, textContent, type XmlElement } from './xml.ts';
import { atomAlternateLink, readContentEncoded, readDublinCore, readMediaKeywords, readMediaRss } from './xml-modules.ts';

export function parseRssText(text: string, ctx: ParseContext): ParseResult {
  const { root, source } = parseXml(text, ctx.baseUrl);
  if (root.local !== 'rss') throw new FeedParseError(`not an RSS 2.0 feed: the root element is <${root.name}>, expected <rss>`);
  const channel = child(root, 'channel');
  if (!channel) throw new FeedParseError('not an RSS 2.0 feed: <rss> has no <channel>');
  const feedLanguage = cleanText(child(channel, 'language')) ?? readDublinCore(channel).language;
  const out = emptyResult();
  children(channel, 'item').forEach((item, index) => {
    finishItem(readItem(item, index, source, feedLanguage), ctx, out);
  });
  return out;
}

export const parseRss = decodingParser(parseRssText);

function readItem(item: XmlElement, index: number, source: string, feedLanguage: string | null): ItemDraft {
  const dc = readDublinCore(item);
  const linkText = cleanText(child(item, 'link'));
  const link = linkText ? resolveUrl(item, linkText) : atomAlternateLink(item);
  const guidEl = child(item, 'guid');
  const guid = cleanText(guidEl);
  const description = textContent(child(item, 'description')).trim() || null;
  const encoded = readContentEncoded(item);
  const pubDate = cleanText(child(item, 'pubDate')) ?? dc.date;
  return {
    ref: link ?? `item ${index + 1}`,
    guid: guid ?? link,
    version: null,
    statusWords: [],
    embargo: null,
    headline: cleanText(child(item, 'title')),
    byline: dc.creators.length > 0 ? dc.creators.join(', ') : cleanText(child(item, 'author')),
    dateline: null,
    // With content:encoded the description is the agency's summary; alone, it is the story.
    teaser: encoded && description !== encoded ? description : null,
    bodyHtml: encoded ?? description,
    subjects: [...cleanTexts(children(item, 'category')), ...dc.subjects],
    keywords: readMediaKeywords(item),
    language: dc.language ?? feedLanguage,
    place: null,
    firstCreated: pubDate,
    versionCreated: dc.modified ?? pubDate,
    link: link ?? permalinkGuid(guidEl, guid),
    media: [...readMediaRss(item), ...enclosures(item)],
    priority: null,
    raw: outerXml(item, source),
  };
}

/** A guid is the story's URL unless the agency says isPermaLink="false" (RSS 2.0 default is true). */
function permalinkGuid(guidEl: XmlElement | undefined, guid: string | null): string | null {
  if (!guidEl || !guid || attr(guidEl, 'isPermaLink') === 'false') return null;
  return /^https?:\/\//i.test(guid) ? guid : null;
}

function enclosures(item: XmlElement): WireMedia[] {
  const media: WireMedia[] = [];
  for (const enc of children(item, 'enclosure')) {
    const url = attr(enc, 'url');
    if (!url?.trim()) continue;
    const mimeType = attr(enc, 'type') ?? null;
    media.push({
      url: resolveUrl(enc, url),
      kind: mediaKind(undefined, mimeType),
      mimeType,
      width: null,
      height: null,
      caption: null,
      credit: null,
    });
  }
  return media;
}
