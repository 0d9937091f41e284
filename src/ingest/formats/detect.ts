/**
 * Which wire format a document is, from its content alone (the Content-Type of agency feeds
 * is too often wrong to trust). JSON: a JSON Feed names its version URL; anything else with a
 * ninjs `uri` is ninjs. XML: the root element and its namespace decide.
 */
import type { WireFormat } from '../../domain/index.ts';
import { FeedParseError } from './errors.ts';
import { isObject, parseJsonDocument } from './json.ts';
import { NS, readProlog } from './xml.ts';

const G2_ROOTS = new Set(['newsItem', 'newsMessage', 'packageItem', 'conceptItem', 'planningItem', 'knowledgeItem', 'catalogItem']);

/** Detects the format of already-decoded text; throws FeedParseError naming what was found instead. */
export function detectFormat(text: string): WireFormat {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start === '') throw new FeedParseError('empty document');
  if (start.startsWith('{') || start.startsWith('[')) return detectJson(parseJsonDocument(start));
  return detectXml(start);
}

function detectJson(doc: unknown): WireFormat {
  if (isObject(doc) && typeof doc.version === 'string' && doc.version.includes('jsonfeed.org/version/')) return 'jsonfeed';
  const first = Array.isArray(doc) ? doc[0] : isObject(doc) && Array.isArray(doc.items) ? doc.items[0] : doc;
  if (isObject(first) && typeof first.uri === 'string') return 'ninjs';
  throw new FeedParseError('unrecognised JSON: neither a JSON Feed nor ninjs');
}

function detectXml(text: string): WireFormat {
  const { rootName, rootStartTag } = readProlog(text);
  const colon = rootName.indexOf(':');
  const local = colon === -1 ? rootName : rootName.slice(colon + 1);
  if (local === 'rss') return 'rss';
  if (local === 'RDF' && rootStartTag.includes(NS.rdf)) return 'rdf';
  if (local === 'feed' && rootStartTag.includes(NS.atom)) return 'atom';
  if (G2_ROOTS.has(local)) return 'newsml-g2';
  if (local === 'nitf') return 'nitf';
  if (local.toLowerCase() === 'html') throw new FeedParseError('an HTML page, not a feed');
  throw new FeedParseError(`unrecognised XML: root element <${rootName}> is not a known wire format`);
}
