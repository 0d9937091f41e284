/**
 * Wire formats: bytes in, WireItems (with per-item rejections and skips) out. This is the
 * folder's public surface; the pipeline and the CLI use parseWire.
 */
import type { ParseResult, WireFormat } from '../../domain/index.ts';
import { parseAtomText } from './atom.ts';
import { detectFormat } from './detect.ts';
import { decodeFeedText } from './encoding.ts';
import { parseJsonFeedText } from './jsonfeed.ts';
import { parseNewsmlG2Text } from './newsml-g2.ts';
import { parseNinjsText } from './ninjs.ts';
import { parseNitfText } from './nitf.ts';
import { parseRdfText } from './rdf.ts';
import { parseRssText } from './rss.ts';
import type { ParseContext } from './types.ts';

export { detectFormat } from './detect.ts';
export { decodeFeedText, EncodingError } from './encoding.ts';
export { FeedParseError } from './errors.ts';
export type { FormatParser, ParseContext } from './types.ts';

const TEXT_PARSERS: Record<WireFormat, (text: string, ctx: ParseContext) => ParseResult> = {
  rss: parseRssText,
  atom: parseAtomText,
  rdf: parseRdfText,
  jsonfeed: parseJsonFeedText,
  ninjs: parseNinjsText,
  'newsml-g2': parseNewsmlG2Text,
  nitf: parseNitfText,
};

/**
 * Parses one feed document. With 'auto' the format is detected from the content. Throws
 * FeedParseError when the document as a whole cannot be read; bad items are in `rejected`.
 */
export function parseWire(bytes: Uint8Array, format: WireFormat | 'auto', ctx: ParseContext): ParseResult & { format: WireFormat } {
  const text = decodeFeedText(bytes, ctx.charset);
  const chosen = format === 'auto' ? detectFormat(text) : format;
  return { ...TEXT_PARSERS[chosen](text, ctx), format: chosen };
}
