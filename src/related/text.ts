import { stemmer } from 'stemmer';
import { ENGLISH_STOP_WORDS } from './stop-words.ts';

/**
 * Text -> index terms. Unicode words (letters, marks, digits), lower-cased; for English, stop
 * words dropped and Porter-stemmed so "flooded", "floods" and "flooding" meet; other languages
 * keep their plain tokens (a stemmer for the wrong language does more harm than none).
 */

const SEPARATORS = /[^\p{L}\p{M}\p{N}]+/u;
/**
 * The same split for ASCII, done first because the Unicode classes cost six times as much: a
 * piece with any other character (an accented name, a curly quote, a dash) is split again by
 * the Unicode rule, so the words are exactly those of SEPARATORS alone.
 */
const ASCII_SEPARATORS = /[^A-Za-z0-9\u0080-\uFFFF]+/;
const NON_ASCII = /[\u0080-\uFFFF]/;
const DIGITS = /^\p{N}+$/u;

export function isEnglish(language: string | null): boolean {
  return language === null || language === '' || /^en\b/i.test(language);
}

export function termsOf(text: string, language: string | null): string[] {
  const remembered = isEnglish(language) ? englishTerms : plainTerms;
  const terms: string[] = [];
  const add = (word: string): void => {
    const term = remembered.termOf(word);
    if (term !== '') terms.push(term);
  };
  for (const piece of text.normalize('NFC').toLowerCase().split(ASCII_SEPARATORS)) {
    if (NON_ASCII.test(piece)) for (const word of piece.split(SEPARATORS)) add(word);
    else add(piece);
  }
  return terms;
}

/** Single letters and bare numbers (dates, counts) say nothing about a topic. */
function meaningless(word: string): boolean {
  return word.length < 2 || DIGITS.test(word);
}

/**
 * What each word becomes as a term ('' for none), remembered: stemming and the checks before it
 * are most of the tokenising cost, and a desk's vocabulary is small next to its volume. The
 * memory is bounded by starting over when it is full.
 */
const WORDS_REMEMBERED = 200_000;

class RememberedTerms {
  readonly #terms = new Map<string, string>();
  readonly #make: (word: string) => string;

  constructor(make: (word: string) => string) {
    this.#make = make;
  }

  termOf(word: string): string {
    let term = this.#terms.get(word);
    if (term === undefined) {
      if (this.#terms.size >= WORDS_REMEMBERED) this.#terms.clear();
      term = this.#make(word);
      this.#terms.set(word, term);
    }
    return term;
  }
}
const englishTerms = new RememberedTerms((word) => (meaningless(word) || ENGLISH_STOP_WORDS.has(word) ? '' : stemmer(word)));
const plainTerms = new RememberedTerms((word) => (meaningless(word) ? '' : word));

/** "PUNE, Nov 29 (KPA) — Text" -> "Text": the place is an entity, and the agency's code is in every story it sends. */
export function withoutDatelinePrefix(body: string): string {
  return body.replace(/^[^\n—–(,]{1,40},[^\n—–(]{0,30}\([^)\n]{1,24}\)\s*[-—–:]\s*/u, '');
}
