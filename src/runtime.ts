import path from 'node:path';
import pino, { type Logger } from 'pino';
import { type AppServices, openAppServices } from './app/index.ts';
import { type ClusterLink, openClusterLink } from './cluster/index.ts';
import { type Config, DEFAULT_DISCLAIMER, databaseUrlOf } from './config.ts';
import { DEFAULT_MIN_SIMILARITY } from './domain/index.ts';
import { HttpPoller, IngestPipeline, RoutingRules, WatchFolder } from './ingest/index.ts';
import { type MediaService, openMediaService } from './media/index.ts';
import { EmbargoScheduler, PublishBus, Publisher } from './publish/index.ts';
import { type RelatedProvider, startRelatedEngine } from './related/index.ts';
import { openIndexedSearch } from './site/index.ts';
import { migrate, openStore, type SearchEngine, type Store } from './store/index.ts';

/**
 * Everything a Wiredesk process holds, wired once: the store, the publish bus, the publisher,
 * the ingest pipeline and its transports. The CLI commands and the tests all start here.
 */
export interface Runtime {
  config: Config;
  store: Store;
  bus: PublishBus;
  publisher: Publisher;
  pipeline: IngestPipeline;
  /** The console's routing rules, applied by the pipeline on top of the default route. */
  rules: RoutingRules;
  watchFolder: WatchFolder;
  poller: HttpPoller;
  embargo: EmbargoScheduler;
  related: RelatedProvider;
  search: SearchEngine;
  app: AppServices;
  /** Agency pictures: fetched after publication, stored once, served in responsive sizes. */
  media: MediaService;
  /** NOTIFY bridge between nodes (PostgreSQL) and the CDN purge hook. */
  cluster: ClusterLink;
  log: Logger;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  log?: Logger;
  /** Watch-folder settle time; tests drop complete files and need no wait. */
  settleMs?: number;
}

export async function openRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const log = options.log ?? pino({ level: config.logLevel });
  const store = openStore(databaseUrlOf(config));
  await migrate(store);
  const bus = new PublishBus();
  bus.onError((error, event) => log.error({ err: error, event }, 'publish event listener failed'));
  const publisher = new Publisher(store.db, bus, { duplicateWindowHours: 48, duplicateMinSimilarity: DEFAULT_MIN_SIMILARITY });
  const rules = new RoutingRules(store.db);
  const pipeline = new IngestPipeline(
    store.db,
    publisher,
    { sections: config.sections, maxItemBytes: config.limits.maxItemBytes, maxItemsPerFetch: config.limits.maxItemsPerFetch },
    log,
    (route, normalized, feed) => rules.adjust(route, normalized, feed),
  );
  const watchFolder = new WatchFolder(store.db, pipeline, log, {
    settleMs: options.settleMs ?? 1000,
    scanIntervalMs: 2000,
    dropRoot: path.join(config.dataDir, 'drop'),
    maxBodyBytes: config.limits.maxBodyBytes,
  });
  const embargo = new EmbargoScheduler(publisher, log);
  const poller = new HttpPoller(store.db, pipeline, log, { limits: config.limits, tickMs: 1000, concurrency: 4 });
  await syncConfiguredSources(store, config);
  const cluster = await openClusterLink(databaseUrlOf(config), bus, config, log);
  return {
    config,
    store,
    bus,
    publisher,
    pipeline,
    rules,
    watchFolder,
    poller,
    embargo,
    related: startRelatedEngine(store.db, bus, { count: config.relatedCount, log }),
    search: openIndexedSearch(bus, store),
    app: openAppServices(store.db, bus, config, log),
    media: openMediaService(store.db, bus, config, log, watchFolder),
    cluster,
    log,
    async close() {
      embargo.stop();
      await poller.stop();
      await watchFolder.stop();
      await bus.settled();
      await cluster.close();
      await store.close();
    },
  };
}

/** Agencies and feeds declared in the configuration are created or brought up to date at start. */
export async function syncConfiguredSources(store: Store, config: Pick<Config, 'agencies' | 'feeds' | 'timeZone'>): Promise<void> {
  const now = new Date().toISOString();
  for (const agency of config.agencies) {
    const values = {
      name: agency.name,
      byline: agency.byline,
      disclaimer: agency.disclaimer ?? DEFAULT_DISCLAIMER,
      priority: agency.priority,
      indexing_policy: agency.indexingPolicy,
    };
    await store.db
      .insertInto('agencies')
      .values({ id: agency.id, ...values, created_at: now })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
  }
  for (const feed of config.feeds) {
    const values = {
      agency_id: feed.agency,
      transport: feed.transport,
      location: feed.location,
      format: feed.format,
      interval_seconds: feed.intervalSeconds,
      mode: feed.mode,
      default_section: feed.defaultSection,
      language: feed.language ?? null,
      zone: feed.zone ?? config.timeZone,
      credentials: feed.credentials === undefined ? null : JSON.stringify(feed.credentials),
      allow_private: feed.allowPrivate ? 1 : 0,
      updated_at: now,
    };
    await store.db
      .insertInto('feeds')
      .values({ id: feed.id, ...values, created_at: now })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
  }
}
