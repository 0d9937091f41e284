/**
 * Near-duplicate detection rates on the project's own fixtures, for MinHash (what the
 * publisher uses) and, for comparison, the 64-bit SimHash it replaced. Run:
 *   npx tsx bench/ingest/dedupe-rates.ts
 * Positives: every same-copy variant (test/unit/domain/near-duplicate-fixtures.ts) of the 8
 * hand-written stories and 80 generated ones. Negatives: every pair of 8 hand-written and 400
 * generated distinct stories, plus 4 hand-written "same event, own words" pairs.
 */
import { DEFAULT_MIN_SIMILARITY, minhash, signatureBands, similarity } from '../../src/domain/dedupe.ts';
import { hammingDistance, simhash } from '../../src/domain/simhash.ts';
import { sampleStory } from '../../test/support/wire-samples.ts';
import { SAME_EVENT, STORIES, sameCopyVariants } from '../../test/unit/domain/near-duplicate-fixtures.ts';

const generated = Array.from({ length: 400 }, (_, i) => sampleStory(i, { seed: 9, paragraphs: 5 }).paragraphs.join('\n'));
const positives = [...STORIES, ...generated.slice(0, 80)].flatMap((story) =>
  sameCopyVariants(story).map((variant) => ({ kind: variant.kind, a: story, b: variant.text })),
);
const distinct = [...STORIES, ...generated];
const negatives: [string, string][] = [...SAME_EVENT];
for (let i = 0; i < distinct.length; i++)
  for (let j = i + 1; j < distinct.length; j++) negatives.push([distinct[i] as string, distinct[j] as string]);

// Each text is hashed once: the pair loops below compare 83,000 pairs.
const memo = <T>(hash: (text: string) => T) => {
  const cache = new Map<string, T>();
  return (text: string): T => {
    let value = cache.get(text);
    if (value === undefined) {
      value = hash(text);
      cache.set(text, value);
    }
    return value;
  };
};
const signatureOf = memo(minhash);
const bandsOf = memo((text: string) => new Set(signatureBands(signatureOf(text))));
const simhashOf = memo(simhash);

const percent = (n: number, of: number): string => `${((100 * n) / of).toFixed(2)}% (${n}/${of})`;

function minhashDetects(a: string, b: string, threshold: number): boolean {
  const theirs = bandsOf(b);
  return [...bandsOf(a)].some((band) => theirs.has(band)) && similarity(signatureOf(a), signatureOf(b)) >= threshold;
}

console.log(
  `positives ${positives.length} same-copy pairs; negatives ${negatives.length} different-story pairs (${SAME_EVENT.length} same-event rewrites)\n`,
);
console.log('MinHash, 64 functions, 16 bands x 4 rows, word 3-shingles');
for (const threshold of [0.3, 0.4, DEFAULT_MIN_SIMILARITY, 0.6, 0.7, 0.8]) {
  const fn = positives.filter((pair) => !minhashDetects(pair.a, pair.b, threshold)).length;
  const fp = negatives.filter(([a, b]) => minhashDetects(a, b, threshold)).length;
  console.log(
    `  similarity >= ${threshold.toFixed(2)}${threshold === DEFAULT_MIN_SIMILARITY ? ' (configured)' : ''}: false negatives ${percent(fn, positives.length)}, false positives ${percent(fp, negatives.length)}`,
  );
}
const kinds = [...new Set(positives.map((pair) => pair.kind))];
console.log('  lowest similarity per kind of edit:');
for (const kind of kinds) {
  const scores = positives.filter((pair) => pair.kind === kind).map((pair) => similarity(signatureOf(pair.a), signatureOf(pair.b)));
  console.log(`    ${kind}: ${Math.min(...scores).toFixed(3)}`);
}
const hardest = Math.max(...negatives.map(([a, b]) => similarity(signatureOf(a), signatureOf(b))));
console.log(`  highest similarity of two different stories: ${hardest.toFixed(3)}\n`);

console.log('SimHash 64-bit, word 3-shingles (the previous detector; still used by related stories)');
for (const bits of [3, 6, 8, 10, 12]) {
  const fn = positives.filter((pair) => hammingDistance(simhashOf(pair.a), simhashOf(pair.b)) > bits).length;
  const fp = negatives.filter(([a, b]) => hammingDistance(simhashOf(a), simhashOf(b)) <= bits).length;
  console.log(`  <= ${bits} bits: false negatives ${percent(fn, positives.length)}, false positives ${percent(fp, negatives.length)}`);
}
