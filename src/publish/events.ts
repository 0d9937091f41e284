import { EventEmitter } from 'node:events';

/**
 * What the publish layer announces after a change is committed. Page caches, the related
 * index, search, sitemaps and the app subscribe; in a cluster the same events travel between
 * nodes. `sections`, `cities` and `tags` name every list the story was or is on, so a
 * subscriber can invalidate exactly those.
 */
export type PublishEventType = 'published' | 'updated' | 'killed' | 'restored' | 'unpublished';

export interface PublishEvent {
  type: PublishEventType;
  storyId: number;
  sections: string[];
  cities: string[];
  tags: string[];
  at: string;
}

const remoteEvents = new WeakSet<PublishEvent>();

/**
 * Events another node made and this node only heard about (see cluster/notify-bridge.ts).
 * Subscribers that write to the shared store leave them to the node where the change was made;
 * subscribers that keep something of this node's own (its page cache, its files) act on them.
 */
export function markRemote(event: PublishEvent): void {
  remoteEvents.add(event);
}

export function isRemoteEvent(event: PublishEvent): boolean {
  return remoteEvents.has(event);
}

type Listener = (event: PublishEvent) => void | Promise<void>;

export class PublishBus {
  readonly #emitter = new EventEmitter();
  readonly #pending = new Set<Promise<void>>();

  constructor() {
    // Many subscribers (cache, related, search, push) are normal here.
    this.#emitter.setMaxListeners(50);
  }

  on(listener: Listener): () => void {
    const wrapped = (event: PublishEvent): void => {
      const run = Promise.resolve()
        .then(() => listener(event))
        .catch((error: unknown) => {
          this.#emitter.emit('listener-error', error, event);
        });
      this.#pending.add(run);
      void run.finally(() => this.#pending.delete(run));
    };
    this.#emitter.on('event', wrapped);
    return () => this.#emitter.off('event', wrapped);
  }

  onError(listener: (error: unknown, event: PublishEvent) => void): void {
    this.#emitter.on('listener-error', listener);
  }

  emit(event: PublishEvent): void {
    this.#emitter.emit('event', event);
  }

  /** Resolves when every listener has finished with the events emitted so far (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }
}
