import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { PublishBus } from '../publish/index.ts';
import type { Database, Feed } from '../store/index.ts';
import { MediaCollector } from './collector.ts';
import { TaskLimiter } from './limiter.ts';
import { MediaFiles } from './media-files.ts';

/** The photos area of one process: the files under `<dataDir>/media/` and the collector on the bus. */
export interface MediaService {
  files: MediaFiles;
  collector: MediaCollector;
}

export function openMediaService(
  db: Kysely<Database>,
  bus: PublishBus,
  config: Pick<Config, 'dataDir' | 'media' | 'limits'>,
  log: Logger,
  watchFolder: { folderOf(feed: Feed): string },
): MediaService {
  const files = new MediaFiles(path.join(config.dataDir, 'media'), new TaskLimiter(config.media.renderConcurrency), config.media.maxPixels);
  const collector = new MediaCollector(db, files, bus, {
    media: config.media,
    limits: config.limits,
    folderOf: (feed) => watchFolder.folderOf(feed),
    log,
  });
  collector.subscribe();
  return { files, collector };
}
