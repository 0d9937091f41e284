import type { FastifyInstance } from 'fastify';
import { PushReceiver, type PushRefusal, PushRefused, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../ingest/index.ts';
import type { Runtime } from '../runtime.ts';

/**
 * POST /api/v1/ingest/:feed — the signed push endpoint (see ingest/transports/push.ts for the
 * signature). The body is taken as raw bytes in any content type, so the signature is checked
 * over exactly what was sent; the answer comes only after the items are stored.
 *   200 stored (the ingest report), 401 unsigned/bad signature/stale, 404 no such push feed,
 *   409 replay or paused feed, 413 body over limits.maxBodyBytes, 422 payload could not be read.
 */
const STATUS: Record<PushRefusal, number> = {
  'unknown-feed': 404,
  'not-configured': 404,
  unsigned: 401,
  stale: 401,
  'bad-signature': 401,
  replay: 409,
  paused: 409,
};

export async function ingestApiPlugin(app: FastifyInstance, options: { runtime: Runtime }): Promise<void> {
  const { runtime } = options;
  const receiver = new PushReceiver(runtime.store.db, runtime.pipeline, runtime.log, {
    replayWindowSeconds: runtime.config.limits.pushReplayWindowSeconds,
  });
  // This plugin's own scope: every content type arrives as the exact bytes that were signed.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: runtime.config.limits.maxBodyBytes }, (_request, body, done) => {
    done(null, body);
  });

  app.post<{ Params: { feed: string } }>('/api/v1/ingest/:feed', async (request, reply) => {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    try {
      const report = await receiver.receive({
        feedId: request.params.feed,
        timestamp: headerOf(request.headers[TIMESTAMP_HEADER]),
        signature: headerOf(request.headers[SIGNATURE_HEADER]),
        charset: /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1] ?? null,
        body,
      });
      // An embargo that falls due within the scheduler's sleep must not be slept through.
      runtime.embargo.wake();
      if (report.error !== null) return reply.code(422).send({ error: report.error, report });
      return reply.code(200).send(report);
    } catch (error) {
      if (error instanceof PushRefused) return reply.code(STATUS[error.kind]).send({ error: error.message });
      throw error;
    }
  });
}

function headerOf(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
