/**
 * Extension modules shared by the XML feed formats (RSS 2.0, RSS 1.0/RDF, Atom):
 * Dublin Core, content:encoded and Media RSS. Each reader takes an item element and
 * returns what that module says about it.
 */
import type { WireMedia } from '../../domain/index.ts';
import { mediaKind, toDimension } from './item.ts';
import {
  attr,
  child,
  children,
  cleanText,
  cleanTexts,
  collapseSpace,
  elements,
  NS,
  resolveUrl,
  textContent,
  type XmlElement,
} from './xml.ts';

export interface DublinCore {
  creators: string[];
  date: string | null;
  modified: string | null;
  language: string | null;
  subjects: string[];
}

export function readDublinCore(item: XmlElement): DublinCore {
  return {
    creators: cleanTexts(children(item, 'creator', NS.dc)),
    date: cleanText(child(item, 'date', NS.dc)),
    modified: cleanText(child(item, 'modified', NS.dcterms)),
    language: cleanText(child(item, 'language', NS.dc)),
    subjects: cleanTexts(children(item, 'subject', NS.dc)),
  };
}

/** content:encoded, the full HTML body RSS feeds carry beside a short description. */
export function readContentEncoded(item: XmlElement): string | null {
  const encoded = child(item, 'encoded', NS.content);
  return encoded ? textContent(encoded).trim() || null : null;
}

/**
 * Media RSS: media:content (alone or in media:group), with media:description/media:title as
 * caption and media:credit, inherited from the group when the content has none. Thumbnails
 * are returned only when there is no media:content: they are the same pictures, smaller.
 */
export function readMediaRss(item: XmlElement): WireMedia[] {
  const found: WireMedia[] = [];
  const thumbnails: WireMedia[] = [];
  const visit = (scope: XmlElement, inherited: XmlElement | null) => {
    for (const el of elements(scope)) {
      if (el.ns !== NS.media) continue;
      if (el.local === 'group') visit(el, el);
      else if (el.local === 'content') {
        const m = mediaFrom(el, attr(el, 'type') ?? null, attr(el, 'medium'), [el, inherited, item]);
        if (m) found.push(m);
      } else if (el.local === 'thumbnail') {
        const m = mediaFrom(el, null, 'image', [el, inherited, item]);
        if (m) thumbnails.push(m);
      }
    }
  };
  visit(item, null);
  return found.length > 0 ? found : thumbnails;
}

function mediaFrom(
  el: XmlElement,
  mimeType: string | null,
  medium: string | undefined,
  captionScopes: (XmlElement | null)[],
): WireMedia | null {
  const url = attr(el, 'url');
  if (!url?.trim()) return null;
  const firstIn = (local: string) => {
    for (const scope of captionScopes) {
      const found = scope ? cleanText(child(scope, local, NS.media)) : null;
      if (found) return found;
    }
    return null;
  };
  return {
    url: resolveUrl(el, url),
    kind: mediaKind(medium, mimeType),
    mimeType,
    width: toDimension(attr(el, 'width')),
    height: toDimension(attr(el, 'height')),
    caption: firstIn('description') ?? firstIn('title'),
    credit: firstIn('credit'),
  };
}

/** media:keywords: one comma-separated list. */
export function readMediaKeywords(item: XmlElement): string[] {
  const keywords = cleanText(child(item, 'keywords', NS.media));
  return keywords ? keywords.split(',').map(collapseSpace).filter(Boolean) : [];
}

/** An atom:link inside an RSS item, the way some feeds give the canonical URL. */
export function atomAlternateLink(item: XmlElement): string | null {
  for (const link of children(item, 'link', NS.atom)) {
    const rel = attr(link, 'rel') ?? 'alternate';
    const href = attr(link, 'href');
    if (rel === 'alternate' && href) return resolveUrl(link, href);
  }
  return null;
}
