import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * JSON with an ETag and Cache-Control. A client that sends the ETag back in If-None-Match gets
 * 304 and no body when nothing changed. Responses are `private`: they answer one API key, and a
 * shared cache must not hand them to a client whose key was never checked or counted.
 */
export function sendJson(request: FastifyRequest, reply: FastifyReply, body: unknown, maxAgeSeconds: number): FastifyReply {
  const json = JSON.stringify(body);
  const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
  reply.header('etag', etag).header('cache-control', `private, max-age=${maxAgeSeconds}`).header('vary', 'authorization, x-api-key');
  if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(json);
}

/** If-None-Match may list several tags, weak (W/"…") or strong, or be "*". */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}
