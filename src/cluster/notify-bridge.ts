import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import { isRemoteEvent, markRemote, type PublishBus, type PublishEvent } from '../publish/index.ts';

/**
 * Carries publish events between the nodes sharing one PostgreSQL database. Every event this
 * node's publisher emits is sent with NOTIFY; every event another node sent arrives by LISTEN and
 * is emitted on this node's bus, so each node's page cache (and anything else listening) hears of
 * every publish, update and kill wherever it happened, within milliseconds.
 *
 * Events that arrived from another node are marked (see `isRemoteEvent`): they are never sent
 * back out, and a subscriber that writes to the shared store can leave them to the node where
 * the change was made.
 */
export const PUBLISH_CHANNEL = 'wiredesk_publish';

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
const MAX_PAYLOAD_BYTES = 7900;
const RECONNECT_MS = 1000;

interface Envelope {
  node: string;
  event: PublishEvent;
}

export class NotifyBridge {
  readonly nodeId = randomUUID();
  #listener: pg.Client | null = null;
  #reconnect: NodeJS.Timeout | null = null;
  #closed = false;
  readonly #sender: pg.Pool;
  readonly #unsubscribe: () => void;

  private constructor(
    private readonly url: string,
    private readonly bus: PublishBus,
    private readonly log: Logger,
  ) {
    // One connection is enough to send: NOTIFY is a single short statement.
    this.#sender = new pg.Pool({ connectionString: url, max: 1 });
    this.#sender.on('error', (error) => log.warn({ err: error }, 'publish notify connection lost'));
    this.#unsubscribe = bus.on((event) => (isRemoteEvent(event) ? undefined : this.#send(event)));
  }

  /** Starts sending this node's events and listening for the others'. */
  static async open(url: string, bus: PublishBus, log: Logger): Promise<NotifyBridge> {
    const bridge = new NotifyBridge(url, bus, log);
    await bridge.#listen();
    return bridge;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#unsubscribe();
    if (this.#reconnect !== null) clearTimeout(this.#reconnect);
    await this.#listener?.end().catch(() => undefined);
    await this.#sender.end();
  }

  async #send(event: PublishEvent): Promise<void> {
    await this.#sender.query('SELECT pg_notify($1, $2)', [PUBLISH_CHANNEL, payloadOf({ node: this.nodeId, event }, this.log)]);
  }

  async #listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (message) => {
      if (message.channel === PUBLISH_CHANNEL && message.payload !== undefined) this.#receive(message.payload);
    });
    // A lost connection is re-opened: a node that stops hearing events would serve stale pages.
    client.on('error', (error) => {
      this.log.error({ err: error }, 'publish listener connection lost; reconnecting');
      this.#scheduleReconnect();
    });
    client.on('end', () => this.#scheduleReconnect());
    await client.connect();
    await client.query(`LISTEN ${PUBLISH_CHANNEL}`);
    this.#listener = client;
  }

  #scheduleReconnect(): void {
    if (this.#closed || this.#reconnect !== null) return;
    this.#listener = null;
    this.#reconnect = setTimeout(() => {
      this.#reconnect = null;
      this.#listen().catch((error: unknown) => {
        this.log.error({ err: error }, 'publish listener could not reconnect; retrying');
        this.#scheduleReconnect();
      });
    }, RECONNECT_MS);
    this.#reconnect.unref();
  }

  #receive(payload: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(payload) as Envelope;
    } catch (error) {
      this.log.error({ err: error, payload: payload.slice(0, 200) }, 'unreadable publish notification ignored');
      return;
    }
    if (envelope.node === this.nodeId) return;
    markRemote(envelope.event);
    this.bus.emit(envelope.event);
  }
}

/**
 * The event as NOTIFY text. A story with hundreds of tags could pass PostgreSQL's payload
 * limit; then the tag list is dropped (tag pages refresh when their cache time runs out)
 * rather than the whole event, which would leave the story's own page stale on other nodes.
 */
function payloadOf(envelope: Envelope, log: Logger): string {
  const full = JSON.stringify(envelope);
  if (Buffer.byteLength(full) <= MAX_PAYLOAD_BYTES) return full;
  log.warn({ storyId: envelope.event.storyId, tags: envelope.event.tags.length }, 'publish notification too long: tags left out');
  return JSON.stringify({ ...envelope, event: { ...envelope.event, tags: [] } });
}
