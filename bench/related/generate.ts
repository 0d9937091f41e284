/**
 * A synthetic wire archive for the related-stories benchmark: deterministic (seeded), built
 * from an invented vocabulary so no real copy is involved. Stories arrive at a steady rate
 * (1,400 a day, a busy multi-agency desk); each belongs to an event that lasts a few days and
 * has its own words, place and section, mixed with common words drawn from a Zipf curve.
 */

export interface GeneratedStory {
  id: number;
  /** The event it reports: stories of one event are the ones that should relate. */
  event: number;
  section: string;
  place: string;
  /** ISO time of first publication. */
  at: string;
  headline: string;
  body: string;
}

export const STORIES_PER_DAY = 1400;
const SECTIONS = ['national', 'international', 'technology', 'entertainment', 'city'];
const SYLLABLES = 'ka lo mi ren sa to vu pel dor an ist ur bel cam dra fen gol hil jor kes lum nor pra quin ros tal vex wyn zor'.split(' ');

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

function word(index: number, random: () => number): string {
  const syllables = 2 + (index % 3);
  let out = '';
  for (let i = 0; i < syllables; i++) out += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
  return `${out}${index.toString(36)}`;
}

export interface Archive {
  stories: number;
  startMs: number;
  story(index: number): GeneratedStory;
}

/** The archive of `count` stories ending at `endMs`; story(i) is the same for the same i, every time. */
export function archive(count: number, endMs: number, seed = 7): Archive {
  const random = seededRandom(seed);
  const vocabulary = Array.from({ length: 40_000 }, (_, index) => word(index, random));
  const places = Array.from({ length: 400 }, (_, index) => {
    const name = word(index + 50_000, random);
    return name.charAt(0).toUpperCase() + name.slice(1);
  });
  // Zipf over the common vocabulary: P(rank r) ~ 1 / r.
  const zipfSize = 20_000;
  const cumulative = new Float64Array(zipfSize);
  let total = 0;
  for (let rank = 0; rank < zipfSize; rank++) {
    total += 1 / (rank + 1);
    cumulative[rank] = total;
  }
  const zipf = (r: () => number): string => {
    const target = r() * total;
    let lo = 0;
    let hi = zipfSize - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) < target) lo = mid + 1;
      else hi = mid;
    }
    return vocabulary[lo] ?? 'x';
  };
  const storiesPerEvent = 6;
  const startMs = endMs - (count / STORIES_PER_DAY) * 86_400_000;
  return {
    stories: count,
    startMs,
    story(index: number): GeneratedStory {
      const r = seededRandom(seed * 1_000_003 + index);
      // Events are local in time: a story belongs to one of the events started near it.
      const event = Math.max(0, Math.floor(index / storiesPerEvent) + Math.floor(r() * 5) - 2);
      const er = seededRandom(seed * 7_919 + event);
      const eventWords = Array.from({ length: 10 }, () => vocabulary[zipfSize + Math.floor(er() * (vocabulary.length - zipfSize))] ?? 'x');
      const place = places[Math.floor(er() * places.length)] ?? 'Nowhere';
      const section = SECTIONS[Math.floor(er() * SECTIONS.length)] ?? 'national';
      const pick = (): string => (r() < 0.35 ? (eventWords[Math.floor(r() * eventWords.length)] ?? 'x') : zipf(r));
      const headline = Array.from({ length: 8 }, pick).join(' ');
      const sentences = Array.from({ length: 5 }, () => `${Array.from({ length: 14 }, pick).join(' ')}.`);
      const atMs = startMs + (index / STORIES_PER_DAY) * 86_400_000;
      return {
        id: index + 1,
        event,
        section,
        place,
        at: new Date(atMs).toISOString(),
        headline: headline.charAt(0).toUpperCase() + headline.slice(1),
        body: `${place.toUpperCase()}, (BENCH) — ${sentences.join(' ')}`,
      };
    },
  };
}

/** Where the benchmark's archive ends (its "now" before the arrivals). */
export const ARCHIVE_END_MS = Date.parse('2026-11-29T00:00:00.000Z');

/** The benchmark's archive: `stories` ending at ARCHIVE_END_MS, then `arrivals` more at the same rate. */
export function benchArchive(stories: number, arrivals: number): Archive {
  return archive(stories + arrivals, ARCHIVE_END_MS + (arrivals / STORIES_PER_DAY) * 86_400_000);
}
