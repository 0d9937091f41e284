import { type Config, loadConfig } from '../../src/config.ts';
import type { TestSite } from '../support/runtime.ts';

/**
 * Fictional ninjs copy for the app and API tests, from a fictional agency ("Lantern Press"),
 * with one folder feed per section so each story lands where the test needs it.
 */
const defaults = loadConfig({ env: {}, file: null });

export const WIRE_CONFIG: Partial<Config> = {
  // The e-paper recompiles its digital editions on every kill (after gathering published stories
  // for 30 s, which a kill waits behind); the app tests need no e-paper: one edition, no gathering.
  epaper: { ...defaults.epaper, editions: [{ slug: 'pune', name: 'Pune' }], digitalDelayMs: 0 },
  agencies: [{ id: 'lantern', name: 'Lantern Press', byline: 'Lantern', priority: 100, indexingPolicy: 'index' }],
  feeds: ['national', 'technology'].map((section) => ({
    id: `lantern-${section}`,
    agency: 'lantern',
    transport: 'folder' as const,
    location: `lantern-${section}`,
    format: 'ninjs' as const,
    intervalSeconds: 60,
    mode: 'auto' as const,
    defaultSection: section,
    allowPrivate: false,
  })),
};

export interface WireStory {
  guid: string;
  headline: string;
  section: 'national' | 'technology';
  /** Where the dateline says it is from. */
  place?: string;
  /** ninjs urgency: 1 is FLASH. */
  urgency?: number;
  embargoedUntil?: string;
  /** ISO time; defaults to a fixed morning in 2026 plus `minute`. */
  at?: string;
  minute?: number;
  keywords?: string[];
}

export function ninjsOf(story: WireStory): string {
  const at = story.at ?? new Date(Date.UTC(2026, 10, 29, 4, story.minute ?? 0)).toISOString();
  const place = story.place ?? 'Pune';
  return JSON.stringify({
    uri: `lantern:${story.guid}`,
    type: 'text',
    version: '1',
    firstcreated: at,
    versioncreated: at,
    pubstatus: 'usable',
    ...(story.urgency === undefined ? {} : { urgency: story.urgency }),
    ...(story.embargoedUntil === undefined ? {} : { embargoed: story.embargoedUntil }),
    language: 'en',
    by: 'Lantern Press',
    located: place,
    keywords: story.keywords ?? [],
    headlines: [{ role: 'main', value: story.headline }],
    descriptions: [{ role: 'summary', value: `${story.headline}: a short summary written for the tests.` }],
    bodies: [
      {
        role: 'main',
        contenttype: 'text/html',
        value: `<p>${place}, Nov 29 ${story.headline} according to a notice posted on ${story.guid}.</p><p>Residents of ward ${story.guid.length} were told the ${story.guid} work would take a fortnight, and the ${story.section} desk will follow it up.</p>`,
      },
    ],
  });
}

/** Ingests each story through the real pipeline and returns their story ids in order. */
export async function ingestWire(site: TestSite, stories: WireStory[]): Promise<number[]> {
  const ids: number[] = [];
  for (const story of stories) {
    const feed = await site.runtime.store.db
      .selectFrom('feeds')
      .selectAll()
      .where('id', '=', `lantern-${story.section}`)
      .executeTakeFirstOrThrow();
    const report = await site.runtime.pipeline.ingest(feed, Buffer.from(ninjsOf(story)), { charset: null, baseUrl: null, ref: story.guid });
    if (report.rejected > 0) throw new Error(`${story.guid} was rejected`);
    const row = await site.runtime.store.db
      .selectFrom('stories')
      .select('id')
      .where('guid', '=', `lantern:${story.guid}`)
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  await site.runtime.bus.settled();
  return ids;
}
