import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WatchFolder } from '../../src/ingest/transports/watch-folder.ts';
import type { Feed } from '../../src/store/schema.ts';
import { createTestSite, storeDialects, type TestSite } from '../support/runtime.ts';
import { rssFeed, sampleStory } from '../support/wire-samples.ts';

/** The FTP/SFTP drop: only complete files, each moved aside with its outcome, nothing taken twice. */
describe.each(storeDialects())('watch folder (%s)', (dialect) => {
  let site: TestSite;
  let feed: Feed;
  let folder: string;

  beforeAll(async () => {
    site = await createTestSite(
      {
        agencies: [{ id: 'dropwire', name: 'Drop Wire', byline: 'Drop Wire', priority: 10, indexingPolicy: 'index' }],
        feeds: [
          {
            id: 'dropwire-ftp',
            agency: 'dropwire',
            transport: 'folder',
            location: 'dropwire',
            format: 'auto',
            intervalSeconds: 60,
            mode: 'auto',
            defaultSection: 'national',
            allowPrivate: false,
          },
        ],
      },
      dialect,
    );
    feed = await site.runtime.store.db.selectFrom('feeds').selectAll().where('id', '=', 'dropwire-ftp').executeTakeFirstOrThrow();
    folder = site.runtime.watchFolder.folderOf(feed);
    await site.runtime.watchFolder.scan(feed);
  });
  afterAll(() => site.close());

  const drop = (name: string, content: string, ageMs = 60_000): void => {
    const file = path.join(folder, name);
    writeFileSync(file, content);
    const then = new Date(Date.now() - ageMs);
    utimesSync(file, then, then);
  };

  it('leaves files still being uploaded alone: temporary names and files still changing', async () => {
    drop('incoming.xml.part', rssFeed([sampleStory(1, { seed: 51 })]));
    drop('.hidden.xml', rssFeed([sampleStory(2, { seed: 51 })]));
    drop('fresh.xml', rssFeed([sampleStory(3, { seed: 51 })]), 0);
    const slow = new WatchFolder(site.runtime.store.db, site.runtime.pipeline, pino({ level: 'silent' }), {
      settleMs: 30_000,
      scanIntervalMs: 1000,
      dropRoot: path.dirname(folder),
      maxBodyBytes: 1024 * 1024,
    });
    const scan = await slow.scan(feed);
    expect(scan.taken).toBe(0);
    expect(existsSync(path.join(folder, 'incoming.xml.part'))).toBe(true);
    expect(existsSync(path.join(folder, 'fresh.xml'))).toBe(true);
  });

  it('takes a complete file into processed/ once it is renamed into place and settled', async () => {
    const scan = await site.runtime.watchFolder.scan(feed);
    expect(scan.taken).toBe(1);
    expect(existsSync(path.join(folder, 'processed', 'fresh.xml'))).toBe(true);
    expect(existsSync(path.join(folder, 'incoming.xml.part'))).toBe(true);
  });

  it('moves a file that is not a readable feed to failed/ with the reason beside it', async () => {
    drop('broken.xml', '<rss version="2.0"><channel><item><title>Unclosed</item></channel>');
    const scan = await site.runtime.watchFolder.scan(feed);
    expect(scan.failed).toBe(1);
    const reason = readFileSync(path.join(folder, 'failed', 'broken.xml.reason.txt'), 'utf8');
    expect(reason).toMatch(/malformed XML/i);
  });

  it('never processes the same file twice, even dropped again after a restart', async () => {
    const content = rssFeed([sampleStory(4, { seed: 51 })]);
    drop('twice.xml', content);
    expect((await site.runtime.watchFolder.scan(feed)).taken).toBe(1);
    drop('twice-again.xml', content);
    const restarted = new WatchFolder(site.runtime.store.db, site.runtime.pipeline, pino({ level: 'silent' }), {
      settleMs: 0,
      scanIntervalMs: 1000,
      dropRoot: path.dirname(folder),
      maxBodyBytes: 1024 * 1024,
    });
    const scan = await restarted.scan(feed);
    expect(scan).toMatchObject({ taken: 0, alreadySeen: 1 });
    expect(existsSync(path.join(folder, 'processed', 'twice-again.xml'))).toBe(true);
    const revisions = await site.runtime.store.db.selectFrom('revisions').select('id').where('feed_id', '=', feed.id).execute();
    expect(revisions).toHaveLength(2);
  });

  it('refuses a file over the size limit without reading it', async () => {
    const small = new WatchFolder(site.runtime.store.db, site.runtime.pipeline, pino({ level: 'silent' }), {
      settleMs: 0,
      scanIntervalMs: 1000,
      dropRoot: path.dirname(folder),
      maxBodyBytes: 100,
    });
    drop('large.xml', rssFeed([sampleStory(5, { seed: 51 })]));
    expect((await small.scan(feed)).failed).toBe(1);
    expect(readFileSync(path.join(folder, 'failed', 'large.xml.reason.txt'), 'utf8')).toContain('the limit is 100');
  });
});
