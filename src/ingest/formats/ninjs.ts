/**
 * IPTC ninjs 1.x, 2.x and 3.x. The versions name the same things differently:
 *
 * | meaning      | 1.x                                   | 2.x                     | 3.x                      |
 * |--------------|---------------------------------------|-------------------------|--------------------------|
 * | headline     | headline, headline_*                  | headlines[{role,value}] | headlines[]              |
 * | body         | body_html, body_xhtml, body_text, body_* | bodies[{contenttype,value}] | bodies[{contentType,value}] |
 * | summary      | description_text/_html, description_* | descriptions[]          | descriptions[]           |
 * | byline       | byline                                | by                      | by                       |
 * | dates        | firstcreated, versioncreated, embargoed | same                  | firstCreated, versionCreated, embargoedUntil |
 * | status       | pubstatus                             | pubstatus               | pubStatus                |
 * | subjects     | subject[]                             | subjects[]              | subjects[]               |
 * | places       | place[]                               | places[]                | places[]                 |
 * | renditions   | {name: {href, mimetype}}              | [{name, href, contenttype}] | [{name, href, contentType}] |
 * | associations | {name: ninjs}                         | [ninjs + name]          | [ninjs + name]           |
 *
 * Every field is read under all its names, so one reader serves all versions. A document may
 * be one ninjs object, an array of them, or an object with an `items` array.
 *
 * Outcomes: pictures, graphics, audio, video, events and planning objects are not text
 * stories and are skipped with the type as reason. An object with neither headline nor body
 * (a metadata-only fragment, valid ninjs) is skipped as "no content". A text object with one
 * but not the other is rejected: that is an agency error worth seeing.
 */
import type { ParseResult, WireMedia } from '../../domain/index.ts';
import { decodingParser } from './encoding.ts';
import { FeedParseError } from './errors.ts';
import { draftStatus, emptyResult, finishItem, type ItemDraft, mediaKind, textToHtml, toDimension, toPriority, toVersion } from './item.ts';
import { elementSources, isObject, type JsonObject, objects, parseJsonDocument, str } from './json.ts';
import type { ParseContext } from './types.ts';

const NOT_TEXT_TYPES = new Set(['picture', 'graphic', 'audio', 'video', 'event', 'planning', 'component']);

export function parseNinjsText(text: string, ctx: ParseContext): ParseResult {
  const doc = parseJsonDocument(text);
  const clean = text.replace(/^\uFEFF/, '');
  const { list, key } = ninjsObjects(doc);
  const sources = list.length === 1 && !Array.isArray(doc) && key === null ? [clean.trim()] : elementSources(clean, key, list);
  const out = emptyResult();
  list.forEach((obj, index) => {
    const raw = sources[index] ?? JSON.stringify(obj);
    const ref = isObject(obj) ? (str(obj, 'uri') ?? `object ${index + 1}`) : `object ${index + 1}`;
    if (!isObject(obj)) {
      out.rejected.push({ ref, reason: 'not a JSON object', raw });
      return;
    }
    const type = str(obj, 'type');
    if (type && NOT_TEXT_TYPES.has(type)) {
      out.skipped.push({ ref, reason: `ninjs type "${type}" is not a text story` });
      return;
    }
    const draft = readObject(obj, index, raw);
    if (!draft.headline && !draft.bodyHtml && draftStatus(draft, ctx).signal !== 'kill') {
      out.skipped.push({ ref, reason: 'no content: the ninjs object carries neither headline nor body' });
      return;
    }
    finishItem(draft, ctx, out);
  });
  return out;
}

export const parseNinjs = decodingParser(parseNinjsText);

function ninjsObjects(doc: unknown): { list: unknown[]; key: string | null } {
  if (Array.isArray(doc)) return { list: doc, key: null };
  if (isObject(doc) && Array.isArray(doc.items) && !('uri' in doc)) return { list: doc.items, key: 'items' };
  if (isObject(doc) && typeof doc.uri === 'string') return { list: [doc], key: null };
  throw new FeedParseError('not ninjs: expected an object with "uri", an array of them, or an object with an "items" array');
}

function readObject(obj: JsonObject, index: number, raw: string): ItemDraft {
  const pubstatus = str(obj, 'pubStatus', 'pubstatus');
  return {
    ref: `object ${index + 1}`,
    guid: str(obj, 'uri'),
    version: toVersion(obj.version),
    statusWords: pubstatus ? [pubstatus] : [],
    embargo: str(obj, 'embargoedUntil', 'embargoed'),
    headline: headline(obj),
    byline: str(obj, 'by', 'byline'),
    dateline: null,
    teaser: description(obj),
    bodyHtml: body(obj),
    subjects: objects(obj, 'subjects', 'subject')
      .map((s) => str(s, 'uri', 'literal', 'code', 'qcode', 'name'))
      .filter((s): s is string => s !== null),
    keywords: Array.isArray(obj.keywords) ? obj.keywords.filter((k): k is string => typeof k === 'string') : [],
    language: str(obj, 'language'),
    place: str(obj, 'located') ?? firstName(objects(obj, 'places', 'place')),
    firstCreated: str(obj, 'firstCreated', 'firstcreated'),
    versionCreated: str(obj, 'versionCreated', 'versioncreated'),
    link: null,
    media: associatedMedia(obj),
    priority: toPriority(obj.urgency),
    raw,
  };
}

