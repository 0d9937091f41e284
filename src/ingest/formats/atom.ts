/**
 * Atom 1.0 (RFC 4287): entries with text/html/xhtml content and summary, authors inherited
 * from the feed, links resolved against xml:base, enclosure links and Media RSS as media.
 */
import type { ParseResult, WireMedia } from '../../domain/index.ts';
import { decodingParser } from './encoding.ts';
import { FeedParseError } from './errors.ts';
import { emptyResult, finishItem, type ItemDraft, mediaKind, textToHtml } from './item.ts';
import type { ParseContext } from './types.ts';
import {
  attr,
  child,
  children,
  cleanText,
  collapseSpace,
  decodeXmlEntities,
  elements,
  innerXml,
  NS,
  outerXml,
  parseXml,
  resolveUrl,
  textContent,
  type XmlElement,
} from './xml.ts';
import { readDublinCore, readMediaKeywords, readMediaRss } from './xml-modules.ts';

export function parseAtomText(text: string, ctx: ParseContext): ParseResult {
  const { root, source } = parseXml(text, ctx.baseUrl);
  if (root.local !== 'feed' || root.ns !== NS.atom) {
    throw new FeedParseError(`not an Atom feed: the root element is <${root.name}>, expected <feed xmlns="${NS.atom}">`);
  }
  const feed: FeedDefaults = { authors: authorNames(root), language: root.attrs['xml:lang'] ?? null };
  const out = emptyResult();
  children(root, 'entry').forEach((entry, index) => {
    finishItem(readEntry(entry, index, source, feed), ctx, out);
  });
  return out;
}

export const parseAtom = decodingParser(parseAtomText);

/** What entries inherit from their feed: authors, and the language (xml:lang is inherited in XML). */
interface FeedDefaults {
  authors: string[];
  language: string | null;
}

function readEntry(entry: XmlElement, index: number, source: string, feed: FeedDefaults): ItemDraft {
  const link = linkHref(entry, 'alternate');
  const content = readTextConstruct(child(entry, 'content'), source);
  const summaryEl = child(entry, 'summary');
  const summary = readTextConstruct(summaryEl, source);
  const authors = authorNames(entry);
  const published = cleanText(child(entry, 'published')) ?? readDublinCore(entry).date;
  return {
    ref: link ?? `entry ${index + 1}`,
    guid: cleanText(child(entry, 'id')) ?? link,
    version: null,
    statusWords: [],
    embargo: null,
    headline: plainTitle(child(entry, 'title'), source),
    byline: (authors.length > 0 ? authors : feed.authors).join(', ') || null,
    dateline: null,
    // A plain-text summary stays plain as a teaser; as a body it becomes paragraphs.
    teaser: content ? (isPlainText(summaryEl) ? textContent(summaryEl).trim() || null : summary) : null,
    bodyHtml: content ?? summary,
    subjects: children(entry, 'category')
      .map((c) => attr(c, 'term')?.trim() ?? '')
      .filter(Boolean),
    keywords: readMediaKeywords(entry),
    language: entry.attrs['xml:lang'] ?? feed.language,
    place: null,
    firstCreated: published,
    versionCreated: cleanText(child(entry, 'updated')) ?? published,
    link,
    media: [...readMediaRss(entry), ...enclosureLinks(entry)],
    priority: null,
    raw: outerXml(entry, source),
  };
}

/** Atom text constructs as HTML: type="html" is escaped HTML, "xhtml" is inline markup in a div, "text" (default) is plain. */
function readTextConstruct(el: XmlElement | undefined, source: string): string | null {
  if (!el || attr(el, 'src')) return null;
  const type = (attr(el, 'type') ?? 'text').toLowerCase();
  if (type === 'xhtml') {
    const div = elements(el).find((c) => c.local === 'div');
    const markup = div ? innerXml(div, source) : innerXml(el, source);
    return markup.trim() || null;
  }
  const text = textContent(el).trim();
  if (!text) return null;
  return type === 'html' || type === 'text/html' ? text : textToHtml(text);
}

function isPlainText(el: XmlElement | undefined): boolean {
  return (attr(el, 'type') ?? 'text').toLowerCase() === 'text';
}

/** A title as plain text; html and xhtml titles lose their tags. */
function plainTitle(el: XmlElement | undefined, source: string): string | null {
  if (!el) return null;
  const type = (attr(el, 'type') ?? 'text').toLowerCase();
  if (type === 'text') return cleanText(el);
  const markup = type === 'xhtml' ? innerXml(el, source) : textContent(el);
  return collapseSpace(decodeXmlEntities(markup.replace(/<[^>]*>/g, ' '))) || null;
}

function authorNames(el: XmlElement): string[] {
  return children(el, 'author')
    .map((a) => cleanText(child(a, 'name')))
    .filter((n): n is string => n !== null);
}

function linkHref(entry: XmlElement, wantedRel: string): string | null {
  for (const link of children(entry, 'link')) {
    const href = attr(link, 'href');
    if (href && (attr(link, 'rel') ?? 'alternate') === wantedRel) return resolveUrl(link, href);
  }
  return null;
}

function enclosureLinks(entry: XmlElement): WireMedia[] {
  const media: WireMedia[] = [];
  for (const link of children(entry, 'link')) {
    const href = attr(link, 'href');
    if (!href || attr(link, 'rel') !== 'enclosure') continue;
    const mimeType = attr(link, 'type') ?? null;
    media.push({
      url: resolveUrl(link, href),
      kind: mediaKind(undefined, mimeType),
      mimeType,
      width: null,
      height: null,
      caption: attr(link, 'title') ?? null,
      credit: null,
    });
  }
  return media;
}
