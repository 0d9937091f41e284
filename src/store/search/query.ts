/**
 * Reader queries are cut into plain words before any engine sees them: quotes, operators and
 * brackets are never passed on as syntax, so `"`, `*`, `AND(` or `NEAR` cannot break a query.
 */
const MAX_QUERY_CHARS = 200;
const MAX_WORDS = 12;

/** The words of a query (letters, combining marks and digits), lower-cased, at most 12. */
export function queryWords(query: string): string[] {
  return query
    .slice(0, MAX_QUERY_CHARS)
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, MAX_WORDS);
}

const SNIPPET_OPEN = '\u0002';
const SNIPPET_CLOSE = '\u0003';
export const SNIPPET_MARKERS = { open: SNIPPET_OPEN, close: SNIPPET_CLOSE } as const;

/** Control characters never belong in indexed text; removing them keeps the snippet markers unambiguous. */
export function indexableText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ' ');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes a snippet for HTML, then turns the engine's markers into <mark>. */
export function snippetToHtml(snippet: string): string {
  return snippet
    .replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char)
    .replaceAll(SNIPPET_OPEN, '<mark>')
    .replaceAll(SNIPPET_CLOSE, '</mark>');
}
