/**
 * JSON reading shared by JSON Feed and ninjs: parse with clear errors, typed field access
 * that tolerates wrong types, and the source span of each array element so an item's `raw`
 * is its own text as the agency sent it.
 */
import { FeedParseError } from './errors.ts';

export type JsonObject = Record<string, unknown>;

export function parseJsonDocument(text: string): unknown {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') throw new FeedParseError('empty document');
  if (trimmed.startsWith('<')) {
    throw new FeedParseError(/^<(!doctype\s+html|html)/i.test(trimmed) ? 'an HTML page, not a feed' : 'expected JSON, found XML');
  }
  try {
    return JSON.parse(trimmed);
  } catch (err) {
    const message = (err as Error).message;
    // V8 says "Unexpected end of JSON input", or names a position at the very end of the text.
    const position = Number(/at position (\d+)/.exec(message)?.[1] ?? Number.NaN);
    const truncated = /end of (JSON )?input|unterminated/i.test(message) || position >= trimmed.length;
    throw new FeedParseError(`${truncated ? 'truncated' : 'malformed'} JSON: ${message}`, { cause: err });
  }
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first of `keys` holding a non-blank string. */
export function str(obj: JsonObject, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = obj[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return null;
}

/** The first of `keys` holding an array; its object elements only. */
export function objects(obj: JsonObject, ...keys: string[]): JsonObject[] {
  for (const key of keys) {
    const value = obj[key];
    if (Array.isArray(value)) return value.filter(isObject);
  }
  return [];
}

/**
 * Source spans of the elements of the array at the top of `text`, or of the array under the
 * top-level object's `key`. Runs on text JSON.parse has accepted, so it only skips values; one pass.
 */
function arrayElementSpans(text: string, key: string | null): [number, number][] | null {
  let i = skipSpace(text, 0);
  if (key !== null) {
    if (text[i] !== '{') return null;
    i = valueOfKey(text, i, key);
    if (i === -1) return null;
  }
  if (text[i] !== '[') return null;
  const spans: [number, number][] = [];
  i = skipSpace(text, i + 1);
  while (i < text.length && text[i] !== ']') {
    const end = skipValue(text, i);
    spans.push([i, end]);
    i = skipSpace(text, end);
    if (text[i] === ',') i = skipSpace(text, i + 1);
  }
  return spans;
}

function valueOfKey(text: string, objStart: number, key: string): number {
  let i = skipSpace(text, objStart + 1);
  while (i < text.length && text[i] === '"') {
    const keyEnd = skipValue(text, i);
    const name = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipSpace(text, keyEnd);
    i = skipSpace(text, i + 1); // past ':'
    if (name === key) return i;
    i = skipSpace(text, skipValue(text, i));
    if (text[i] === ',') i = skipSpace(text, i + 1);
  }
  return -1;
}

function skipValue(text: string, start: number): number {
  const first = text[start];
  if (first === '"') return skipString(text, start);
  if (first === '{' || first === '[') {
    let depth = 0;
    for (let i = start; i < text.length; i++) {
      const ch = text[i];
      if (ch === '"') i = skipString(text, i) - 1;
      else if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return text.length;
  }
  let i = start;
  while (i < text.length && !/[\s,\]}]/.test(text[i] ?? '')) i++;
  return i;
}

function skipString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t' || text[i] === '\uFEFF')) i++;
  return i;
}

/** Each element's own source text, falling back to re-serialising when spans cannot be matched. */
export function elementSources(text: string, key: string | null, elements: unknown[]): string[] {
  const spans = arrayElementSpans(text, key);
  if (spans && spans.length === elements.length) return spans.map(([s, e]) => text.slice(s, e));
  return elements.map((el) => JSON.stringify(el));
}
