import type { ParseResult, StatusMap } from '../../domain/index.ts';

/** What a parser needs besides the bytes. */
export interface ParseContext {
  /** IANA zone for dates that carry no offset (the feed's configured zone, never the server's). */
  zone: string;
  /** Base for relative links: the final URL after redirects, or the file's location. */
  baseUrl: string | null;
  /** charset from the HTTP Content-Type, when the transport had one. */
  charset: string | null;
  /** The feed's mapping of the agency's status words to signal/pubstatus (defaults merged in). */
  statusMap: StatusMap;
}

/** Every format is one function: bytes in, WireItems (and per-item rejections) out. */
export type FormatParser = (bytes: Uint8Array, ctx: ParseContext) => ParseResult;
