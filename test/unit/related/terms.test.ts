import { describe, expect, it } from 'vitest';
import { cosine, pendingTerms, selectTerms, setCosine, termCounts } from '../../../src/related/terms.ts';
import { termsOf, withoutDatelinePrefix } from '../../../src/related/text.ts';

describe('termsOf', () => {
  it('lower-cases, drops stop words and numbers, and stems English', () => {
    expect(termsOf('The rivers flooded 3 villages, officials said', 'en')).toEqual(['river', 'flood', 'villag', 'offici']);
  });

  it('keeps plain tokens for other languages', () => {
    expect(termsOf('Die Flüsse überfluteten Dörfer', 'de')).toEqual(['die', 'flüsse', 'überfluteten', 'dörfer']);
  });
});

describe('withoutDatelinePrefix', () => {
  it('drops the place, date and agency code that open a wire story', () => {
    expect(withoutDatelinePrefix('PUNE, Nov 29 (KPA) — The council met.')).toBe('The council met.');
    expect(withoutDatelinePrefix('The council met (briefly) — again.')).toBe('The council met (briefly) — again.');
  });
});

describe('termCounts', () => {
  it('counts the headline twice and leaves the dateline place out', () => {
    const counts = termCounts({
      headline: 'Bridge collapse',
      body: 'SOLVIK, Nov 1 (KPA) — The bridge in Solvik fell.',
      place: 'Solvik',
      language: 'en',
    });
    expect(counts.get('bridg')).toBe(3);
    expect(counts.get('collaps')).toBe(2);
    expect(counts.has('solvik')).toBe(false);
    expect(counts.has('kpa')).toBe(false);
  });
});

describe('selectTerms', () => {
  const counts = new Map([
    ['rare', 1],
    ['shared', 3],
    ['common', 5],
    ['alone', 2],
  ]);
  const df = new Map([
    ['rare', 2],
    ['shared', 40],
    ['common', 900],
    ['alone', 1],
  ]);

  it('keeps terms with df >= 2 and <= 5% of the archive, weighted by sublinear TF-IDF, L2-normalised', () => {
    const vector = selectTerms(counts, df, 10_000);
    expect([...vector.keys()]).toEqual(['shared', 'rare']);
    const rare = Math.log(10_001 / 2);
    const shared = (1 + Math.log(3)) * Math.log(10_001 / 40);
    const norm = Math.hypot(rare, shared);
    expect(vector.get('rare')).toBeCloseTo(rare / norm, 6);
    expect(vector.get('shared')).toBeCloseTo(shared / norm, 6);
  });

  it('keeps at most the configured number of terms', () => {
    expect(selectTerms(counts, df, 10_000, { maxTerms: 1, minDf: 2, maxDfShare: 0.05, maxDfFloor: 10 }).size).toBe(1);
  });

  it('lists the terms no other story has yet, most frequent first', () => {
    expect(pendingTerms(new Map([...counts, ['unseen', 4]]), df, 10)).toEqual(['unseen', 'alone']);
  });
});

describe('similarity', () => {
  it('is 1 for the same vector and 0 for disjoint ones', () => {
    const a = new Map([
      ['x', 0.6],
      ['y', 0.8],
    ]);
    expect(cosine(a, a)).toBeCloseTo(1, 6);
    expect(cosine(a, new Map([['z', 1]]))).toBe(0);
    expect(setCosine(['a', 'b'], ['b', 'c'])).toBeCloseTo(0.5, 6);
    expect(setCosine([], ['a'])).toBe(0);
  });
});
