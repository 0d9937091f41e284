/**
 * RSS 1.0 (RDF Site Summary) and RSS 0.90: an rdf:RDF root whose channel and items are
 * siblings, with Dublin Core for authors, dates and subjects, and content:encoded for bodies.
 */
import type { ParseResult } from '../../domain/index.ts';
import { decodingParser } from './encoding.ts';
import { FeedParseError } from './errors.ts';
import { emptyResult, finishItem, type ItemDraft } from './item.ts';
import type { ParseContext } from './types.ts';
import { attr, child, cleanText, elements, NS, outerXml, parseXml, resolveUrl, textContent, type XmlElement } from './xml.ts';
import { readContentEncoded, readDublinCore, readMediaKeywords, readMediaRss } from './xml-modules.ts';

export function parseRdfText(text: string, ctx: ParseContext): ParseResult {
  const { root, source } = parseXml(text, ctx.baseUrl);
  if (root.local !== 'RDF' || root.ns !== NS.rdf) {
    throw new FeedParseError(`not an RSS 1.0 feed: the root element is <${root.name}>, expected <rdf:RDF>`);
  }
  const channel = elements(root).find((el) => el.local === 'channel');
  const feedLanguage = channel ? readDublinCore(channel).language : null;
  const out = emptyResult();
  elements(root)
    .filter((el) => el.local === 'item')
    .forEach((item, index) => {
      finishItem(readItem(item, index, source, feedLanguage), ctx, out);
    });
  return out;
}

export const parseRdf = decodingParser(parseRdfText);

function readItem(item: XmlElement, index: number, source: string, feedLanguage: string | null): ItemDraft {
  const dc = readDublinCore(item);
  const linkText = cleanText(child(item, 'link'));
  const link = linkText ? resolveUrl(item, linkText) : null;
  const about = attr(item, 'rdf:about')?.trim() || null;
  const description = textContent(child(item, 'description')).trim() || null;
  const encoded = readContentEncoded(item);
  return {
    ref: link ?? `item ${index + 1}`,
    guid: about ?? link,
    version: null,
    statusWords: [],
    embargo: null,
    headline: cleanText(child(item, 'title')),
    byline: dc.creators.length > 0 ? dc.creators.join(', ') : null,
    dateline: null,
    teaser: encoded && description !== encoded ? description : null,
    bodyHtml: encoded ?? description,
    subjects: dc.subjects,
    keywords: readMediaKeywords(item),
    language: dc.language ?? feedLanguage,
    place: null,
    firstCreated: dc.date,
    versionCreated: dc.modified ?? dc.date,
    link,
    media: readMediaRss(item),
    priority: null,
    raw: outerXml(item, source),
  };
}
