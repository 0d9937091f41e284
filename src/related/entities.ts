import { ENGLISH_STOP_WORDS } from './stop-words.ts';
import { isEnglish, withoutDatelinePrefix } from './text.ts';

/**
 * The places, people and organisations a story names: its dateline place, the agency's
 * keywords, and runs of capitalised words in the headline and body ("Kavya Raman", "Port
 * Elmsley"). A capitalised word opening a sentence is only a name when it continues a run
 * ("Officials said" is not a name; "Lake Tirra flooded" is). Cheap heuristics, no model: they
 * feed one component of the score, next to TF-IDF, and are printed by --explain for checking.
 */

const MAX_ENTITIES = 24;
const CAPITALISED = /^\p{Lu}[\p{L}\p{M}\p{N}'’.-]*$/u;
/** Small words allowed inside a name: "Bank of Tirra", "Port de Sal". */
const CONNECTORS = new Set(['of', 'de', 'la', 'del', 'da', 'van', 'von', 'al']);

export interface EntitySource {
  headline: string;
  body: string;
  /** The agency's dateline place, e.g. "Pune". */
  place: string | null;
  keywords: readonly string[];
  language: string | null;
}

export function entitiesOf(source: EntitySource): string[] {
  const counts = new Map<string, number>();
  const add = (entity: string, weight: number): void => {
    const key = normalizeEntity(entity);
    if (key !== '') counts.set(key, (counts.get(key) ?? 0) + weight);
  };
  // The dateline place and the agency's own keywords are certain; they rank first.
  if (source.place !== null) add(source.place, 100);
  for (const keyword of source.keywords) add(keyword, 50);
  if (isEnglish(source.language)) {
    for (const run of capitalisedRuns(source.headline)) add(run, 2);
    for (const run of capitalisedRuns(withoutDatelinePrefix(source.body))) add(run, 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_ENTITIES)
    .map(([entity]) => entity);
}

function normalizeEntity(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/['’]s$/u, '')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .trim();
}

/** Runs of capitalised words; a sentence's first word only counts as part of a longer run. */
export function capitalisedRuns(text: string): string[] {
  const runs: string[] = [];
  for (const sentence of text.split(/(?<=[.!?:;"“”])\s+|\n+/u)) {
    const words = sentence.split(/[\s,()[\]—–]+/u).filter((word) => word !== '');
    let run: string[] = [];
    let runStart = 0;
    const flush = (): void => {
      while (run.length > 0 && CONNECTORS.has(run.at(-1) ?? '')) run.pop();
      const startsSentence = runStart === 0;
      const meaningful = run.filter((word) => !ENGLISH_STOP_WORDS.has(word.toLowerCase()));
      if (meaningful.length > 0 && (!startsSentence || run.length > 1)) runs.push(meaningful.join(' '));
      run = [];
    };
    words.forEach((raw, index) => {
      const word = raw.replace(/[.!?:;"“”]+$/u, '');
      if (CAPITALISED.test(word) && !(ENGLISH_STOP_WORDS.has(word.toLowerCase()) && run.length === 0)) {
        if (run.length === 0) runStart = index;
        run.push(word);
      } else if (run.length > 0 && CONNECTORS.has(word)) {
        run.push(word);
      } else if (run.length > 0) {
        flush();
      }
    });
    if (run.length > 0) flush();
  }
  return runs;
}
