import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback news agency for cluster tests and benchmarks: an HTTP server answering one RSS
 * feed of generated, fictional stories (written here, word by word, from a small vocabulary:
 * no real agency copy), and recording every fetch so a test can tell how often it was polled.
 */

const PLACES = ['Pune', 'Nagpur', 'Kochi', 'Indore', 'Mysuru', 'Surat', 'Guwahati', 'Ranchi', 'Udaipur', 'Madurai'];
const SUBJECTS = ['water board', 'transport office', 'district council', 'port trust', 'power utility', 'forest office', 'city library'];
const ACTIONS = ['opens', 'approves', 'delays', 'extends', 'reviews', 'upgrades', 'announces', 'suspends'];
const OBJECTS = ['night bus routes', 'a solar canal cover', 'flood sirens', 'ward clinics', 'bicycle lanes', 'a seed bank', 'river ghats'];
const WORDS =
  'monsoon ledger tender ward budget survey pilot canal depot archive harvest corridor festival audit ferry orchard kiln signal market quarry lagoon terminal'.split(
    ' ',
  );

/** A deterministic generator, so every run (and every node) sees the same stories. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

function pick<T>(list: readonly T[], next: () => number): T {
  return list[Math.floor(next() * list.length)] as T;
}

export interface GeneratedStory {
  guid: string;
  headline: string;
  paragraphs: string[];
  publishedAt: Date;
}

/** Story `index` of a fictional wire: distinct words per story, so none is a near-duplicate of another. */
export function generatedStory(index: number, agency = 'loop'): GeneratedStory {
  const next = random(index * 7919 + 17);
  const place = pick(PLACES, next);
  const headline = `${place} ${pick(SUBJECTS, next)} ${pick(ACTIONS, next)} ${pick(OBJECTS, next)} (${agency} ${index})`;
  const sentence = (): string =>
    `${Array.from({ length: 14 }, () => pick(WORDS, next)).join(' ')} ${index.toString(36)} ${Math.floor(next() * 1e9).toString(36)}.`;
  const paragraphs = [
    `${place}, Nov 29 The ${pick(SUBJECTS, next)} said on Sunday that it ${pick(ACTIONS, next)} ${pick(OBJECTS, next)} after a ${pick(WORDS, next)} review.`,
    ...Array.from({ length: 3 }, () => `${sentence()} ${sentence()} ${sentence()}`),
  ];
  return { guid: `${agency}-${index}`, headline, paragraphs, publishedAt: new Date(Date.UTC(2026, 10, 29, 6, 0) + index * 1000) };
}

const xml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An RSS 2.0 document with these stories, as an agency would send it. */
export function rssOf(stories: GeneratedStory[], title = 'Loopback test wire'): string {
  const items = stories.map(
    (story) => `<item>
<title>${xml(story.headline)}</title>
<description>${xml(story.paragraphs[0] ?? '')}</description>
<content:encoded><![CDATA[${story.paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join('\n')}]]></content:encoded>
<category>National</category>
<guid isPermaLink="false">${story.guid}</guid>
<pubDate>${story.publishedAt.toUTCString()}</pubDate>
</item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>${xml(title)}</title><link>http://127.0.0.1/</link><description>Fictional stories for tests</description><language>en</language>
${items.join('\n')}
</channel></rss>`;
}

export interface TestAgency {
  url: string;
  /** When each fetch arrived. */
  fetches: Date[];
  /** Replaces the stories the feed answers with. */
  setStories(stories: GeneratedStory[]): void;
  close(): Promise<void>;
}

export async function startTestAgency(stories: GeneratedStory[] = []): Promise<TestAgency> {
  let body = rssOf(stories);
  const fetches: Date[] = [];
  const server: Server = createServer((_request, response) => {
    fetches.push(new Date());
    response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/wire.xml`,
    fetches,
    setStories(next) {
      body = rssOf(next);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
