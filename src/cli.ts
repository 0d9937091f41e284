import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { registerAdminCommands } from './admin/index.ts';
import { registerAppCommands } from './app/index.ts';
import { configOrExit, EXIT_FAILED, EXIT_USAGE, fail, storyIdOf, withRuntime } from './cli-support.ts';
import { registerClusterCommands, startNode, stopOnSignals } from './cluster/index.ts';
import { databaseUrlOf } from './config.ts';
import { seedDemo } from './demo.ts';
import { mergeStatusMap, WIRE_FORMATS, type WireFormat } from './domain/index.ts';
import { registerEpaperCommands } from './epaper/index.ts';
import { FeedParseError, fetchFeedOnce, inspectRecord, inspectRejection, normalize, parseWire } from './ingest/index.ts';
import { registerMediaCommands } from './media/index.ts';
import { registerRelatedCommands } from './related/index.ts';
import { openRuntime } from './runtime.ts';
import { buildServer } from './server.ts';
import { type Feed, migrate, openStore } from './store/index.ts';

/**
 * `wiredesk` commands. Exit codes: 0 success, 1 the work failed (a feed, a story, a server),
 * 2 bad usage or configuration. Areas with commands of their own register them below.
 */
const program = new Command()
  .name('wiredesk')
  .description('Ingest news-agency wire feeds and publish them verbatim as a news site.')
  .showHelpAfterError()
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE));

program
  .command('serve')
  .description('Start the site, the feed pollers and the watch folders (and seed the demo agency on a fresh database).')
  .option('-p, --port <port>', 'port to listen on (overrides WIREDESK_PORT/PORT)', parsePort)
  .action(async (options: { port?: number }) => {
    const config = configOrExit(options.port === undefined ? {} : { port: options.port });
    const runtime = await openRuntime(config);
    if (config.demo) {
      const demo = await seedDemo(runtime);
      if (demo.seeded) runtime.log.info({ stories: demo.stories }, 'demo agency ingested');
    }
    const app = await buildServer(runtime);
    stopOnSignals(await startNode(runtime, app), runtime);
    const { port } = app.server.address() as { port: number };
    const host = ['0.0.0.0', '::', '127.0.0.1'].includes(config.host) ? 'localhost' : config.host;
    process.stdout.write(`Wiredesk is serving ${config.siteName} at http://${host}:${port}\n`);
  });

program
  .command('ingest')
  .description('Run one ingest pass for a feed (or every feed) and exit.')
  .argument('[feed]', 'feed id')
  .option('--all', 'every feed that is not paused')
  .action(async (feedId: string | undefined, options: { all?: boolean }) => {
    if ((feedId === undefined) === (options.all !== true)) fail('name one feed, or use --all', EXIT_USAGE);
    await withRuntime(async (runtime) => {
      let query = runtime.store.db.selectFrom('feeds').selectAll().where('paused', '=', 0);
      if (feedId !== undefined) query = query.where('id', '=', feedId);
      const feeds = await query.execute();
      if (feedId !== undefined && feeds.length === 0) fail(`no feed "${feedId}"`, EXIT_USAGE);
      let failed = false;
      for (const feed of feeds) {
        if (feed.transport !== 'folder') {
          process.stderr.write(`${feed.id}: ${feed.transport} feeds are ingested by "wiredesk serve"\n`);
          continue;
        }
        const scan = await runtime.watchFolder.scan(feed);
        const reports = scan.reports;
        const sum = (key: 'created' | 'updated' | 'rejected') => reports.reduce((total, report) => total + report[key], 0);
        process.stdout.write(
          `${feed.id}: ${scan.taken} files taken, ${scan.failed} failed, ${sum('created')} stories created, ${sum('updated')} updated, ${sum('rejected')} items rejected\n`,
        );
        failed ||= scan.failed > 0;
      }
      if (failed) process.exitCode = EXIT_FAILED;
    });
  });

