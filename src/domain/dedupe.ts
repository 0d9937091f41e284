/**
 * Near-duplicate detection: MinHash over word 3-shingles with LSH banding.
 *
 * Why MinHash and not the SimHash in simhash.ts: agency stories are short (100-600 words),
 * and on short texts a one-word correction or a different sign-off moves a 64-bit SimHash by
 * 2-9 bits, so a threshold tight enough to be searchable by bands (3 bits) missed about half
 * of the same-copy re-sends we measured (bench/ingest/README.md). MinHash estimates the
 * Jaccard similarity of the shingle sets directly: a light edit keeps it above 0.85, two
 * agencies writing up the same event in their own words stay below 0.1.
 *
 * Parameters: 64 hash functions, 16 bands of 4 rows. Two texts share at least one band with
 * probability 1-(1-J^4)^16: 0.9998 at J = 0.8, 0.64 at J = 0.5, 0.025 at J = 0.2, so the
 * band lookup finds every real duplicate and almost nothing else; candidates are then
 * confirmed by the estimated similarity (DEFAULT_MIN_SIMILARITY).
 */

const SHINGLE = 3;
export const SIGNATURE_SIZE = 64;
const ROWS_PER_BAND = 4;
/** Estimated Jaccard similarity at or above which two texts are the same copy. */
export const DEFAULT_MIN_SIMILARITY = 0.5;

export type Signature = Uint32Array;

/** Fixed per-function seeds (from a fixed generator): signatures are comparable across processes and releases. */
const SEEDS = (() => {
  const seeds = new Uint32Array(SIGNATURE_SIZE);
  let state = 0x9e3779b9;
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    seeds[i] = mix(state);
  }
  return seeds;
})();

/** murmur3's finaliser: a cheap, well-spread 32-bit mix. */
function mix(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Words as a reader would compare them: case, punctuation and spacing do not count. */
function wordsOf(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

export function minhash(text: string): Signature {
  const words = wordsOf(text);
  const signature = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  const count = Math.max(1, words.length - SHINGLE + 1);
  const seen = new Set<number>();
  for (let i = 0; i < count; i++) {
    const shingle = fnv1a(words.slice(i, i + SHINGLE).join(' '));
    if (seen.has(shingle)) continue;
    seen.add(shingle);
    for (let f = 0; f < SIGNATURE_SIZE; f++) {
      const value = mix(shingle ^ (SEEDS[f] ?? 0));
      if (value < (signature[f] ?? 0)) signature[f] = value;
    }
  }
  return signature;
}

/** The estimated Jaccard similarity of the two texts' shingle sets (0..1). */
export function similarity(a: Signature, b: Signature): number {
  let equal = 0;
  for (let f = 0; f < SIGNATURE_SIZE; f++) if (a[f] === b[f]) equal++;
  return equal / SIGNATURE_SIZE;
}

/** LSH band keys: two signatures that share a key are candidates. */
export function signatureBands(signature: Signature): string[] {
  const keys: string[] = [];
  for (let band = 0; band < SIGNATURE_SIZE / ROWS_PER_BAND; band++) {
    let hash = band;
    for (let row = 0; row < ROWS_PER_BAND; row++) hash = mix(hash ^ (signature[band * ROWS_PER_BAND + row] ?? 0));
    keys.push(`m${band}:${hash.toString(16).padStart(8, '0')}`);
  }
  return keys;
}

export function signatureToHex(signature: Signature): string {
  return Array.from(signature, (value) => value.toString(16).padStart(8, '0')).join('');
}

export function signatureFromHex(hex: string): Signature {
  const signature = new Uint32Array(SIGNATURE_SIZE);
  for (let f = 0; f < SIGNATURE_SIZE; f++) signature[f] = Number.parseInt(hex.slice(f * 8, f * 8 + 8), 16) >>> 0;
  return signature;
}
