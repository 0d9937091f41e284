import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { Agent, request } from 'undici';
import type { Config } from '../../config.ts';
import type { Feed } from '../../store/index.ts';
import { guardedConnector } from './address-guard.ts';
import { authHeaders, parseCredentials } from './credentials.ts';

/**
 * One HTTP fetch of one feed, with every guard the open internet calls for: conditional GET,
 * decompression with a cap on the decompressed size (the body is streamed and the fetch
 * aborted at the cap, so memory stays bounded), at most `maxRedirects` redirects, connect and
 * total timeouts, and the private-address guard on every hop. Nothing is stored here: the
 * poller and the console's "Test fetch" both call fetchFeedOnce.
 */

export type FetchLimits = Pick<Config['limits'], 'maxBodyBytes' | 'connectTimeoutMs' | 'fetchTimeoutMs' | 'maxRedirects'>;

export interface FetchOptions {
  limits: FetchLimits;
  /** Send If-None-Match / If-Modified-Since from the feed's last success (default true). */
  conditional?: boolean;
  signal?: AbortSignal;
  userAgent?: string;
}

interface Fetched {
  /** The URL that answered, after redirects: the base for relative links. */
  url: string;
  status: number;
}

export type FetchResult =
  | (Fetched & { kind: 'not-modified' })
  | (Fetched & {
      kind: 'body';
      bytes: Buffer;
      charset: string | null;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
    });

/** A fetch that did not give a usable answer; `retryAfterSeconds` when the server said when to come back. */
export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    message: string,
    readonly status: number | null = null,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const DEFAULT_USER_AGENT = 'Wiredesk/0.1 (+https://github.com/wiredesk; wire feed poller)';
/** A server asking us to wait longer than a day is treated as asking for a day. */
const MAX_RETRY_AFTER_SECONDS = 86_400;

export async function fetchFeedOnce(feed: Feed, options: FetchOptions): Promise<FetchResult> {
  const { limits } = options;
  let url = parseFeedUrl(feed);
  const credentials = authHeaders(parseCredentials(feed.id, feed.credentials));
  const agent = new Agent({
    connect: guardedConnector({ connectTimeoutMs: limits.connectTimeoutMs, allowPrivate: feed.allow_private === 1 }),
    headersTimeout: limits.fetchTimeoutMs,
    bodyTimeout: limits.fetchTimeoutMs,
  });
  const deadline = AbortSignal.timeout(limits.fetchTimeoutMs);
  const signal = options.signal === undefined ? deadline : AbortSignal.any([deadline, options.signal]);
  try {
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = {
        'user-agent': options.userAgent ?? DEFAULT_USER_AGENT,
        'accept-encoding': 'gzip, deflate, br',
        accept: 'application/rss+xml, application/atom+xml, application/xml, text/xml, application/json, */*;q=0.5',
        // Credentials go only to the feed's own origin, never to wherever a redirect points.
        ...(url.origin === new URL(feed.location).origin ? credentials : {}),
      };
      if (options.conditional !== false && feed.etag !== null) headers['if-none-match'] = feed.etag;
      if (options.conditional !== false && feed.last_modified !== null) headers['if-modified-since'] = feed.last_modified;

      const response = await request(url, { dispatcher: agent, method: 'GET', headers, signal }).catch((error: unknown) => {
        throw asFetchError(error, signal, limits);
      });
      const { statusCode } = response;
      if (REDIRECTS.has(statusCode)) {
        await response.body.dump();
        const location = header(response.headers, 'location');
        if (location === null) throw new FetchError(`HTTP ${statusCode} redirect without a Location header`, statusCode);
        if (hop >= limits.maxRedirects) throw new FetchError(`more than ${limits.maxRedirects} redirects`, statusCode);
        url = resolveRedirect(url, location, statusCode);
        continue;
      }
      if (statusCode === 304) {
        await response.body.dump();
        return { kind: 'not-modified', url: url.href, status: statusCode };
      }
      if (statusCode < 200 || statusCode >= 300) {
        await response.body.dump();
        const retryAfter = statusCode === 429 || statusCode === 503 ? parseRetryAfter(header(response.headers, 'retry-after')) : null;
        throw new FetchError(`HTTP ${statusCode}${retryAfter === null ? '' : `; retry after ${retryAfter} s`}`, statusCode, retryAfter);
      }
      const contentType = header(response.headers, 'content-type');
      const declared = Number(header(response.headers, 'content-length') ?? Number.NaN);
      if (declared > limits.maxBodyBytes) {
        response.body.destroy();
        throw new FetchError(`body is ${declared} bytes; the limit is ${limits.maxBodyBytes}`, statusCode);
      }
      const bytes = await readCapped(response.body, header(response.headers, 'content-encoding'), limits.maxBodyBytes, signal).catch(
        (error: unknown) => {
          throw asFetchError(error, signal, limits);
        },
      );
      return {
        kind: 'body',
        url: url.href,
        status: statusCode,
        bytes,
        charset: charsetOf(contentType),
        contentType,
        etag: header(response.headers, 'etag'),
        lastModified: header(response.headers, 'last-modified'),
      };
    }
  } finally {
    await agent.destroy().catch(() => undefined);
  }
}

