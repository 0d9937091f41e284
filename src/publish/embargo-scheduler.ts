import type { Logger } from 'pino';
import type { Publisher } from './publisher.ts';

/**
 * Publishes embargoed stories at their time, never earlier. The embargo lives in the store,
 * so a restart loses nothing: on start the scheduler releases whatever fell due while it was
 * down, then sleeps until the next embargo (waking at least every `maxSleepMs` in case another
 * process stored a new one).
 */
export class EmbargoScheduler {
  #timer: NodeJS.Timeout | null = null;
  #stopped = false;

  constructor(
    private readonly publisher: Publisher,
    private readonly log: Logger,
    private readonly maxSleepMs = 30_000,
  ) {}

  start(): void {
    this.#stopped = false;
    void this.#tick();
  }

  /** Call after storing an embargoed story so its time is not slept through. */
  wake(): void {
    if (this.#stopped) return;
    if (this.#timer !== null) clearTimeout(this.#timer);
    void this.#tick();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  async #tick(): Promise<void> {
    let sleep = this.maxSleepMs;
    try {
      const released = await this.publisher.releaseDueEmbargoes();
      if (released > 0) this.log.info({ released }, 'embargoed stories published');
      const next = await this.publisher.nextEmbargo();
      if (next !== null) sleep = Math.min(sleep, Math.max(0, next.getTime() - Date.now()) + 5);
    } catch (error) {
      this.log.error({ err: error }, 'embargo release failed; retrying');
    }
    if (this.#stopped) return;
    this.#timer = setTimeout(() => void this.#tick(), sleep);
    this.#timer.unref();
  }
}
