import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database, Feed } from '../../store/index.ts';
import type { IngestPipeline, IngestReport } from '../pipeline.ts';

/**
 * The drop folder agencies fill over FTP/SFTP. A file is taken only when it is complete: names
 * still being uploaded (`.part`, `.tmp`, dot-files) are left alone, and a file must have stopped
 * changing for `settleMs`. Each taken file moves to `processed/`, or to `failed/` with the
 * reason written beside it. The file's hash is recorded, so nothing is processed twice after a
 * restart even if it is dropped again.
 */

const IN_PROGRESS = /(^\.)|(\.(part|partial|tmp|filepart|crdownload|uploading)$)/i;

export interface WatchFolderOptions {
  /** A file must be unchanged for this long before it is taken. */
  settleMs: number;
  /** How often the folders are scanned. */
  scanIntervalMs: number;
  /** Relative feed locations resolve against this folder. */
  dropRoot: string;
  maxBodyBytes: number;
}

export interface FolderScan {
  taken: number;
  failed: number;
  alreadySeen: number;
  reports: IngestReport[];
}

export class WatchFolder {
  #timer: NodeJS.Timeout | null = null;
  #scanning: Promise<void> | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly pipeline: IngestPipeline,
    private readonly log: Logger,
    private readonly options: WatchFolderOptions,
  ) {}

  folderOf(feed: Feed): string {
    return path.resolve(this.options.dropRoot, feed.location);
  }

  /** One pass over one feed's folder. */
  async scan(feed: Feed, now = Date.now()): Promise<FolderScan> {
    const folder = this.folderOf(feed);
    const result: FolderScan = { taken: 0, failed: 0, alreadySeen: 0, reports: [] };
    await mkdir(folder, { recursive: true });
    const names = (await readdir(folder, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && !IN_PROGRESS.test(entry.name) && !entry.name.endsWith('.reason.txt'))
      .map((entry) => entry.name)
      .sort();
    for (const name of names) {
      const file = path.join(folder, name);
      const info = await stat(file).catch(() => null);
      if (info === null || now - info.mtimeMs < this.options.settleMs) continue;
      if (info.size > this.options.maxBodyBytes) {
        await this.#moveAside(folder, name, 'failed', `file is ${info.size} bytes; the limit is ${this.options.maxBodyBytes}`);
        result.failed++;
        continue;
      }
      const bytes = await readFile(file);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const seen = await this.db
        .selectFrom('processed_files')
        .select('name')
        .where('feed_id', '=', feed.id)
        .where('sha256', '=', sha256)
        .executeTakeFirst();
      if (seen !== undefined) {
        await this.#moveAside(folder, name, 'processed', null);
        result.alreadySeen++;
        continue;
      }
      const report = await this.pipeline.ingest(feed, bytes, { charset: null, baseUrl: pathToFileURL(file).href, ref: name });
      result.reports.push(report);
      await this.db
        .insertInto('processed_files')
        .values({ feed_id: feed.id, sha256, name, processed_at: new Date().toISOString() })
        .onConflict((oc) => oc.doNothing())
        .execute();
      if (report.error === null) {
        await this.#moveAside(folder, name, 'processed', null);
        result.taken++;
      } else {
        await this.#moveAside(folder, name, 'failed', report.error);
        result.failed++;
      }
    }
    return result;
  }

  /** Scans every active folder feed now and then every `scanIntervalMs`. */
  start(): void {
    const loop = async (): Promise<void> => {
      this.#scanning = this.scanAll().then(() => undefined);
      await this.#scanning;
      this.#scanning = null;
      if (this.#timer !== null) this.#timer = setTimeout(() => void loop(), this.options.scanIntervalMs);
    };
    this.#timer = setTimeout(() => void loop(), 0);
  }

  async stop(): Promise<void> {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#scanning;
  }

  async scanAll(): Promise<FolderScan[]> {
    const feeds = await this.db.selectFrom('feeds').selectAll().where('transport', '=', 'folder').where('paused', '=', 0).execute();
    const scans: FolderScan[] = [];
    for (const feed of feeds) {
      try {
        scans.push(await this.scan(feed));
      } catch (error) {
        this.log.error({ feed: feed.id, err: error }, 'watch folder scan failed');
      }
    }
    return scans;
  }

  async #moveAside(folder: string, name: string, to: 'processed' | 'failed', reason: string | null): Promise<void> {
    const target = path.join(folder, to);
    await mkdir(target, { recursive: true });
    let destination = path.join(target, name);
    // Never overwrite an earlier drop of the same name: keep both.
    if (await stat(destination).catch(() => null)) destination = path.join(target, `${Date.now()}-${name}`);
    await rename(path.join(folder, name), destination);
    if (reason !== null) await writeFile(`${destination}.reason.txt`, `${reason}\n`);
  }
}
