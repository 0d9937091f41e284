import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../runtime.ts';
import { surrogateKey } from '../site/index.ts';
import { CONTENT_TYPES, parseRenditionFile, renditionWidths, SHA256_HEX } from './renditions.ts';
import { findAsset, publishedStoriesShowing } from './repository.ts';

/**
 * `/media/<sha256>/<width>.<avif|webp|jpg>`: a URL's bytes never change, so browsers and CDNs
 * may keep them for a year without asking again. A picture is served only while a published
 * story shows it; its responses carry those stories' surrogate keys, so a kill purges them
 * from a CDN with the pages.
 */

const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Part of every ETag: raise it when encoder settings change what a rendition's bytes are. */
const RENDITION_VERSION = 'r1';

export async function mediaPlugin(app: FastifyInstance, options: { runtime: Runtime }): Promise<void> {
  const { store, media, log } = options.runtime;
  app.get<{ Params: { sha256: string; file: string } }>('/media/:sha256/:file', async (request, reply) => {
    const { sha256, file } = request.params;
    const rendition = parseRenditionFile(file);
    if (!SHA256_HEX.test(sha256) || rendition === null) return reply.code(404).type('text/plain').send('No such picture');
    const asset = await findAsset(store.db, sha256);
    if (asset === null || !renditionWidths(asset.width).includes(rendition.width)) {
      return reply.code(404).type('text/plain').send('No such picture');
    }
    const stories = await publishedStoriesShowing(store.db, sha256);
    if (stories.length === 0) return reply.code(404).type('text/plain').send('No such picture');

    const etag = `"${sha256.slice(0, 32)}-${rendition.width}-${rendition.format}-${RENDITION_VERSION}"`;
    reply.headers({
      'cache-control': IMMUTABLE,
      etag,
      'surrogate-key': [`media-${sha256}`, ...stories.map(surrogateKey.story)].join(' '),
      'x-content-type-options': 'nosniff',
    });
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();

    let filePath: string;
    try {
      filePath = await media.files.rendition(sha256, rendition.width, rendition.format);
    } catch (error) {
      // The original is missing on this node or no longer decodes: say so, and never cache the answer.
      log.error({ err: error, sha256, file }, 'picture rendition failed');
      return reply.code(404).removeHeader('etag').header('cache-control', 'no-store').type('text/plain').send('No such picture');
    }
    const { size } = await stat(filePath);
    return reply.type(CONTENT_TYPES[rendition.format]).header('content-length', size).send(createReadStream(filePath));
  });
}
