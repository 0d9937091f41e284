import { stemmer } from 'stemmer';
import { ENGLISH_STOP_WORDS } from './stop-words.ts';

/**
 * Text -> index terms. Unicode words (letters, marks, digits), lower-cased; for English, stop
 * words dropped and Porter-stemmed so "flooded", "floods" and "flooding" meet; other languages
 * keep their plain tokens (a stemmer for the wrong language does more harm than none).
 */

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

export function isEnglish(language: string | null): boolean {
  return language === null || language === '' || /^en\b/i.test(language);
}

export function termsOf(text: string, language: string | null): string[] {
  const english = isEnglish(language);
  const terms: string[] = [];
  for (const match of text.normalize('NFC').toLowerCase().matchAll(WORD)) {
    const word = match[0];
    // Single letters and bare numbers (dates, counts) say nothing about a topic.
    if (word.length < 2 || /^\p{N}+$/u.test(word)) continue;
    if (!english) {
      terms.push(word);
      continue;
    }
    if (ENGLISH_STOP_WORDS.has(word)) continue;
    terms.push(stemmer(word));
  }
  return terms;
}

/** "PUNE, Nov 29 (KPA) — Text" -> "Text": the place is an entity, and the agency's code is in every story it sends. */
export function withoutDatelinePrefix(body: string): string {
  return body.replace(/^[^\n—–(,]{1,40},[^\n—–(]{0,30}\([^)\n]{1,24}\)\s*[-—–:]\s*/u, '');
}
