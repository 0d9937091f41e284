import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerFor, type CachePolicy } from './http.ts';
import type { PageCache } from './page-cache.ts';

/**
 * The page cache's front door: a GET for a page the cache holds is answered straight from Node's
 * HTTP server, before Fastify routes it. A hit is nothing but a map lookup and a write, and on a
 * breaking-news spike almost every request is one; Fastify's per-request work (routing, request
 * and reply objects, child logger, hooks) tripled its cost (bench/site). Everything else, misses
 * included, goes on to Fastify. Hits answered here are counted in the page cache's lookups, not in
 * the per-route latency histogram.
 */
export function createFrontDoor(cache: PageCache, policy: CachePolicy): (request: IncomingMessage, response: ServerResponse) => boolean {
  return (request, response) => {
    if (request.method !== 'GET' || request.url === undefined || !cache.enabled) return false;
    const page = cache.get(request.url);
    if (page === undefined) return false;
    cache.count('hit');
    const answer = answerFor(page, request.headers, policy, 'HIT');
    response.writeHead(answer.status, answer.headers);
    response.end(answer.body ?? undefined);
    return true;
  };
}
