/**
 * JSON Feed 1.1 and 1.0 (https://jsonfeed.org/version/1.1). 1.0's single `author` and 1.1's
 * `authors` are both read; `language` is 1.1's (item over feed).
 */
import type { ParseResult, WireMedia } from '../../domain/index.ts';
import { decodingParser } from './encoding.ts';
import { FeedParseError } from './errors.ts';
import { emptyResult, finishItem, type ItemDraft, mediaKind, textToHtml } from './item.ts';
import { elementSources, isObject, type JsonObject, objects, parseJsonDocument, str } from './json.ts';
import type { ParseContext } from './types.ts';

export function parseJsonFeedText(text: string, ctx: ParseContext): ParseResult {
  const doc = parseJsonDocument(text);
  if (!isObject(doc) || !str(doc, 'version')?.includes('jsonfeed.org/version/')) {
    throw new FeedParseError('not a JSON Feed: no "version" naming https://jsonfeed.org/version/…');
  }
  if (!Array.isArray(doc.items)) throw new FeedParseError('not a JSON Feed: "items" is not an array');
  const feedAuthors = authorNames(doc);
  const feedLanguage = str(doc, 'language');
  const sources = elementSources(text.replace(/^\uFEFF/, ''), 'items', doc.items);
  const out = emptyResult();
  doc.items.forEach((item, index) => {
    const raw = sources[index] ?? JSON.stringify(item);
    if (!isObject(item)) {
      out.rejected.push({ ref: `item ${index + 1}`, reason: 'not a JSON object', raw });
      return;
    }
    finishItem(readItem(item, index, raw, feedAuthors, feedLanguage, ctx.baseUrl), ctx, out);
  });
  return out;
}

export const parseJsonFeed = decodingParser(parseJsonFeedText);

function readItem(
  item: JsonObject,
  index: number,
  raw: string,
  feedAuthors: string[],
  feedLanguage: string | null,
  baseUrl: string | null,
): ItemDraft {
  const url = resolve(str(item, 'url'), baseUrl);
  const html = str(item, 'content_html');
  const plain = str(item, 'content_text');
  const authors = authorNames(item);
  const published = str(item, 'date_published');
  return {
    ref: url ?? `item ${index + 1}`,
    // JSON Feed ids may be numbers in the wild; the spec says string, identity only needs text.
    guid: str(item, 'id') ?? (typeof item.id === 'number' ? String(item.id) : null),
    version: null,
    statusWords: [],
    embargo: null,
    headline: str(item, 'title'),
    byline: (authors.length > 0 ? authors : feedAuthors).join(', ') || null,
    dateline: null,
    teaser: str(item, 'summary'),
    bodyHtml: html ?? (plain ? textToHtml(plain) : null),
    subjects: [],
    keywords: Array.isArray(item.tags) ? item.tags.filter((t): t is string => typeof t === 'string') : [],
    language: str(item, 'language') ?? feedLanguage,
    place: null,
    firstCreated: published,
    versionCreated: str(item, 'date_modified') ?? published,
    link: url,
    media: media(item, baseUrl),
    priority: null,
    raw,
  };
}

function authorNames(obj: JsonObject): string[] {
  const authors = objects(obj, 'authors');
  if (authors.length === 0 && isObject(obj.author)) authors.push(obj.author);
  return authors.map((a) => str(a, 'name')).filter((n): n is string => n !== null);
}

function media(item: JsonObject, baseUrl: string | null): WireMedia[] {
  const found: WireMedia[] = [];
  const image = resolve(str(item, 'image') ?? str(item, 'banner_image'), baseUrl);
  if (image) found.push({ url: image, kind: 'image', mimeType: null, width: null, height: null, caption: null, credit: null });
  for (const att of objects(item, 'attachments')) {
    const url = resolve(str(att, 'url'), baseUrl);
    if (!url) continue;
    const mimeType = str(att, 'mime_type');
    found.push({
      url,
      kind: mediaKind(undefined, mimeType),
      mimeType,
      width: null,
      height: null,
      caption: str(att, 'title'),
      credit: null,
    });
  }
  return found;
}

function resolve(href: string | null, baseUrl: string | null): string | null {
  if (!href) return null;
  try {
    return new URL(href, baseUrl ?? undefined).href;
  } catch {
    return href;
  }
}
