/**
 * NITF 3.x, standalone or inside a NewsML-G2 inlineXML. From head/docdata: doc-id, du-key
 * version, urgency, management-status, date.issue, date.release (the embargo), key-list;
 * tobject.subject codes; from body.head: hedline/hl1, byline, dateline, abstract; body.content
 * is the body markup exactly as written.
 */
import type { ParseResult, WireMedia } from '../../domain/index.ts';
import { decodingParser } from './encoding.ts';
import { FeedParseError } from './errors.ts';
import { emptyResult, finishItem, mediaKind, toDimension, toPriority, toVersion } from './item.ts';
import type { ParseContext } from './types.ts';
import { attr, child, children, cleanText, cleanTexts, elements, innerXml, outerXml, parseXml, type XmlElement } from './xml.ts';

export interface NitfContent {
  docId: string | null;
  version: number | null;
  managementStatus: string | null;
  priority: number | null;
  issued: string | null;
  release: string | null;
  headline: string | null;
  byline: string | null;
  dateline: string | null;
  place: string | null;
  abstractHtml: string | null;
  bodyHtml: string | null;
  subjects: string[];
  keywords: string[];
  language: string | null;
  media: WireMedia[];
}

/** Everything NITF says about its story; used for standalone NITF and for NITF inside NewsML-G2. */
export function readNitf(nitf: XmlElement, source: string): NitfContent {
  const head = child(nitf, 'head');
  const docdata = child(head, 'docdata');
  const body = child(nitf, 'body');
  const bodyHead = child(body, 'body.head');
  const bodyContent = child(body, 'body.content');
  const dateline = child(bodyHead, 'dateline');
  const abstract = child(bodyHead, 'abstract');
  const identified = child(docdata, 'identified-content');
  return {
    docId: attr(child(docdata, 'doc-id'), 'id-string')?.trim() || null,
    version: toVersion(attr(child(docdata, 'du-key'), 'version')),
    managementStatus: attr(docdata, 'management-status')?.trim() || null,
    priority: toPriority(attr(child(docdata, 'urgency'), 'ed-urg')),
    issued: attr(child(docdata, 'date.issue'), 'norm')?.trim() || null,
    release: attr(child(docdata, 'date.release'), 'norm')?.trim() || null,
    headline: cleanText(child(child(bodyHead, 'hedline'), 'hl1')) ?? cleanText(child(head, 'title')),
    byline: cleanTexts(children(bodyHead, 'byline')).join('; ') || null,
    dateline: cleanText(dateline),
    place:
      cleanText(child(dateline, 'location')) ??
      attr(child(docdata, 'evloc'), 'city')?.trim() ??
      cleanText(child(child(identified, 'location'), 'city')) ??
      null,
    abstractHtml: abstract ? innerXml(abstract, source).trim() || null : null,
    bodyHtml: bodyContent ? innerXml(bodyContent, source).trim() || null : null,
    subjects: [
      ...children(child(head, 'tobject'), 'tobject.subject').map((s) => attr(s, 'tobject.subject.refnum') ?? ''),
      ...children(identified, 'classifier').map((c) => attr(c, 'value') ?? ''),
    ],
    keywords: children(child(docdata, 'key-list'), 'keyword').map((k) => attr(k, 'key') ?? ''),
    language: nitf.attrs['xml:lang'] ?? body?.attrs['xml:lang'] ?? null,
    media: bodyContent ? nitfMedia(bodyContent) : [],
  };
}

export function parseNitfText(text: string, ctx: ParseContext): ParseResult {
  const { root, source } = parseXml(text, ctx.baseUrl);
  if (root.local !== 'nitf') throw new FeedParseError(`not NITF: the root element is <${root.name}>, expected <nitf>`);
  const nitf = readNitf(root, source);
  const out = emptyResult();
  finishItem(
    {
      ref: nitf.docId ?? 'nitf document',
      guid: nitf.docId,
      version: nitf.version,
      statusWords: nitf.managementStatus ? [nitf.managementStatus] : [],
      embargo: nitf.release,
      headline: nitf.headline,
      byline: nitf.byline,
      dateline: nitf.dateline,
      teaser: nitf.abstractHtml,
      bodyHtml: nitf.bodyHtml,
      subjects: nitf.subjects,
      keywords: nitf.keywords,
      language: nitf.language,
      place: nitf.place,
      firstCreated: null,
      versionCreated: nitf.issued,
      link: null,
      media: nitf.media,
      priority: nitf.priority,
      raw: outerXml(root, source),
    },
    ctx,
    out,
  );
  return out;
}

export const parseNitf = decodingParser(parseNitfText);

/** NITF <media> blocks anywhere in the body: the first reference with a source, its caption and producer. */
function nitfMedia(scope: XmlElement): WireMedia[] {
  const found: WireMedia[] = [];
  for (const el of elements(scope)) {
    if (el.local !== 'media') {
      found.push(...nitfMedia(el));
      continue;
    }
    const ref = children(el, 'media-reference').find((r) => attr(r, 'source')?.trim());
    const url = attr(ref, 'source')?.trim();
    if (!ref || !url) continue;
    const mimeType = attr(ref, 'mime-type') ?? null;
    found.push({
      url,
      kind: mediaKind(attr(el, 'media-type'), mimeType),
      mimeType,
      width: toDimension(attr(ref, 'width')),
      height: toDimension(attr(ref, 'height')),
      caption: cleanText(child(el, 'media-caption')),
      credit: cleanText(child(el, 'media-producer')),
    });
  }
  return found;
}
