import type { Kysely } from 'kysely';
import { isRemoteEvent, type PublishBus, type PublishEvent } from '../../publish/index.ts';
import type { Database } from '../../store/index.ts';
import { dayInZone } from '../day.ts';
import type { EpaperService } from '../service.ts';

/**
 * Keeps digital editions in step with the stories: a published, updated or restored story
 * recompiles its day's editions after a short gathering delay (an agency often sends a burst);
 * a kill or unpublish takes down the editions printing the story at once and compiles them
 * again, because a killed story must leave the e-paper as it leaves the site.
 */
export class DigitalEditionScheduler {
  readonly #pending = new Set<string>();
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> = Promise.resolve();
  /** Set by stop(): an event still being handled then must not start a timer that keeps the process alive. */
  #stopped = false;

  constructor(
    private readonly service: EpaperService,
    private readonly db: Kysely<Database>,
    private readonly delayMs: number,
  ) {}

  /**
   * Subscribes to the publish bus; returns the unsubscribe function. Only this node's own changes
   * count: the node that made a change compiles the editions into the shared store and data
   * folder, rather than every node compiling them all again.
   */
  follow(bus: PublishBus): () => void {
    return bus.on((event) => (isRemoteEvent(event) ? undefined : this.handle(event)));
  }

  async handle(event: PublishEvent): Promise<void> {
    if (event.type === 'killed' || event.type === 'unpublished') {
      // Only editions that print the story need to change. One whose compile read the story just
      // before the kill and installs after it is caught by the viewer's check (printsUnpublished).
      const printing = await this.service.editions.digitalWithStories([event.storyId]);
      await Promise.all(printing.map((edition) => this.#run(() => this.service.refreshDigital(edition.edition, edition.date))));
      return;
    }
    this.#schedule(await this.#editionsOf(event.storyId));
  }

  /**
   * At start: the latest day with published stories gets its digital editions if it has
   * none yet (stories published while no server was following the bus, e.g. the demo seed).
   */
  async catchUp(): Promise<void> {
    const latest = await this.db
      .selectFrom('stories')
      .select((eb) => eb.fn.max('first_published_at').as('at'))
      .where('status', '=', 'published')
      .executeTakeFirst();
    if (!latest?.at) return;
    const date = dayInZone(new Date(latest.at), this.service.config.timeZone);
    const missing: { edition: string; date: string }[] = [];
    for (const { slug } of this.service.config.epaper.editions) {
      if ((await this.service.editions.find(slug, date)) === undefined) missing.push({ edition: slug, date });
    }
    this.#schedule(missing);
  }

  #schedule(keys: { edition: string; date: string }[]): void {
    if (keys.length === 0 || this.#stopped) return;
    for (const key of keys) this.#pending.add(`${key.edition}/${key.date}`);
    this.#timer ??= setTimeout(() => {
      this.#timer = null;
      this.#running = this.#running.then(() => this.#flush());
    }, this.delayMs);
  }

  /** Stops the timer and waits for work under way; pending recompiles are dropped (the next event or start catches up). */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending.clear();
    await this.#running;
    await this.service.settled();
  }

  /** Resolves when nothing is waiting or running (tests). */
  async settled(): Promise<void> {
    while (this.#timer !== null || this.#pending.size > 0) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      await this.#running;
    }
    await this.#running;
    await this.service.settled();
  }

  async #flush(): Promise<void> {
    const keys = [...this.#pending];
    this.#pending.clear();
    for (const key of keys) {
      const [edition, date] = key.split('/') as [string, string];
      await this.#run(() => this.service.compileDigital(edition, date));
    }
  }

  async #run(work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.service.log.error({ err: error }, 'digital edition compile failed');
    }
  }

  /** Every edition on the story's publication day, and any digital edition that already prints it. */
  async #editionsOf(storyId: number): Promise<{ edition: string; date: string }[]> {
    const story = await this.db.selectFrom('stories').select('first_published_at').where('id', '=', storyId).executeTakeFirst();
    const keys = new Map<string, { edition: string; date: string }>();
    if (story?.first_published_at) {
      const date = dayInZone(new Date(story.first_published_at), this.service.config.timeZone);
      for (const { slug } of this.service.config.epaper.editions) keys.set(`${slug}/${date}`, { edition: slug, date });
    }
    for (const edition of await this.service.editions.digitalWithStories([storyId])) {
      keys.set(`${edition.edition}/${edition.date}`, { edition: edition.edition, date: edition.date });
    }
    return [...keys.values()];
  }
}
