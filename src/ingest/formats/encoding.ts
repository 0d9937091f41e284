/**
 * Bytes to text for every feed format. The encoding is decided in this order, first hit wins:
 *
 * 1. a byte-order mark (UTF-8, UTF-16LE, UTF-16BE): the bytes themselves cannot lie about it;
 * 2. the HTTP Content-Type charset, when the transport had one (RFC 7303 puts it above the
 *    XML declaration);
 * 3. the XML declaration's `encoding="…"`, read from the ASCII-compatible first bytes;
 * 4. valid UTF-8: if the bytes decode as UTF-8 without error, they are UTF-8;
 * 5. windows-1252: what unlabelled non-UTF-8 Western feeds nearly always are (it is a
 *    superset of ISO-8859-1 for printable characters, as browsers treat it).
 *
 * An encoding label nobody knows is an error naming the label: decoding with a guess would
 * publish mojibake.
 */
import type { ParseResult } from '../../domain/index.ts';
import { FeedParseError } from './errors.ts';
import type { FormatParser, ParseContext } from './types.ts';

/** An encoding label no decoder knows; the feed cannot be read, so it is a FeedParseError. */
export class EncodingError extends FeedParseError {
  constructor(message: string) {
    super(message);
    this.name = 'EncodingError';
  }
}

/** Decodes feed bytes to text; see the module comment for the order in which the encoding is chosen. */
export function decodeFeedText(bytes: Uint8Array, httpCharset: string | null): string {
  const bom = bomEncoding(bytes);
  if (bom) return decode(decoderFor(bom.encoding, 'byte-order mark'), bytes.subarray(bom.length));
  const charset = cleanLabel(httpCharset);
  const label = charset ?? xmlDeclaredEncoding(bytes);
  if (label) return decode(decoderFor(label, charset ? 'HTTP charset' : 'XML declaration'), bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decode(new TextDecoder('windows-1252'), bytes);
  }
}

function decode(decoder: TextDecoder, bytes: Uint8Array): string {
  return decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : decoder.decode(bytes);
}

/**
 * Node 20's TextDecoder decodes "windows-1252" (and its WHATWG aliases iso-8859-1, latin1,
 * us-ascii) as plain Latin-1, turning curly quotes, dashes and the euro sign into C1 control
 * characters. The 32 code points where the two differ are mapped here.
 */
const WINDOWS_1252_C1 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019,
  0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('latin1')
    .decode(bytes)
    .replace(/[\u0080-\u009f]/g, (c) => String.fromCharCode(WINDOWS_1252_C1[c.charCodeAt(0) - 0x80] ?? c.charCodeAt(0)));
}

function bomEncoding(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

function cleanLabel(label: string | null): string | null {
  const cleaned = label?.trim().replace(/^["']|["']$/g, '');
  return cleaned ? cleaned : null;
}

function decoderFor(label: string, source: string): TextDecoder {
  // A document that says "UTF-16" with no BOM is, by the XML spec's default, big-endian.
  const effective = label.toLowerCase() === 'utf-16' ? 'utf-16be' : label;
  try {
    return new TextDecoder(effective);
  } catch {
    throw new EncodingError(`unknown character encoding "${label}" (from the ${source})`);
  }
}

/**
 * The XML declaration's encoding. Only ASCII-compatible encodings can be read this way; a
 * UTF-16 document without a BOM shows up as interleaved NUL bytes, which is detected too.
 */
function xmlDeclaredEncoding(bytes: Uint8Array): string | null {
  if (bytes[0] === 0x00 && bytes[1] === 0x3c) return 'utf-16be';
  if (bytes[0] === 0x3c && bytes[1] === 0x00) return 'utf-16le';
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 256));
  const decl = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return decl?.[1] ?? null;
}

/** A text-level parser as a FormatParser: the bytes are decoded by decodeFeedText first. */
export function decodingParser(parseText: (text: string, ctx: ParseContext) => ParseResult): FormatParser {
  return (bytes, ctx) => parseText(decodeFeedText(bytes, ctx.charset), ctx);
}
