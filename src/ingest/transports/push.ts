import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database, Feed } from '../../store/index.ts';
import type { IngestPipeline, IngestReport } from '../pipeline.ts';
import { parseCredentials } from './credentials.ts';

/**
 * Signed push: an agency POSTs a document in any supported format to /api/v1/ingest/<feed>.
 * It signs `<timestamp>.<body bytes>` with HMAC-SHA256 and the feed's secret and sends
 *   X-Wiredesk-Timestamp: <unix seconds>
 *   X-Wiredesk-Signature: sha256=<hex>
 * A request whose timestamp is outside the replay window, or whose signature was already
 * accepted within it, is refused. The push is answered only once the items are stored.
 */

export const TIMESTAMP_HEADER = 'x-wiredesk-timestamp';
export const SIGNATURE_HEADER = 'x-wiredesk-signature';

export function signPush(secret: string, timestamp: string, body: Uint8Array): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

export type PushRefusal = 'unknown-feed' | 'not-configured' | 'paused' | 'unsigned' | 'stale' | 'bad-signature' | 'replay';

export class PushRefused extends Error {
  override name = 'PushRefused';
  constructor(
    readonly kind: PushRefusal,
    message: string,
  ) {
    super(message);
  }
}

export interface PushRequest {
  feedId: string;
  timestamp: string | undefined;
  signature: string | undefined;
  charset: string | null;
  body: Uint8Array;
}

export interface PushOptions {
  replayWindowSeconds: number;
  now?: () => Date;
}

export class PushReceiver {
  readonly #now: () => Date;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly pipeline: IngestPipeline,
    private readonly log: Logger,
    private readonly options: PushOptions,
  ) {
    this.#now = options.now ?? (() => new Date());
  }

  /** Verifies and stores one push; throws PushRefused for anything that is not a genuine, fresh push. */
  async receive(request: PushRequest): Promise<IngestReport> {
    const feed = await this.db.selectFrom('feeds').selectAll().where('id', '=', request.feedId).executeTakeFirst();
    if (feed === undefined || feed.transport !== 'push') throw new PushRefused('unknown-feed', `no push feed "${request.feedId}"`);
    const signature = this.#verify(feed, request);
    if (feed.paused === 1) throw new PushRefused('paused', `feed ${feed.id} is paused`);
    await this.#consumeNonce(feed, signature);
    const report = await this.pipeline.ingest(feed, request.body, {
      charset: request.charset,
      baseUrl: null,
      ref: `push ${signature.slice(0, 16)}`,
    });
    this.log.info({ feed: feed.id, created: report.created, updated: report.updated, rejected: report.rejected }, 'push received');
    return report;
  }

  /** Returns the hex signature when the request is signed with the feed's secret inside the window. */
  #verify(feed: Feed, request: PushRequest): string {
    const { secret } = parseCredentials(feed.id, feed.credentials);
    if (secret === undefined) throw new PushRefused('not-configured', `feed ${feed.id} has no push secret in its credentials`);
    if (request.timestamp === undefined || request.signature === undefined) {
      throw new PushRefused('unsigned', `a push needs the ${TIMESTAMP_HEADER} and ${SIGNATURE_HEADER} headers`);
    }
    if (!/^\d{1,12}$/.test(request.timestamp)) throw new PushRefused('unsigned', `${TIMESTAMP_HEADER} must be Unix seconds`);
    const skew = Math.abs(this.#now().getTime() / 1000 - Number(request.timestamp));
    if (skew > this.options.replayWindowSeconds) {
      throw new PushRefused(
        'stale',
        `timestamp is ${Math.round(skew)} s from our clock; the window is ${this.options.replayWindowSeconds} s`,
      );
    }
    const expected = Buffer.from(signPush(secret, request.timestamp, request.body));
    const given = Buffer.from(request.signature.trim().toLowerCase());
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new PushRefused('bad-signature', 'signature does not match the body and timestamp');
    }
    return expected.toString('utf8').slice('sha256='.length);
  }

  /** A signature is accepted once; remembering it for twice the window covers clock skew both ways. */
  async #consumeNonce(feed: Feed, signature: string): Promise<void> {
    const now = this.#now();
    const forgetBefore = new Date(now.getTime() - this.options.replayWindowSeconds * 2000).toISOString();
    await this.db.deleteFrom('push_nonces').where('received_at', '<', forgetBefore).execute();
    const inserted = await this.db
      .insertInto('push_nonces')
      .values({ feed_id: feed.id, signature, received_at: now.toISOString() })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) throw new PushRefused('replay', 'this signed request was already received');
  }
}
