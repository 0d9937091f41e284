import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MIN_SIMILARITY,
  minhash,
  SIGNATURE_SIZE,
  signatureBands,
  signatureFromHex,
  signatureToHex,
  similarity,
} from '../../../src/domain/dedupe.ts';
import { sampleStory } from '../../support/wire-samples.ts';
import { SAME_EVENT, STORIES, sameCopyVariants } from './near-duplicate-fixtures.ts';

/**
 * Near-duplicate detection as configured (MinHash, 64 functions, 16 bands x 4 rows, similarity
 * >= DEFAULT_MIN_SIMILARITY). These are the rates bench/ingest/README.md reports; run
 * `npx tsx bench/ingest/dedupe-rates.ts` for the full table.
 */
const isDuplicate = (a: string, b: string): boolean => {
  const [sa, sb] = [minhash(a), minhash(b)];
  const candidate = signatureBands(sa).some((band) => signatureBands(sb).includes(band));
  return candidate && similarity(sa, sb) >= DEFAULT_MIN_SIMILARITY;
};

describe('near-duplicate detection', () => {
  it('is blind to case, punctuation and spacing', () => {
    const text = STORIES[2] as string;
    expect(signatureToHex(minhash(text))).toBe(signatureToHex(minhash(` ${text.toUpperCase().replace(/\./g, ' . ')} `)));
  });

  it('round-trips signatures through hex', () => {
    const signature = minhash(STORIES[3] as string);
    expect(signatureFromHex(signatureToHex(signature))).toEqual(signature);
    expect(signatureToHex(signature)).toHaveLength(SIGNATURE_SIZE * 8);
  });

  it('finds every same-copy variant a second agency or a re-keyed re-send makes (no false negatives)', () => {
    const generated = Array.from({ length: 40 }, (_, i) => sampleStory(i, { seed: 11, paragraphs: 5 }).paragraphs.join('\n'));
    const missed = [...STORIES, ...generated].flatMap((story) =>
      sameCopyVariants(story)
        .filter((variant) => !isDuplicate(story, variant.text))
        .map((variant) => `${story.slice(0, 24)}… ${variant.kind}`),
    );
    expect(missed).toEqual([]);
  });

  it('never merges two agencies writing up the same event in their own words', () => {
    for (const [a, b] of SAME_EVENT) {
      expect(similarity(minhash(a), minhash(b))).toBeLessThan(0.2);
      expect(isDuplicate(a, b)).toBe(false);
    }
  });

  it('keeps 400 different stories apart (79,800 pairs, no false positives)', () => {
    const signatures = Array.from({ length: 400 }, (_, i) => minhash(sampleStory(i, { seed: 5 }).paragraphs.join('\n')));
    let merged = 0;
    for (let i = 0; i < signatures.length; i++) {
      for (let j = i + 1; j < signatures.length; j++) {
        if (similarity(signatures[i] as Uint32Array, signatures[j] as Uint32Array) >= DEFAULT_MIN_SIMILARITY) merged++;
      }
    }
    expect(merged).toBe(0);
  });

  it('handles texts shorter than a shingle', () => {
    expect(similarity(minhash('Flash'), minhash('flash'))).toBe(1);
    expect(similarity(minhash('Flash'), minhash('Other'))).toBe(0);
  });
});
