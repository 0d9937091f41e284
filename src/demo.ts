import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { agencySchema, feedSchema } from './config.ts';
import type { Runtime } from './runtime.ts';
import { syncConfiguredSources } from './runtime.ts';

/**
 * The bundled demo agency: on a fresh database its files are dropped into the watch folder,
 * exactly as an agency's FTP drop would arrive, and ingested before the site opens.
 */
export const DEMO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'demo');
const SEEDED_KEY = 'demo_seeded_at';

/** The demo's agencies.json: agencies and feeds exactly as a config file declares them. */
const demoManifest = z.object({ agencies: z.array(agencySchema), feeds: z.array(feedSchema) });

/** Seeds once per database: a second start finds the marker and adds nothing. */
export async function seedDemo(runtime: Runtime, demoDir = DEMO_DIR): Promise<{ seeded: boolean; stories: number }> {
  const { db } = runtime.store;
  const done = await db.selectFrom('settings').select('value').where('key', '=', SEEDED_KEY).executeTakeFirst();
  if (done !== undefined) return { seeded: false, stories: 0 };

  const manifest = demoManifest.parse(JSON.parse(await readFile(path.join(demoDir, 'agencies.json'), 'utf8')));
  await syncConfiguredSources(runtime.store, { timeZone: runtime.config.timeZone, ...manifest });
  let stories = 0;
  for (const feedSpec of manifest.feeds) {
    const feed = await db.selectFrom('feeds').selectAll().where('id', '=', feedSpec.id).executeTakeFirstOrThrow();
    // Timestamps are kept so the files count as complete drops, not uploads in progress.
    await cp(path.join(demoDir, feedSpec.location), runtime.watchFolder.folderOf(feed), {
      recursive: true,
      preserveTimestamps: true,
      force: false,
    });
    const scan = await runtime.watchFolder.scan(feed, Number.POSITIVE_INFINITY);
    stories += scan.reports.reduce((sum, report) => sum + report.created, 0);
  }
  await db.insertInto('settings').values({ key: SEEDED_KEY, value: new Date().toISOString() }).execute();
  return { seeded: true, stories };
}
