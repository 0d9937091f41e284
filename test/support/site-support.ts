import type { Config } from '../../src/config.ts';
import type { WireItem } from '../../src/domain/wire-item.ts';
import { normalize } from '../../src/ingest/normalize.ts';
import { citySlug } from '../../src/ingest/route.ts';
import type { Runtime } from '../../src/runtime.ts';
import { feedConfig } from './runtime.ts';

/**
 * Fictional agencies and stories for the site's tests (all written for Wiredesk), published
 * through the real publisher so every bus subscriber (search, page cache) sees them.
 */
export const SITE_TEST_CONFIG: Partial<Config> = {
  siteName: 'Wiredesk Test News',
  agencies: [
    { id: 'nna', name: 'Northline News Agency', byline: 'NNA', priority: 10, indexingPolicy: 'index' },
    { id: 'swire', name: 'Syndicate Wire', byline: 'SWire', priority: 20, indexingPolicy: 'noindex-news' },
    { id: 'echo', name: 'Echo Copy Service', byline: 'ECS', priority: 30, indexingPolicy: 'noindex' },
  ],
  feeds: [
    feedConfig({ id: 'nna-push', agency: 'nna', transport: 'push', defaultSection: 'national' }),
    feedConfig({ id: 'swire-push', agency: 'swire', transport: 'push', defaultSection: 'national' }),
    feedConfig({ id: 'echo-push', agency: 'echo', transport: 'push', defaultSection: 'national' }),
  ],
};

export interface StoryInput {
  agency?: 'nna' | 'swire' | 'echo';
  guid: string;
  headline: string;
  /** Paragraphs; the first opens with the dateline. */
  paragraphs: string[];
  section: string;
  tags?: string[];
  language?: string;
  version?: number;
  minutesAgo?: number;
}

/** Publishes (or updates, with a higher version) one story and waits for every subscriber. */
export async function publishStory(runtime: Runtime, input: StoryInput): Promise<number> {
  const agencyId = input.agency ?? 'nna';
  const db = runtime.store.db;
  const agency = await db.selectFrom('agencies').selectAll().where('id', '=', agencyId).executeTakeFirstOrThrow();
  const feed = await db.selectFrom('feeds').selectAll().where('id', '=', `${agencyId}-push`).executeTakeFirstOrThrow();
  const at = new Date(Date.now() - (input.minutesAgo ?? 5) * 60_000);
  const item: WireItem = {
    guid: input.guid,
    version: input.version ?? 1,
    pubstatus: 'usable',
    signal: (input.version ?? 1) > 1 ? 'update' : 'new',
    embargo: null,
    headline: input.headline,
    byline: agency.byline,
    dateline: null,
    teaser: null,
    bodyHtml: input.paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join(''),
    subjects: [],
    keywords: [],
    language: input.language ?? 'en',
    place: null,
    firstCreated: at,
    versionCreated: at,
    link: null,
    media: [],
    priority: null,
    raw: input.guid,
  };
  const normalized = normalize(item, { feedLanguage: null });
  const route = { section: input.section, city: normalized.place === null ? null : citySlug(normalized.place), tags: input.tags ?? [] };
  const outcome = await runtime.publisher.apply(feed, agency, normalized, route);
  await runtime.bus.settled();
  // A sample that the near-duplicate check merged into another would silently test less.
  if (outcome.storyId === null || ('status' in outcome && outcome.status !== 'published')) {
    throw new Error(`story ${input.guid} was not published: ${JSON.stringify(outcome)}`);
  }
  return outcome.storyId;
}

export async function killStory(runtime: Runtime, storyId: number): Promise<void> {
  await runtime.publisher.kill(storyId, 'agency kill', 'test');
  await runtime.bus.settled();
}

