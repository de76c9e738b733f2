/**
 * MinHash signatures and LSH banding, written here because the npm packages for it are unmaintained and the
 * algorithm is a few lines (Broder 1997; Leskovec, Rajaraman & Ullman, "Mining of Massive Datasets", ch. 3).
 *
 * 126 seeded permutations h_i(x) = fmix32(x ⊕ seed_i), banded as 42 bands × 3 rows: a pair with
 * Jaccard s collides in at least one band with probability 1 − (1 − s³)^42, i.e. p ≈ 0.94 at s = 0.4,
 * p > 0.99 at s = 0.5 and p ≈ 0.13 at s = 0.15. Candidates are then verified on their real shingle sets, so LSH only decides which
 * pairs are compared, which keeps the work close to linear in the corpus size.
 */

export const PERMUTATIONS = 126;
export const BANDS = 42;
export const ROWS = PERMUTATIONS / BANDS;

/** Deterministic per-permutation seeds (xorshift from a fixed start), so signatures are stable across runs. */
const SEEDS: Uint32Array = (() => {
  let x = 0x9e3779b9;
  const out = new Uint32Array(PERMUTATIONS);
  for (let i = 0; i < PERMUTATIONS; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x;
  }
  return out;
})();

/** MurmurHash3's 32-bit finaliser: a cheap bijective mix; seeded, it acts as one random permutation. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function signature(shingles: Uint32Array): Uint32Array {
  const sig = new Uint32Array(PERMUTATIONS).fill(0xffffffff);
  for (const s of shingles) {
    for (let i = 0; i < PERMUTATIONS; i++) {
      const v = fmix(s ^ SEEDS[i]!);
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return sig;
}

/** The fraction of equal positions: an unbiased estimate of the Jaccard similarity of the two sets. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < PERMUTATIONS; i++) if (a[i] === b[i]) same++;
  return same / PERMUTATIONS;
}

/** One key per band; two signatures sharing any key are candidate pairs. */
export function bandKeys(sig: Uint32Array): string[] {
  const keys: string[] = [];
  for (let band = 0; band < BANDS; band++) {
    let key = `${band}`;
    for (let r = 0; r < ROWS; r++) key += `:${sig[band * ROWS + r]!.toString(36)}`;
    keys.push(key);
  }
  return keys;
}

/** An LSH index that grows one document at a time (incremental clustering adds each new article to it). */
export class LshIndex {
  private readonly buckets = new Map<string, number[]>();

  /** Candidate documents already in the index that share a band with `sig`, then add `doc` itself. */
  addAndQuery(doc: number, sig: Uint32Array): number[] {
    const found = new Set<number>();
    for (const key of bandKeys(sig)) {
      const bucket = this.buckets.get(key);
      if (bucket) {
        for (const other of bucket) found.add(other);
        bucket.push(doc);
      } else this.buckets.set(key, [doc]);
    }
    return [...found];
  }
}
