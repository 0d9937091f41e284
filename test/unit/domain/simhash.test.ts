import { describe, expect, it } from 'vitest';
import { bands, fromHex, hammingDistance, simhash, toHex } from '../../../src/domain/simhash.ts';
import { STORIES, sameCopyVariants } from './near-duplicate-fixtures.ts';

/** SimHash is what the related-stories engine compares stories by (duplicates are found by MinHash, see dedupe.test.ts). */
describe('simhash', () => {
  it('gives the same hash for the same words, whatever the case, punctuation or spacing', () => {
    const text = STORIES[0] as string;
    expect(simhash(text)).toEqual(simhash(`  ${text.toUpperCase().replace(/,/g, ' ;')}  `));
  });

  it('round-trips through hex', () => {
    const hash = simhash(STORIES[1] as string);
    expect(fromHex(toHex(hash))).toEqual(hash);
    expect(toHex(hash)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('puts hashes within 3 bits into at least one shared band', () => {
    const hashes = [...STORIES, ...STORIES.flatMap((story) => sameCopyVariants(story).map((variant) => variant.text))].map(simhash);
    let close = 0;
    for (const a of hashes) {
      for (const b of hashes) {
        if (hammingDistance(a, b) > 3) continue;
        close++;
        expect(bands(a).filter((band) => bands(b).includes(band)).length).toBeGreaterThan(0);
      }
    }
    expect(close).toBeGreaterThan(hashes.length);
  });

  it('keeps different stories far apart and the same copy close', () => {
    const [a, b] = STORIES as [string, string];
    expect(hammingDistance(simhash(a), simhash(b))).toBeGreaterThan(16);
    const edits = sameCopyVariants(a).map((variant) => hammingDistance(simhash(a), simhash(variant.text)));
    expect(Math.max(...edits)).toBeLessThan(16);
  });
});