function parseFeedUrl(feed: Feed): URL {
  let url: URL;
  try {
    url = new URL(feed.location);
  } catch {
    throw new FetchError(`feed ${feed.id}: "${feed.location}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchError(`feed ${feed.id}: only http and https URLs are polled`);
  return url;
}

function resolveRedirect(from: URL, location: string, status: number): URL {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new FetchError(`HTTP ${status} redirect to an invalid URL "${location.slice(0, 200)}"`, status);
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:')
    throw new FetchError(`HTTP ${status} redirect to a ${next.protocol} URL`, status);
  return next;
}

/**
 * Reads the body through its decoders, counting decompressed bytes: the stream is torn down the
 * moment the count passes the cap, so a gzip bomb or a 100 MB answer never sits in memory.
 */
async function readCapped(body: Readable, encoding: string | null, cap: number, signal: AbortSignal): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  const decoders = (encoding ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '' && name !== 'identity')
    .reverse()
    .map(decoderFor);
  const overflow = new FetchError(`body is larger than the limit of ${cap} bytes (decompressed)`);
  const sink = async (source: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of source) {
      total += chunk.length;
      if (total > cap) throw overflow;
      chunks.push(chunk);
    }
  };
  // The typings of pipeline() cannot express a variable number of transforms.
  await (pipeline as (...streams: unknown[]) => Promise<void>)(body, ...decoders, sink, { signal }).catch((error: unknown) => {
    // Tearing the decoders down makes them report an abort; the cap is the real reason.
    throw total > cap ? overflow : error;
  });
  return Buffer.concat(chunks, total);
}

function decoderFor(name: string) {
  if (name === 'gzip' || name === 'x-gzip') return createGunzip();
  if (name === 'deflate') return createInflate();
  if (name === 'br') return createBrotliDecompress();
  throw new FetchError(`unsupported Content-Encoding "${name}"`);
}

function asFetchError(error: unknown, signal: AbortSignal, limits: FetchLimits): FetchError {
  if (error instanceof FetchError) return error;
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    if (reason instanceof DOMException && reason.name === 'TimeoutError') {
      return new FetchError(`no complete answer within ${limits.fetchTimeoutMs} ms`);
    }
    return new FetchError('fetch was cancelled');
  }
  const err = error as Error & { code?: string; cause?: Error & { code?: string } };
  if (err.name === 'PrivateAddressError') return new FetchError(err.message);
  if (err.code === 'UND_ERR_CONNECT_TIMEOUT') return new FetchError(`could not connect within ${limits.connectTimeoutMs} ms`);
  if (err.code === 'UND_ERR_HEADERS_TIMEOUT' || err.code === 'UND_ERR_BODY_TIMEOUT') {
    return new FetchError(`no complete answer within ${limits.fetchTimeoutMs} ms`);
  }
  if (err.code === 'Z_DATA_ERROR' || err.code === 'Z_BUF_ERROR' || err.code === 'ERR_BROTLI_DECOMPRESSION_FAILED') {
    return new FetchError(`body could not be decompressed (${err.message})`);
  }
  const detail = err.code ?? err.cause?.code;
  return new FetchError(`${err.message}${detail !== undefined && !err.message.includes(detail) ? ` (${detail})` : ''}`);
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | null {
  const value = headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}

function charsetOf(contentType: string | null): string | null {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase() ?? null;
}

/** `Retry-After` is either delay-seconds or an HTTP-date; anything else is ignored. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed), MAX_RETRY_AFTER_SECONDS);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(0, Math.ceil((at - now) / 1000)), MAX_RETRY_AFTER_SECONDS);
}