/** Eight distinct stories across the sections, two agencies' policies, and Hindi and Marathi copy. */
export const SAMPLE_STORIES: StoryInput[] = [
  {
    guid: 'nna-tech-1',
    headline: 'Startup in Pune unveils solar drone for crop surveys',
    section: 'technology',
    tags: ['drones', 'agriculture'],
    paragraphs: [
      'Pune, Nov 28 A young company based in the city showed a lightweight drone powered by thin solar panels on Saturday.',
      'The founders said the craft can map about forty hectares of farmland on one charge.',
      'Farm cooperatives in the district plan to test it before the winter sowing season.',
    ],
  },
  {
    guid: 'nna-tech-2',
    headline: 'Quantum lab opens shared cryostat to university teams',
    section: 'technology',
    tags: ['research'],
    paragraphs: [
      'Bengaluru, Nov 28 A research laboratory will let visiting university groups book time on its dilution refrigerator.',
      'Booking opens next month through an online calendar, the laboratory director said.',
    ],
  },
  {
    guid: 'nna-nat-1',
    headline: 'Railway board approves new overnight service along the coast',
    section: 'national',
    tags: ['railways'],
    paragraphs: [
      'New Delhi, Nov 27 The railway board cleared a new overnight passenger service linking coastal towns.',
      'The first train is expected to run before the monsoon, officials said.',
    ],
  },
  {
    guid: 'swire-int-1',
    agency: 'swire',
    headline: 'Harbour cities sign pact on cleaner shipping fuel',
    section: 'international',
    tags: ['shipping'],
    paragraphs: [
      'Lisbon, Nov 27 Port authorities from six harbour cities agreed to share refuelling data for low-emission vessels.',
      'The pact takes effect in spring and will be reviewed after two years.',
    ],
  },
  {
    guid: 'echo-ent-1',
    agency: 'echo',
    headline: 'Folk theatre troupe returns with a monsoon musical',
    section: 'entertainment',
    paragraphs: [
      'Kolhapur, Nov 26 A travelling theatre group staged its new musical about a village waiting for rain.',
      'The show will tour twelve towns over the next three months.',
    ],
  },
  {
    guid: 'nna-city-1',
    headline: 'Pune civic body extends night bus routes to the airport',
    section: 'city',
    tags: ['transport'],
    paragraphs: [
      'Pune, Nov 28 The municipal transport service added three late-night routes that stop at the airport terminal.',
      'Buses will run every forty minutes between midnight and five in the morning.',
    ],
  },
  {
    guid: 'nna-hi-1',
    headline: 'मुंबई में बारिश से लोकल ट्रेनें देर से चलीं',
    section: 'city',
    language: 'hi',
    tags: ['mausam'],
    paragraphs: ['मुंबई, 28 नवंबर बेमौसम बारिश के कारण शनिवार सुबह कई लोकल ट्रेनें देर से चलीं।', 'रेलवे अधिकारियों ने कहा कि दोपहर तक सेवाएँ सामान्य हो गईं।'],
  },
  {
    guid: 'nna-mr-1',
    headline: 'पुण्यात नवीन ग्रंथालयाचे उद्घाटन',
    section: 'city',
    language: 'mr',
    paragraphs: ['पुणे, 27 नोव्हेंबर शहराच्या मध्यवर्ती भागात नवीन सार्वजनिक ग्रंथालय सुरू झाले.', 'ग्रंथालयात दहा हजार पुस्तके आहेत.'],
  },
];

/** Publishes every sample story; returns their ids by guid. */
export async function publishSamples(runtime: Runtime): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  let minutesAgo = 60;
  for (const story of SAMPLE_STORIES) {
    ids.set(story.guid, await publishStory(runtime, { minutesAgo, ...story }));
    minutesAgo -= 5;
  }
  return ids;
}

export function idOf(ids: Map<string, number>, guid: string): number {
  const id = ids.get(guid);
  if (id === undefined) throw new Error(`no sample story ${guid}`);
  return id;
}

/** The value of a `<meta>` (by `name` or `property`) in a page, entities decoded; null when absent. */
export function metaContent(html: string, key: string): string | null {
  const tag = [...html.matchAll(/<meta\s[^>]*>/g)]
    .map((match) => match[0])
    .find((candidate) => candidate.includes(`name="${key}"`) || candidate.includes(`property="${key}"`));
  const value = tag === undefined ? undefined : /content="([^"]*)"/.exec(tag)?.[1];
  return value === undefined ? null : decodeHTML(value);
}

export function canonicalOf(html: string): string | null {
  const href = /<link rel="canonical" href="([^"]*)"/.exec(html)?.[1];
  return href === undefined ? null : decodeHTML(href);
}

/** The first JSON-LD block of a page, parsed. */
export function jsonLdOf(html: string): Record<string, unknown> | null {
  const json = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)?.[1];
  return json === undefined ? null : (JSON.parse(json) as Record<string, unknown>);
}

/** Decodes the entities preact-render-to-string writes in attributes. */
function decodeHTML(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(/&(#\d+|#x[\da-f]+|[a-z]+);/gi, (entity, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return named[name] ?? entity;
  });
}
