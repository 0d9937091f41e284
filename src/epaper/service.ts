import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Runtime } from '../runtime.ts';
import type { EpaperEdition, Store } from '../store/index.ts';
import { buildEdition } from './build-edition.ts';
import { isEditionDate } from './day.ts';
import { composeDigitalEdition } from './digital/compose.ts';
import { selectEditionStories } from './digital/edition-stories.ts';
import { DigitalEditionScheduler } from './digital/scheduler.ts';
import { EditionStore } from './edition-store.ts';
import { EpaperInputError } from './errors.ts';

/**
 * The e-paper's operations: add a print edition, compile or withdraw a digital one. Work on
 * one edition and date runs one at a time, so two adds (or an add and a recompile) never
 * interleave; the switch itself is one transaction (see EditionStore.install).
 */

export interface AddPrintInput {
  edition: string;
  date: string;
  pdf: Uint8Array;
  /** The file's name as the user knows it, for error messages. */
  name: string;
  onPage?: (done: number, total: number) => void;
}

export type DigitalResult = { status: 'compiled'; edition: EpaperEdition } | { status: 'print-exists' } | { status: 'no-stories' };

export class EpaperService {
  readonly editions: EditionStore;
  /** Recompiles digital editions as stories are published, updated and killed. */
  readonly digital: DigitalEditionScheduler;
  readonly #queues = new Map<string, Promise<unknown>>();

  constructor(
    readonly config: Config,
    private readonly store: Store,
    readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.editions = new EditionStore(store.db, path.join(config.dataDir, 'epaper'));
    this.digital = new DigitalEditionScheduler(this, store.db, config.epaper.digitalDelayMs);
  }

  editionName(slug: string): string | undefined {
    return this.config.epaper.editions.find((edition) => edition.slug === slug)?.name;
  }

  /** Adds (or atomically replaces) the print edition of an edition and date. */
  async addPrint(input: AddPrintInput): Promise<EpaperEdition> {
    this.#checkTarget(input.edition, input.date);
    return this.#serial(input.edition, input.date, async () => {
      const prepared = await buildEdition(this.editions, { ...input, kind: 'print' }, this.config.epaper);
      const result = await this.editions.install(prepared, this.now());
      if (!result.installed) throw new Error(`${input.name}: ${result.reason}`);
      return result.edition;
    });
  }

  /**
   * Compiles the digital edition of an edition and date from its published stories, unless
   * a print edition exists. With no stories to print, any earlier digital edition is removed.
   */
  async compileDigital(edition: string, date: string): Promise<DigitalResult> {
    this.#checkTarget(edition, date);
    return this.#serial(edition, date, async (): Promise<DigitalResult> => {
      const existing = await this.editions.find(edition, date);
      if (existing?.kind === 'print') return { status: 'print-exists' };
      const { config } = this;
      const stories = await selectEditionStories(this.store.db, {
        city: edition,
        date,
        zone: config.timeZone,
        sections: config.sections,
        perSection: config.epaper.digitalStoriesPerSection,
      });
      const composed = await composeDigitalEdition(stories, {
        siteName: config.siteName,
        siteUrl: config.siteUrl,
        editionName: this.editionName(edition) ?? edition,
        date,
        sectionNames: new Map(config.sections.map((section) => [section.slug, section.name])),
        maxPages: config.epaper.maxPages,
      });
      if (composed.storyIds.length === 0) {
        if (existing !== undefined) await this.editions.remove(existing);
        return { status: 'no-stories' };
      }
      const prepared = await buildEdition(
        this.editions,
        {
          edition,
          date,
          kind: 'digital',
          pdf: composed.pdf,
          name: `digital edition ${edition} ${date}`,
          storyIds: composed.storyIds,
          pageTexts: composed.pageTexts,
        },
        config.epaper,
      );
      const result = await this.editions.install(prepared, this.now());
      if (!result.installed) {
        await this.editions.removeFolder(prepared.version);
        return { status: 'print-exists' };
      }
      return { status: 'compiled', edition: result.edition };
    });
  }

  /**
   * Takes a digital edition down at once if it prints a story that is no longer published,
   * then compiles it again. Queued behind any compile already running for the same edition
   * and date, so a compile that read the story just before its kill is caught too.
   */
  async refreshDigital(edition: string, date: string): Promise<DigitalResult> {
    this.#checkTarget(edition, date);
    await this.#serial(edition, date, async () => {
      const existing = await this.editions.find(edition, date);
      if (existing?.kind === 'digital' && (await this.editions.printsUnpublished(existing.id))) await this.editions.remove(existing);
    });
    return this.compileDigital(edition, date);
  }

  /** Resolves when all queued work has finished (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.#queues.size > 0) await Promise.allSettled([...this.#queues.values()]);
  }

  #checkTarget(edition: string, date: string): void {
    if (this.editionName(edition) === undefined) {
      const known = this.config.epaper.editions.map((entry) => entry.slug).join(', ');
      throw new EpaperInputError(`unknown edition "${edition}" (configured: ${known})`);
    }
    if (!isEditionDate(date)) throw new EpaperInputError(`"${date}" is not a date (expected YYYY-MM-DD)`);
  }

  #serial<T>(edition: string, date: string, work: () => Promise<T>): Promise<T> {
    const key = `${edition}/${date}`;
    const previous = this.#queues.get(key) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(work);
    // The queue keeps going after a failure; the failure itself reaches the caller through `run`.
    const tail = run
      .catch(() => undefined)
      .finally(() => {
        if (this.#queues.get(key) === tail) this.#queues.delete(key);
      });
    this.#queues.set(key, tail);
    return run;
  }
}

const services = new WeakMap<Runtime, EpaperService>();

/** The one EpaperService of a runtime, shared by the site, the console and the CLI. */
export function epaperService(runtime: Runtime): EpaperService {
  let service = services.get(runtime);
  if (service === undefined) {
    service = new EpaperService(runtime.config, runtime.store, runtime.log.child({ area: 'epaper' }));
    services.set(runtime, service);
  }
  return service;
}
