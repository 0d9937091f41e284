/**
 * The one place where a format's findings become a WireItem or a RejectedItem, so every
 * format applies the same rules:
 *
 * - the status comes from the item's status words plus its headline's prefix words;
 * - an item needs a guid;
 * - a kill (pubstatus canceled / signal kill) needs nothing else: agencies often send a
 *   bare cancellation, and refusing it would leave a killed story online;
 * - any other item needs a headline and a body;
 * - every date must parse (dates without a zone are read in the feed's zone).
 */

import type { ParseResult, WireItem, WireMedia } from '../../domain/index.ts';
import { DateParseError, headlineStatusWords, parseWireDate, type ResolvedStatus, resolveStatus } from '../../domain/index.ts';
import type { ParseContext } from './types.ts';

/** What a format parser found in one item; dates are still text. */
export interface ItemDraft {
  /** How to name the item in a rejection when it has no usable guid: link or position. */
  ref: string;
  guid: string | null;
  version: number | null;
  /** Status words as the agency wrote them (qcodes, management-status, pubstatus values). */
  statusWords: string[];
  embargo: string | null;
  headline: string | null;
  byline: string | null;
  dateline: string | null;
  /** The agency's summary as given; may carry inline markup (RSS descriptions, NITF abstracts). */
  teaser: string | null;
  bodyHtml: string | null;
  subjects: string[];
  keywords: string[];
  language: string | null;
  place: string | null;
  firstCreated: string | null;
  versionCreated: string | null;
  link: string | null;
  media: WireMedia[];
  priority: number | null;
  raw: string;
}

export function emptyResult(): ParseResult {
  return { items: [], rejected: [], skipped: [] };
}

/** Applies the rules in the module comment and records the outcome in `out`. */
export function finishItem(draft: ItemDraft, ctx: ParseContext, out: ParseResult): void {
  const built = buildItem(draft, ctx);
  if (typeof built === 'string') out.rejected.push({ ref: draft.guid ?? draft.ref, reason: built, raw: draft.raw });
  else out.items.push(built);
}

/** The item's signal and pubstatus from its status words and its headline's prefix words. */
export function draftStatus(draft: ItemDraft, ctx: ParseContext): ResolvedStatus {
  return resolveStatus([...draft.statusWords, ...headlineStatusWords(draft.headline ?? '')], ctx.statusMap);
}

/** The WireItem, or the reason it cannot be one. */
function buildItem(draft: ItemDraft, ctx: ParseContext): WireItem | string {
  if (!draft.guid) return 'no guid: the item has no identifier (guid, id or link)';
  const headline = draft.headline ?? '';
  const { signal, pubstatus } = draftStatus(draft, ctx);
  const isKill = signal === 'kill';
  const bodyHtml = draft.bodyHtml?.trim() ? draft.bodyHtml : null;
  if (!isKill && !draft.headline) return 'no headline';
  if (!isKill && !bodyHtml) return 'no body';
  const dates = { embargo: null as Date | null, firstCreated: null as Date | null, versionCreated: null as Date | null };
  for (const field of ['embargo', 'firstCreated', 'versionCreated'] as const) {
    const text = draft[field];
    if (!text?.trim()) continue;
    try {
      dates[field] = parseWireDate(text, ctx.zone);
    } catch (err) {
      if (err instanceof DateParseError) return `bad date in ${field}: ${err.message}`;
      throw err;
    }
  }
  return {
    guid: draft.guid,
    version: draft.version,
    pubstatus,
    signal,
    embargo: dates.embargo,
    headline,
    byline: draft.byline,
    dateline: draft.dateline,
    teaser: draft.teaser?.trim() ? draft.teaser : null,
    bodyHtml: bodyHtml ?? '',
    subjects: unique(draft.subjects),
    keywords: unique(draft.keywords),
    language: draft.language,
    place: draft.place,
    firstCreated: dates.firstCreated,
    versionCreated: dates.versionCreated ?? dates.firstCreated,
    link: draft.link,
    media: uniqueMedia(draft.media),
    priority: draft.priority,
    raw: draft.raw,
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))];
}

function uniqueMedia(media: WireMedia[]): WireMedia[] {
  const seen = new Set<string>();
  return media.filter((m) => !seen.has(m.url) && seen.add(m.url));
}

/** A version number when the agency sends a whole number; free text ("1.2", "v2") is not a version Wiredesk can order. */
export function toVersion(value: unknown): number | null {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  return /^\d{1,9}$/.test(text) ? Number(text) : null;
}

/** Urgency/priority 1–9 when given as a number or numeric text. */
export function toPriority(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
  return Number.isInteger(n) && n >= 1 && n <= 9 ? n : null;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Plain agency text as HTML: escaped, one paragraph per blank-line-separated block. */
export function textToHtml(text: string): string {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((block) => block.trim())
    .filter((block) => block !== '')
    .map((block) => `<p>${block.replace(/[&<>"]/g, (c) => HTML_ESCAPES[c] ?? c)}</p>`)
    .join('\n');
}

/** The kind of a media object from its declared medium or MIME type. */
export function mediaKind(medium: string | undefined, mimeType: string | null): WireMedia['kind'] {
  const hint = (medium ?? mimeType ?? '').toLowerCase();
  if (hint.startsWith('image') || hint === 'picture' || hint === 'graphic') return 'image';
  if (hint.startsWith('video')) return 'video';
  if (hint.startsWith('audio')) return 'audio';
  return 'other';
}

export function toDimension(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(n) && n > 0 ? Math.round(n) : null;
}
