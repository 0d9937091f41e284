import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { bodyIn, type Encoding, type PageCache, type PreparedPage, preparePage, type RenderedPage } from './page-cache.ts';

/**
 * How long shared caches (CDNs) may keep a page, and serve it stale while they fetch a fresh one.
 * Browsers revalidate every time (a cheap 304): a killed story must not linger in a reader's
 * cache, while a CDN is purged by Surrogate-Key.
 */
export interface CachePolicy {
  maxAgeSeconds: number;
  staleWhileRevalidateSeconds: number;
}

export type RouteResult = RenderedPage | { redirect: string };

/** Statuses worth keeping: a page, or a story's 410 (purged by its key if it is restored). */
const CACHEABLE = new Set([200, 410]);

/**
 * Serves a route through the page cache: a hit skips rendering entirely; a miss renders, stores
 * and serves. Either way the reply carries validators, Surrogate-Key and the best encoding.
 * Over real HTTP most hits never get here: the front door (front-door.ts) answers them first.
 */
export async function serveCached(
  request: FastifyRequest,
  reply: FastifyReply,
  cache: PageCache,
  policy: CachePolicy,
  render: () => Promise<RouteResult>,
): Promise<FastifyReply> {
  const key = request.url;
  let page = cache.get(key);
  cache.count(page === undefined ? 'miss' : 'hit');
  const result: CacheResult = page === undefined ? 'MISS' : 'HIT';
  if (page === undefined) {
    const ticket = cache.ticket();
    const rendered = await render();
    if ('redirect' in rendered) return reply.redirect(rendered.redirect, 301);
    page = preparePage(rendered);
    if (CACHEABLE.has(page.status)) cache.set(key, page, ticket);
  }
  const answer = answerFor(page, request.headers, policy, result);
  return reply
    .code(answer.status)
    .headers(answer.headers)
    .send(answer.body ?? undefined);
}

export type CacheResult = 'HIT' | 'MISS';

/** A cached page's reply to one request: status, headers and the body in its best encoding (none for a 304). */
export interface PageAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer | null;
}

/**
 * The answer for a page, a cache result and what the request asks for. Answers are made once per
 * page and variant and reused (nothing mutates them): a hit then costs no allocation, which is
 * most of what the front door does on a busy page. A page cache has one policy, so the policy
 * is not part of the variant.
 */
export function answerFor(page: PreparedPage, request: IncomingHttpHeaders, policy: CachePolicy, result: CacheResult): PageAnswer {
  const notModified = page.status === 200 && isNotModified(request, page);
  const encoding = chooseEncoding(request['accept-encoding']);
  const variant = `${result} ${notModified ? 304 : encoding}`;
  let answer = page.answers.get(variant);
  if (answer === undefined) {
    answer = makeAnswer(page, policy, result, notModified ? null : encoding);
    page.answers.set(variant, answer);
  }
  return answer;
}

/** `encoding` null: the 304, without a body. */
function makeAnswer(page: PreparedPage, policy: CachePolicy, result: CacheResult, encoding: Encoding | null): PageAnswer {
  const headers: Record<string, string> = {
    'content-type': page.contentType,
    ...cacheHeaders(policy),
    etag: page.etag,
    'last-modified': page.headerValues.lastModified,
    vary: 'Accept-Encoding',
    // Operators can tell a cached answer from a rendered one.
    'x-cache': result,
  };
  if (page.keys.length > 0) headers['surrogate-key'] = page.headerValues.surrogateKey;
  if (encoding === null) return { status: 304, headers, body: null };
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  const body = bodyIn(page, encoding);
  // Set here because Node's writeHead() fixes the headers before the body is known: without it a hit goes out chunked.
  headers['content-length'] = String(body.length);
  return { status: page.status, headers, body };
}

const cacheHeaderSets = new WeakMap<CachePolicy, Record<string, string>>();

/**
 * Browsers must ask again every time (`no-cache`: a 304 from the page cache is cheap), because
 * a browser's copy of a killed story cannot be purged, and browsers honour
 * stale-while-revalidate too. CDNs keep pages for `maxAgeSeconds` and may serve them stale while
 * revalidating: Fastly reads Surrogate-Control, Cloudflare CDN-Cache-Control, and both are
 * purged by Surrogate-Key on every publish, update and kill. The same figures stand in
 * Cache-Control (s-maxage, stale-while-revalidate) for shared caches that read only that.
 */
function cacheHeaders(policy: CachePolicy): Record<string, string> {
  let headers = cacheHeaderSets.get(policy);
  if (headers === undefined) {
    const cdn = `max-age=${policy.maxAgeSeconds}, stale-while-revalidate=${policy.staleWhileRevalidateSeconds}`;
    headers = {
      'cache-control': `public, no-cache, s-maxage=${policy.maxAgeSeconds}, stale-while-revalidate=${policy.staleWhileRevalidateSeconds}`,
      'surrogate-control': cdn,
      'cdn-cache-control': cdn,
    };
    cacheHeaderSets.set(policy, headers);
  }
  return headers;
}

function isNotModified(request: IncomingHttpHeaders, page: PreparedPage): boolean {
  const ifNoneMatch = request['if-none-match'];
  if (ifNoneMatch !== undefined) {
    const opaque = (tag: string): string => tag.trim().replace(/^W\//, '');
    return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(page.etag));
  }
  const since = Date.parse(request['if-modified-since'] ?? '');
  return !Number.isNaN(since) && Math.floor(page.lastModified.getTime() / 1000) * 1000 <= since;
}

/** Accept-Encoding values seen, and what each chose: browsers send a handful of distinct ones. */
const chosenEncodings = new Map<string, Encoding>();
const MAX_REMEMBERED_ENCODINGS = 100;

/** brotli, then gzip, then none, as the client accepts (an explicit q=0 refuses). */
export function chooseEncoding(header: string | undefined): Encoding {
  if (header === undefined) return 'identity';
  let chosen = chosenEncodings.get(header);
  if (chosen === undefined) {
    chosen = parseAcceptEncoding(header);
    if (chosenEncodings.size < MAX_REMEMBERED_ENCODINGS) chosenEncodings.set(header, chosen);
  }
  return chosen;
}

function parseAcceptEncoding(header: string): Encoding {
  const accepted = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => /^\s*q=([\d.]+)/.exec(param)?.[1]).find((value) => value !== undefined);
    accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const allows = (name: string): boolean => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (allows('br')) return 'br';
  if (allows('gzip')) return 'gzip';
  return 'identity';
}
