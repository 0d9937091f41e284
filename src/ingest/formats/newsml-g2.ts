/**
 * IPTC NewsML-G2: a newsItem alone, or a newsMessage whose itemSets carry several items.
 *
 * Only text newsItems become WireItems. Everything else NewsML-G2 can carry is recognised
 * and skipped with its reason, never published and never reported as an error:
 * - packageItem: a container; the items it groups arrive as their own newsItems;
 * - conceptItem, knowledgeItem, catalogItem, planningItem (and events, which travel in
 *   concept or knowledge items): metadata about the news, not news;
 * - newsItems of another class (picture, video, audio, graphic, composite), newsItems whose
 *   content is not text Wiredesk can publish (e.g. SportsML data), and newsItems with
 *   neither headline nor content (metadata-only items);
 * - a document whose root is a NewsML-G2 building block (contentMeta, contentSet, groupSet…)
 *   rather than an item: a fragment, with nothing to publish.
 *
 * Content: inlineXML holding NITF (body.content, and NITF's headline, byline, dateline and
 * abstract where contentMeta lacks them) or XHTML (the html body's inner markup), or inlineData
 * as text/plain or text/html. An empty `<embargoed/>` means "embargoed until further notice":
 * Wiredesk holds such an item as withheld.
 */
import type { ParseResult, SkippedItem } from '../../domain/index.ts';
import { decodingParser } from './encoding.ts';
import { FeedParseError } from './errors.ts';
import { draftStatus, emptyResult, finishItem, type ItemDraft, textToHtml, toPriority, toVersion } from './item.ts';
import { type NitfContent, readNitf } from './nitf.ts';
import type { ParseContext } from './types.ts';
import {
  attr,
  child,
  children,
  cleanText,
  cleanTexts,
  elements,
  innerXml,
  outerXml,
  parseXml,
  textContent,
  type XmlElement,
} from './xml.ts';

const NON_NEWS_ITEMS: Record<string, string> = {
  packageItem: 'a packageItem is a container: the items it groups are delivered as their own newsItems',
  conceptItem: 'a conceptItem describes a concept (person, organisation, event…), not news',
  knowledgeItem: 'a knowledgeItem is a set of concepts (e.g. events), not news',
  catalogItem: 'a catalogItem defines controlled vocabularies, not news',
  planningItem: 'a planningItem announces planned coverage, not news',
};

const FRAGMENTS = new Set([
  'contentMeta',
  'itemMeta',
  'contentSet',
  'groupSet',
  'rightsInfo',
  'inlineXML',
  'inlineData',
  'remoteContent',
  'partMeta',
  'assert',
  'header',
  'itemSet',
  'concept',
]);

export function parseNewsmlG2Text(text: string, ctx: ParseContext): ParseResult {
  const { root, source } = parseXml(text, ctx.baseUrl);
  const out = emptyResult();
  if (root.local === 'newsMessage') {
    const items = children(root, 'itemSet').flatMap(elements);
    if (items.length === 0) out.skipped.push({ ref: 'newsMessage', reason: 'the newsMessage carries no items' });
    for (const item of items) readAnyItem(item, source, ctx, out);
  } else if (root.local === 'newsItem' || root.local in NON_NEWS_ITEMS) {
    readAnyItem(root, source, ctx, out);
  } else if (FRAGMENTS.has(root.local)) {
    out.skipped.push({ ref: `<${root.name}>`, reason: `a NewsML-G2 fragment (<${root.name}>), not an item: nothing to publish` });
  } else {
    throw new FeedParseError(`not NewsML-G2: the root element is <${root.name}>, expected newsItem, newsMessage or another G2 item`);
  }
  return out;
}

export const parseNewsmlG2 = decodingParser(parseNewsmlG2Text);

function readAnyItem(el: XmlElement, source: string, ctx: ParseContext, out: ParseResult): void {
  const ref = attr(el, 'guid')?.trim() || `<${el.name}>`;
  const nonNews = NON_NEWS_ITEMS[el.local];
  if (nonNews) {
    out.skipped.push({ ref, reason: nonNews });
    return;
  }
  if (el.local !== 'newsItem') {
    out.skipped.push({ ref, reason: `<${el.name}> is not a NewsML-G2 item Wiredesk knows` });
    return;
  }
  const result = readNewsItem(el, ref, source, ctx);
  if ('reason' in result) out.skipped.push(result);
  else finishItem(result, ctx, out);
}

