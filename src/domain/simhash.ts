/**
 * 64-bit SimHash over word 3-shingles, kept as two 32-bit halves for speed (no BigInt on the
 * hot path). Near-identical copy (the same story from two agencies, a re-keyed re-send) lands
 * within a few bits; different stories land ~32 bits apart.
 */
export interface SimHash {
  hi: number;
  lo: number;
}

const SHINGLE = 3;

export function simhash(text: string): SimHash {
  const words = text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((word) => word.length > 0);
  const weights = new Int32Array(64);
  const count = Math.max(1, words.length - SHINGLE + 1);
  for (let i = 0; i < count; i++) {
    const shingle = words.slice(i, i + SHINGLE).join(' ');
    const hi = fnv1a(shingle, 0x811c9dc5);
    const lo = fnv1a(shingle, 0x01000193 ^ 0x5bd1e995);
    for (let bit = 0; bit < 32; bit++) {
      weights[bit] = (weights[bit] ?? 0) + ((hi >>> bit) & 1 ? 1 : -1);
      weights[bit + 32] = (weights[bit + 32] ?? 0) + ((lo >>> bit) & 1 ? 1 : -1);
    }
  }
  let hi = 0;
  let lo = 0;
  for (let bit = 0; bit < 32; bit++) {
    if ((weights[bit] ?? 0) > 0) hi |= 1 << bit;
    if ((weights[bit + 32] ?? 0) > 0) lo |= 1 << bit;
  }
  return { hi: hi >>> 0, lo: lo >>> 0 };
}

function fnv1a(text: string, seed: number): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  // Final avalanche so that nearby strings do not share low bits.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash >>> 0;
}

export function hammingDistance(a: SimHash, b: SimHash): number {
  return popcount(a.hi ^ b.hi) + popcount(a.lo ^ b.lo);
}

function popcount(value: number): number {
  let v = value >>> 0;
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function toHex(hash: SimHash): string {
  return hash.hi.toString(16).padStart(8, '0') + hash.lo.toString(16).padStart(8, '0');
}

export function fromHex(hex: string): SimHash {
  return { hi: Number.parseInt(hex.slice(0, 8), 16) >>> 0, lo: Number.parseInt(hex.slice(8, 16), 16) >>> 0 };
}

/**
 * Four 16-bit bands. Two hashes within 3 bits of each other share at least one band exactly
 * (pigeonhole), so looking candidates up by band finds every near-duplicate without a scan.
 */
export function bands(hash: SimHash): string[] {
  return [hash.hi >>> 16, hash.hi & 0xffff, hash.lo >>> 16, hash.lo & 0xffff].map(
    (band, index) => `${index}:${band.toString(16).padStart(4, '0')}`,
  );
}
