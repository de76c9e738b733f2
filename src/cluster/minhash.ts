/**
 * MinHash signatures and LSH banding, written here because the npm packages for it are unmaintained and the
 * algorithm is a few lines (Broder 1997; Leskovec, Rajaraman & Ullman, "Mining of Massive Datasets", ch. 3).
 *
 * The signature is a one-permutation MinHash (Li, Owen & Zhang 2012): each shingle is hashed once, falls
 * into one of 126 bins and keeps the minimum per bin; bins that no shingle reached borrow from the next
 * filled bin to their right (rotation densification, Shrivastava & Li 2014). Two sets then agree on a
 * position with probability equal to their Jaccard similarity, as with 126 independent permutations, at
 * the cost of one hash per shingle instead of 126 (the classic loop was the hot spot of clustering).
 *
 * Banded as 42 bands × 3 rows: a pair with Jaccard s collides in at least one band with probability
 * 1 − (1 − s³)^42, i.e. p ≈ 0.84 at s = 0.35, p ≈ 0.94 at s = 0.4, p > 0.99 at s = 0.5 and p ≈ 0.13 at
 * s = 0.15. Candidates are then verified on their real shingle sets, so LSH only decides which pairs are
 * compared, which keeps the work close to linear in the corpus size.
 */
import { fmix32 } from "./shingles.js";

export const PERMUTATIONS = 126;
export const BANDS = 42;
export const ROWS = PERMUTATIONS / BANDS;

/** Signature values, shingle hashes and band keys are kept to 30 bits: V8 holds those as small integers,
 * while larger 32-bit values become boxed doubles that make every comparison several times slower. */
const MASK = 0x3fffffff;
const EMPTY = MASK + 1;
const BIN_SEED = 0x3c6ef372;
const VALUE_SEED = 0xa54ff53a;

export function signature(shingles: Uint32Array): Uint32Array {
  const sig = new Uint32Array(PERMUTATIONS).fill(EMPTY);
  // (EMPTY is one above any value, so it never equals a real one.)
  for (let i = 0; i < shingles.length; i++) {
    const s = shingles[i]!;
    const bin = fmix32(s ^ BIN_SEED) % PERMUTATIONS;
    const v = fmix32(s ^ VALUE_SEED) & MASK;
    if (v < sig[bin]!) sig[bin] = v;
  }
  if (shingles.length === 0) return sig;
  // Rotation densification: an empty bin takes the value of the nearest filled bin to its right, mixed
  // with the distance, so that two sets agree there exactly when they agree on the donor at that distance.
  const filled = new Uint8Array(PERMUTATIONS);
  for (let i = 0; i < PERMUTATIONS; i++) filled[i] = sig[i] !== EMPTY ? 1 : 0;
  for (let i = 0; i < PERMUTATIONS; i++) {
    if (filled[i]) continue;
    let d = 1;
    while (!filled[(i + d) % PERMUTATIONS]) d++;
    sig[i] = fmix32(sig[(i + d) % PERMUTATIONS]! ^ Math.imul(d, 0x9e3779b9)) & MASK;
  }
  return sig;
}

/** The fraction of equal positions: an estimate of the Jaccard similarity of the two sets. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < PERMUTATIONS; i++) if (a[i] === b[i]) same++;
  return same / PERMUTATIONS;
}

/** One 32-bit key per band (the band's rows and its number, mixed); two signatures sharing any key are
 * candidate pairs. */
export function bandKeys(sig: Uint32Array): Uint32Array {
  const keys = new Uint32Array(BANDS);
  for (let band = 0; band < BANDS; band++) {
    let h = Math.imul(band + 1, 0x27d4eb2f);
    for (let r = 0; r < ROWS; r++) h = fmix32(h ^ sig[band * ROWS + r]!);
    keys[band] = h & MASK;
  }
  return keys;
}

/**
 * An LSH index that grows one document at a time (duplicate detection adds each new article to it).
 * A bucket that many documents share is boilerplate, not a copy: only its `bucketCap` most recent members
 * are returned and kept, which bounds the work per document whatever the corpus size. A real copy shares
 * many bands with its original, so it is still found through the others.
 */
export class LshIndex {
  private readonly buckets = new Map<number, number[]>();

  constructor(private readonly bucketCap = 16) {}

  /** Candidate documents already in the index that share a band with `sig`, then add `doc` itself.
   * `tally`, when given, counts for each candidate how many bands it shares (it is not reset). */
  addAndQuery(doc: number, sig: Uint32Array, tally: Tally = new Tally()): number[] {
    const keys = bandKeys(sig);
    for (let b = 0; b < keys.length; b++) {
      const key = keys[b]!;
      const bucket = this.buckets.get(key);
      if (bucket) {
        for (let i = 0; i < bucket.length; i++) tally.add(bucket[i]!);
        bucket.push(doc);
        if (bucket.length > this.bucketCap * 2) bucket.splice(0, bucket.length - this.bucketCap);
      } else this.buckets.set(key, [doc]);
    }
    return tally.touched;
  }
}

/** Counts per document number, reset in O(1) between queries (a Map per query was the hot spot). */
export class Tally {
  private counts = new Uint16Array(1024);
  private stamps = new Uint32Array(1024);
  private stamp = 1;
  /** The documents counted since the last reset, in the order first seen. */
  readonly touched: number[] = [];

  reset(): void {
    this.stamp++;
    this.touched.length = 0;
  }

  add(doc: number, n = 1): void {
    if (doc >= this.counts.length) {
      const size = Math.max(doc + 1, this.counts.length * 2);
      const counts = new Uint16Array(size);
      counts.set(this.counts);
      const stamps = new Uint32Array(size);
      stamps.set(this.stamps);
      this.counts = counts;
      this.stamps = stamps;
    }
    if (this.stamps[doc] !== this.stamp) {
      this.stamps[doc] = this.stamp;
      this.counts[doc] = 0;
      this.touched.push(doc);
    }
    this.counts[doc] = Math.min(0xffff, this.counts[doc]! + n);
  }

  get(doc: number): number {
    return doc < this.counts.length && this.stamps[doc] === this.stamp ? this.counts[doc]! : 0;
  }
}
