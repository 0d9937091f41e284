/**
 * Fictional wire copy for tests and benchmarks, generated from a seed: every story is
 * distinct text (so near-duplicate detection leaves them apart) yet reproducible run to run.
 * Nothing here is any agency's copy.
 */

export interface SampleStory {
  guid: string;
  headline: string;
  /** Paragraphs of plain text; the first starts with a dateline. */
  paragraphs: string[];
  published: Date;
  category: string;
  version?: number;
}

const CITIES = ['Pune', 'Nagpur', 'Kochi', 'Indore', 'Mysuru', 'Surat', 'Guwahati', 'Shimla', 'Madurai', 'Ranchi'];
const SUBJECTS = [
  'council',
  'cooperative',
  'port trust',
  'university',
  'water board',
  'start-up',
  'transport office',
  'museum',
  'farmers group',
  'hospital',
];
const VERBS = ['approved', 'opened', 'postponed', 'announced', 'reviewed', 'expanded', 'questioned', 'funded', 'inspected', 'completed'];
const OBJECTS = [
  'a ferry link',
  'a solar canal cover',
  'a night market',
  'a flood survey',
  'a seed bank',
  'a tram trial',
  'a reading room',
  'a cold storage unit',
  'a bus depot',
  'a heritage walk',
];
const WORDS =
  'river market bridge monsoon ledger orchard signal harbour district budget ward clinic schedule tender engineer quarry textile spice lantern archive pilot dairy rainfall census canal depot festival junction kiln loom meadow nursery observatory pavilion quay reservoir stadium terrace uplink valley warehouse yard zone acre basin cargo delta estate forge granary hamlet island jetty kiosk lagoon mill notice outpost plaza ridge shed tannery village wharf'.split(
    ' ',
  );
const CATEGORIES = ['National', 'Technology', 'Entertainment', 'City'];

/** Mulberry32: a small, fast, seedable PRNG. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

function sentence(random: () => number): string {
  const words = Array.from({ length: 10 + Math.floor(random() * 8) }, () => pick(random, WORDS));
  const first = words[0] ?? 'river';
  return `${first[0]?.toUpperCase() ?? ''}${first.slice(1)} ${words.slice(1).join(' ')}.`;
}

export function sampleStory(index: number, options: { seed?: number; paragraphs?: number; published?: Date } = {}): SampleStory {
  const random = seededRandom((options.seed ?? 1) * 1_000_003 + index);
  const city = pick(random, CITIES);
  const subject = pick(random, SUBJECTS);
  const verb = pick(random, VERBS);
  const object = pick(random, OBJECTS);
  const published = options.published ?? new Date(Date.UTC(2026, 10, 29, 6, 0, 0) - index * 60_000);
  const month = published.toLocaleString('en', { month: 'short', timeZone: 'Asia/Kolkata' });
  const day = Number(published.toLocaleString('en', { day: 'numeric', timeZone: 'Asia/Kolkata' }));
  const paragraphs = [`${city}, ${month} ${day} The ${city} ${subject} on Saturday ${verb} ${object}, officials said. ${sentence(random)}`];
  for (let i = 1; i < (options.paragraphs ?? 4); i++) paragraphs.push(`${sentence(random)} ${sentence(random)}`);
  return {
    guid: `sample-${options.seed ?? 1}-${index}`,
    headline: `${city} ${subject} ${verb} ${object} (${index})`,
    paragraphs,
    published,
    category: pick(random, CATEGORIES),
  };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function storyHtml(story: SampleStory): string {
  return story.paragraphs.map((p) => `<p>${escapeXml(p)}</p>`).join('\n');
}

/** An RSS 2.0 feed with content:encoded bodies, the shape most agency feeds take. */
export function rssFeed(stories: SampleStory[], options: { title?: string; extraItems?: string[] } = {}): string {
  const items = stories.map(
    (story) => `    <item>
      <title>${escapeXml(story.headline)}</title>
      <link>https://wire.example.test/story/${escapeXml(story.guid)}</link>
      <guid isPermaLink="false">${escapeXml(story.guid)}</guid>
      <pubDate>${story.published.toUTCString().replace('GMT', '+0000')}</pubDate>
      <category>${escapeXml(story.category)}</category>
      <content:encoded><![CDATA[${storyHtml(story)}]]></content:encoded>
    </item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>${escapeXml(options.title ?? 'Sample Wire (fictional)')}</title>
    <link>https://wire.example.test/</link>
    <description>Fictional test wire</description>
${[...items, ...(options.extraItems ?? [])].join('\n')}
  </channel>
</rss>
`;
}

/** A ninjs 2.x document for one story, the shape a push feed sends. */
export function ninjsStory(story: SampleStory, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    uri: story.guid,
    type: 'text',
    version: String(story.version ?? 1),
    versioncreated: story.published.toISOString(),
    firstcreated: story.published.toISOString(),
    pubstatus: 'usable',
    language: 'en',
    headlines: [{ role: 'main', value: story.headline }],
    bodies: [{ role: 'main', contenttype: 'text/html', value: storyHtml(story) }],
    subjects: [{ name: story.category }],
    ...extra,
  });
}