program
  .command('inspect')
  .description('Parse a wire file or URL and print each normalized item as one JSON line (rejected items with their reason).')
  .argument('<source>', 'a wire file or an http(s) URL (any supported format)')
  .option('-f, --format <format>', `the format, or auto (${WIRE_FORMATS.join(', ')})`, 'auto')
  .option('-z, --zone <zone>', 'IANA zone for dates without an offset', 'Asia/Kolkata')
  .option('--allow-private', 'let a URL reach private or loopback addresses (an intranet agency)')
  .action(async (file: string, options: { format: string; zone: string; allowPrivate?: boolean }) => {
    if (options.format !== 'auto' && !(WIRE_FORMATS as readonly string[]).includes(options.format)) {
      fail(`unknown format "${options.format}"; expected auto or one of ${WIRE_FORMATS.join(', ')}`, EXIT_USAGE);
    }
    const { bytes, charset, baseUrl } = await readSource(file, options.allowPrivate === true);
    try {
      const result = parseWire(bytes, options.format as WireFormat | 'auto', {
        zone: options.zone,
        baseUrl,
        charset,
        statusMap: mergeStatusMap({}),
      });
      let rejected = result.rejected.length;
      for (const item of result.items) {
        try {
          const normalized = normalize(item, { feedLanguage: null });
          process.stdout.write(
            `${JSON.stringify({ ...inspectRecord(item), dateline: normalized.dateline, place: normalized.place, teaser: normalized.teaser, language: normalized.language, body_html: normalized.bodyHtml })}\n`,
          );
        } catch (error) {
          rejected++;
          process.stdout.write(`${JSON.stringify(inspectRejection({ ref: item.guid, reason: (error as Error).message, raw: null }))}\n`);
        }
      }
      for (const rejection of result.rejected) process.stdout.write(`${JSON.stringify(inspectRejection(rejection))}\n`);
      for (const skipped of result.skipped) process.stderr.write(`skipped ${skipped.ref}: ${skipped.reason}\n`);
      if (rejected > 0) process.exitCode = EXIT_FAILED;
    } catch (error) {
      if (error instanceof FeedParseError) fail(`${file}: ${error.message}`, EXIT_FAILED);
      throw error;
    }
  });

program
  .command('migrate')
  .description('Bring the database schema up to date and exit.')
  .action(async () => {
    const config = configOrExit();
    const store = openStore(databaseUrlOf(config));
    try {
      const applied = await migrate(store);
      process.stdout.write(applied.length === 0 ? 'schema is up to date\n' : `applied: ${applied.join(', ')}\n`);
    } finally {
      await store.close();
    }
  });

program
  .command('kill')
  .description('Kill a story everywhere: its page answers 410 and it leaves every list, feed and sitemap.')
  .argument('<story>', 'story id or URL')
  .requiredOption('-r, --reason <reason>', 'why (kept with the story)')
  .action(async (story: string, options: { reason: string }) => {
    await withRuntime(async (runtime) => {
      const id = storyIdOf(story);
      const changed = await runtime.publisher.kill(id, options.reason, `cli:${process.env.USER ?? 'operator'}`);
      process.stdout.write(changed ? `story ${id} killed\n` : `story ${id} not found or already killed\n`);
      if (!changed) process.exitCode = EXIT_FAILED;
    });
  });

program
  .command('restore')
  .description('Reverse a kill made by mistake.')
  .argument('<story>', 'story id or URL')
  .action(async (story: string) => {
    await withRuntime(async (runtime) => {
      const id = storyIdOf(story);
      const changed = await runtime.publisher.restore(id, `cli:${process.env.USER ?? 'operator'}`);
      process.stdout.write(changed ? `story ${id} restored\n` : `story ${id} not found or not killed\n`);
      if (!changed) process.exitCode = EXIT_FAILED;
    });
  });

/** The bytes to inspect: a file, or a URL fetched under the same rules as a polled feed. */
async function readSource(source: string, allowPrivate: boolean): Promise<{ bytes: Uint8Array; charset: string | null; baseUrl: string }> {
  if (!/^https?:\/\//i.test(source)) {
    const bytes = await readFile(source).catch((error: unknown) => fail(`cannot read ${source}: ${(error as Error).message}`, EXIT_USAGE));
    return { bytes, charset: null, baseUrl: pathToFileURL(path.resolve(source)).href };
  }
  const { limits } = configOrExit();
  try {
    const fetched = await fetchFeedOnce(adHocFeed(source, allowPrivate), { limits, conditional: false });
    if (fetched.kind !== 'body') return fail(`${source}: answered ${fetched.status} with no body`, EXIT_FAILED);
    return { bytes: fetched.bytes, charset: fetched.charset, baseUrl: fetched.url };
  } catch (error) {
    return fail(`${source}: ${(error as Error).message}`, EXIT_FAILED);
  }
}

/** A feed that exists only for one `inspect` fetch: no credentials, nothing stored. */
function adHocFeed(url: string, allowPrivate: boolean): Feed {
  const now = new Date().toISOString();
  return {
    id: 'inspect',
    agency_id: 'inspect',
    transport: 'http',
    location: url,
    format: 'auto',
    interval_seconds: 60,
    credentials: null,
    mode: 'auto',
    default_section: 'national',
    language: null,
    zone: 'UTC',
    status_map: null,
    allow_private: allowPrivate ? 1 : 0,
    paused: 0,
    etag: null,
    last_modified: null,
    last_fetch_at: null,
    last_success_at: null,
    last_error: null,
    last_error_at: null,
    consecutive_failures: 0,
    fetch_count: 0,
    next_poll_at: null,
    created_at: now,
    updated_at: now,
  };
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('expected a port number 0-65535');
  return port;
}

registerAdminCommands(program);
registerEpaperCommands(program);
registerAppCommands(program);
registerRelatedCommands(program);
registerMediaCommands(program);

registerClusterCommands(program);

await program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`wiredesk: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(EXIT_FAILED);
});
