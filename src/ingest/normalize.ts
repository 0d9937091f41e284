import type { NormalizedItem, WireItem } from '../domain/index.ts';
import { collapseSpace, extractDateline, fallbackGuid, placeOfDateline, sha256, teaserFor } from '../domain/index.ts';
import { plainText, sanitizeBody } from './sanitize.ts';
import { htmlToText } from './text-content.ts';

export class NormalizeError extends Error {
  override name = 'NormalizeError';
}

export interface NormalizeOptions {
  /** The feed's language, used when the item does not say. */
  feedLanguage: string | null;
}

/**
 * WireItem -> the content of a revision: sanitized body, its text and hash, dateline and
 * place, teaser, language. The agency's words are never changed: sanitizing removes markup
 * that could harm a reader, and the text hash is computed from the agency's own body so a
 * stored revision can prove it carries the same text.
 */
export function normalize(item: WireItem, options: NormalizeOptions): NormalizedItem {
  const headline = collapseSpace(plainText(item.headline));
  if (headline === '') throw new NormalizeError('item has no headline');
  const guid = item.guid.trim() || fallbackGuid(item.link, headline, item.firstCreated);
  if (guid === null) throw new NormalizeError('item has no guid, link or first-created time to identify it');

  const bodyHtml = sanitizeBody(item.bodyHtml);
  const bodyText = htmlToText(bodyHtml);
  // A kill needs no body (agencies send the reason in the summary); anything else does.
  const isKill = item.signal === 'kill' || item.pubstatus === 'canceled';
  if (bodyText === '' && !isKill) throw new NormalizeError('item has an empty body');

  const found = extractDateline(bodyText);
  const dateline = item.dateline !== null ? collapseSpace(plainText(item.dateline)) || null : (found?.text ?? null);
  const place = item.place ?? found?.place ?? (dateline !== null ? placeOfDateline(dateline) : null);
  const summary = item.teaser === null ? null : collapseSpace(plainText(item.teaser));

  return {
    item,
    guid,
    headline,
    byline: item.byline === null ? null : collapseSpace(plainText(item.byline)) || null,
    dateline,
    place,
    teaser: teaserFor(summary, bodyText),
    bodyHtml,
    bodyText,
    textHash: sha256(htmlToText(item.bodyHtml)),
    contentHash: contentHashOf(item, guid),
    language: item.language ?? options.feedLanguage ?? guessLanguage(bodyText),
  };
}

function contentHashOf(item: WireItem, guid: string): string {
  return sha256(
    JSON.stringify([
      guid,
      item.version,
      item.pubstatus,
      item.signal,
      item.embargo?.toISOString() ?? null,
      item.headline,
      item.byline,
      item.dateline,
      item.teaser,
      item.bodyHtml,
      item.subjects,
      item.keywords,
      item.language,
      item.place,
      item.versionCreated?.toISOString() ?? null,
      item.link,
      item.media.map((media) => media.url),
    ]),
  );
}

/** Only what the script makes certain: Devanagari copy without a language tag is most often Hindi. */
function guessLanguage(text: string): string | null {
  const sample = text.slice(0, 400);
  const devanagari = sample.match(/\p{Script=Devanagari}/gu)?.length ?? 0;
  const latin = sample.match(/\p{Script=Latin}/gu)?.length ?? 0;
  if (devanagari > latin) return 'hi';
  return null;
}