/** A draft for finishItem, or the reason this newsItem is not something Wiredesk publishes. */
function readNewsItem(item: XmlElement, ref: string, source: string, ctx: ParseContext): ItemDraft | SkippedItem {
  const itemMeta = child(item, 'itemMeta');
  const contentMeta = child(item, 'contentMeta');
  const itemClass = codeOf(child(itemMeta, 'itemClass'));
  if (itemClass && !/(^|[:/])text$/.test(itemClass)) {
    return { ref, reason: `a ${itemClass} item, not a text story` };
  }
  const statusWords = [child(itemMeta, 'pubStatus'), ...children(itemMeta, 'signal')].map(codeOf).filter((w): w is string => w !== null);
  const embargoed = child(itemMeta, 'embargoed');
  const embargo = embargoed ? cleanText(embargoed) : null;
  if (embargoed && !embargo) statusWords.push('stat:withheld');
  const content = readContent(child(item, 'contentSet'), source);
  const nitf = content.nitf;
  const draft: ItemDraft = {
    ref,
    guid: attr(item, 'guid')?.trim() || null,
    version: toVersion(attr(item, 'version')),
    statusWords,
    embargo,
    headline: cleanText(preferRole(children(contentMeta, 'headline'), ['main'])) ?? nitf?.headline ?? null,
    byline: byline(contentMeta) ?? nitf?.byline ?? null,
    dateline: cleanText(child(contentMeta, 'dateline')) ?? nitf?.dateline ?? null,
    teaser: cleanText(preferRole(children(contentMeta, 'description'), ['summary', 'abstract'])) ?? nitf?.abstractHtml ?? null,
    bodyHtml: content.bodyHtml,
    subjects: [...subjects(contentMeta), ...(nitf?.subjects ?? [])],
    keywords: [...cleanTexts(children(contentMeta, 'keyword')), ...(nitf?.keywords ?? [])],
    language: attr(child(contentMeta, 'language'), 'tag') ?? item.attrs['xml:lang'] ?? nitf?.language ?? null,
    place: cleanText(child(child(contentMeta, 'located'), 'name')) ?? nitf?.place ?? null,
    firstCreated: cleanText(child(itemMeta, 'firstCreated')) ?? cleanText(child(contentMeta, 'contentCreated')),
    versionCreated: cleanText(child(itemMeta, 'versionCreated')) ?? nitf?.issued ?? null,
    link: null,
    media: nitf?.media ?? [],
    priority: toPriority(cleanText(child(contentMeta, 'urgency'))) ?? nitf?.priority ?? null,
    raw: outerXml(item, source),
  };
  const isKill = draftStatus(draft, ctx).signal === 'kill';
  if (!isKill && !draft.headline && !draft.bodyHtml) {
    return { ref, reason: 'no content: the newsItem carries neither headline nor text (a metadata-only item)' };
  }
  if (!isKill && !draft.bodyHtml && content.unpublishable) {
    return { ref, reason: `its content is ${content.unpublishable}, not text Wiredesk can publish` };
  }
  return draft;
}

interface Content {
  bodyHtml: string | null;
  nitf: NitfContent | null;
  /** The content type found when none of the content is text Wiredesk can publish. */
  unpublishable: string | null;
}

/** The first inlineXML/inlineData in the contentSet that is text Wiredesk can publish. */
function readContent(contentSet: XmlElement | undefined, source: string): Content {
  let unpublishable: string | null = null;
  for (const el of elements(contentSet)) {
    const type = (attr(el, 'contenttype') ?? '').toLowerCase();
    if (el.local === 'inlineXML') {
      const first = elements(el)[0];
      if (type.includes('nitf') || first?.local === 'nitf') {
        const nitfEl = first?.local === 'nitf' ? first : undefined;
        const nitf = nitfEl ? readNitf(nitfEl, source) : null;
        return { bodyHtml: nitf?.bodyHtml ?? null, nitf, unpublishable: null };
      }
      if (type === '' || type.includes('html')) return { bodyHtml: xhtmlBody(el, source), nitf: null, unpublishable: null };
      unpublishable ??= type;
    } else if (el.local === 'inlineData') {
      const data = textContent(el).trim();
      if (type === '' || type.startsWith('text/plain'))
        return { bodyHtml: data ? textToHtml(data) : null, nitf: null, unpublishable: null };
      if (type.includes('html')) return { bodyHtml: data || null, nitf: null, unpublishable: null };
      unpublishable ??= type;
    }
  }
  return { bodyHtml: null, nitf: null, unpublishable };
}

/** XHTML content: the inner markup of html > body when the agency sent a whole page, else the inlineXML's own markup. */
function xhtmlBody(inline: XmlElement, source: string): string | null {
  const html = elements(inline).find((e) => e.local === 'html');
  const body = html ? elements(html).find((e) => e.local === 'body') : undefined;
  const markup = innerXml(body ?? inline, source).trim();
  // Comments alone are not a body.
  return markup.replace(/<!--[\s\S]*?-->/g, '').trim() ? markup : null;
}

/** A concept's code: qcode, else uri, else literal. */
function codeOf(el: XmlElement | undefined): string | null {
  return attr(el, 'qcode')?.trim() || attr(el, 'uri')?.trim() || attr(el, 'literal')?.trim() || null;
}

function subjects(contentMeta: XmlElement | undefined): string[] {
  const codes: string[] = [];
  for (const subject of children(contentMeta, 'subject')) {
    const code = codeOf(subject) ?? codeOf(child(subject, 'mainConcept'));
    if (code) codes.push(code);
  }
  return codes;
}

function byline(contentMeta: XmlElement | undefined): string | null {
  const by = cleanTexts(children(contentMeta, 'by'));
  if (by.length > 0) return by.join(', ');
  const creators = children(contentMeta, 'creator')
    .map((c) => cleanText(child(c, 'name')))
    .filter((n): n is string => n !== null);
  return creators.length > 0 ? creators.join(', ') : null;
}

/** The element whose role ends in one of `roles`, else the first one without a role, else the first. */
function preferRole(els: XmlElement[], roles: string[]): XmlElement | undefined {
  for (const role of roles) {
    const found = els.find((e) => attr(e, 'role')?.toLowerCase().endsWith(role));
    if (found) return found;
  }
  return els.find((e) => !attr(e, 'role')) ?? els[0];
}