/** The main headline: role "main" (or no role) first, else the first one; 1.x's headline_* extensions last. */
function headline(obj: JsonObject): string | null {
  const fromArray = pickByRole(objects(obj, 'headlines'), ['main', 'headline']);
  return (fromArray ? str(fromArray, 'value') : null) ?? str(obj, 'headline') ?? firstPrefixed(obj, 'headline_');
}

function description(obj: JsonObject): string | null {
  const fromArray = pickByRole(objects(obj, 'descriptions'), ['summary', 'abstract', 'lead', 'text']);
  return (
    (fromArray ? str(fromArray, 'value') : null) ?? str(obj, 'description_text', 'description_html') ?? firstPrefixed(obj, 'description_')
  );
}

/** The body as HTML: an HTML body is preferred; plain text is escaped into paragraphs. */
function body(obj: JsonObject): string | null {
  const bodies = objects(obj, 'bodies');
  const typeOf = (b: JsonObject) => (str(b, 'contentType', 'contenttype') ?? str(b, 'role') ?? '').toLowerCase();
  const html = bodies.find((b) => typeOf(b).includes('html'));
  if (html) return str(html, 'value');
  const other = bodies.find((b) => str(b, 'value') !== null);
  if (other) return asHtml(str(other, 'value') ?? '', typeOf(other));
  const legacyHtml = str(obj, 'body_html', 'body_xhtml');
  if (legacyHtml) return legacyHtml;
  const legacyText = str(obj, 'body_text');
  if (legacyText) return textToHtml(legacyText);
  const extension = firstPrefixed(obj, 'body_');
  return extension ? asHtml(extension, '') : null;
}

/** Text of unknown type is markup when it looks like markup, plain text otherwise. */
function asHtml(value: string, type: string): string {
  if (type.includes('plain') || type === 'text') return textToHtml(value);
  return value.trimStart().startsWith('<') ? value : textToHtml(value);
}

function pickByRole(list: JsonObject[], preferred: string[]): JsonObject | undefined {
  for (const role of preferred) {
    const found = list.find((x) => str(x, 'role')?.toLowerCase() === role);
    if (found) return found;
  }
  return list.find((x) => !str(x, 'role')) ?? list[0];
}

function firstPrefixed(obj: JsonObject, prefix: string): string | null {
  for (const [key, value] of Object.entries(obj)) {
    if (key.startsWith(prefix) && typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return null;
}

function firstName(list: JsonObject[]): string | null {
  for (const x of list) {
    const name = str(x, 'name');
    if (name) return name;
  }
  return null;
}

/** Pictures, graphics, video and audio associated with the story, each at its widest rendition. */
function associatedMedia(obj: JsonObject): WireMedia[] {
  const media: WireMedia[] = [];
  for (const assoc of listOrMap(obj.associations)) {
    const type = str(assoc, 'type');
    if (!type || !['picture', 'graphic', 'video', 'audio'].includes(type)) continue;
    const rendition = widest(listOrMap(assoc.renditions).filter((r) => str(r, 'href')));
    const href = rendition ? str(rendition, 'href') : null;
    if (!rendition || !href) continue;
    const mimeType = str(rendition, 'contentType', 'contenttype', 'mimetype');
    media.push({
      url: href,
      kind: mediaKind(type, mimeType),
      mimeType,
      width: toDimension(rendition.width),
      height: toDimension(rendition.height),
      caption: description(assoc) ?? headline(assoc),
      credit: str(assoc, 'by', 'byline', 'copyrightHolder', 'copyrightholder'),
    });
  }
  return media;
}

/** 1.x keys associations and renditions by name; 2.x and 3.x list them. */
function listOrMap(value: unknown): JsonObject[] {
  if (Array.isArray(value)) return value.filter(isObject);
  if (isObject(value)) return Object.values(value).filter(isObject);
  return [];
}

function widest(renditions: JsonObject[]): JsonObject | undefined {
  let best: JsonObject | undefined;
  for (const r of renditions) if (!best || (toDimension(r.width) ?? 0) > (toDimension(best.width) ?? 0)) best = r;
  return best;
}
