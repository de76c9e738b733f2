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
 * A bucket that many documents share is boilerplate, not a copy: it keeps only its `bucketCap` most recent
 * members, which bounds the work per document whatever the corpus size. A real copy shares many bands with
 * its original, so it is still found through the others.
 *
 * Written as an open-addressing hash table over typed arrays: a bucket with one document (most of them)
 * holds it in its slot; a second one moves the bucket to a small ring in a shared pool, read in one go. With
 * millions of buckets, a JavaScript Map of arrays spent most of its time in allocation, rehashing, garbage
 * collection and cache misses.
 */
export class LshIndex {
  /** Band key + 1 per slot (0: empty). */
  private keys = new Int32Array(1 << 12);
  /** doc + 1 for a bucket of one; −(ring + 1) for a bucket moved to the pool. */
  private vals = new Int32Array(1 << 12);
  private used = 0;
  /** Rings of `2 + bucketCap` ints: how many were ever added, unused, then the members. */
  private pool = new Int32Array(1 << 12);
  private rings = 0;

  constructor(private readonly bucketCap = 8) {}

  private slot(key: number): number {
    const mask = this.keys.length - 1;
    let i = fmix32(key) & mask;
    while (this.keys[i] !== 0 && this.keys[i] !== key + 1) i = (i + 1) & mask;
    return i;
  }

  private grow(): void {
    const keys = this.keys;
    const vals = this.vals;
    this.keys = new Int32Array(keys.length * 2);
    this.vals = new Int32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === 0) continue;
      const j = this.slot(keys[i]! - 1);
      this.keys[j] = keys[i]!;
      this.vals[j] = vals[i]!;
    }
  }

  private newRing(first: number): number {
    const size = 2 + this.bucketCap;
    if ((this.rings + 1) * size > this.pool.length) {
      const pool = new Int32Array(this.pool.length * 2);
      pool.set(this.pool);
      this.pool = pool;
    }
    const base = this.rings * size;
    this.pool[base] = 1;
    this.pool[base + 2] = first;
    return this.rings++;
  }

  /** Candidate documents already in the index that share a band with `sig`, then add `doc` itself.
   * `tally`, when given, counts for each candidate how many bands it shares (it is not reset). */
  addAndQuery(doc: number, sig: Uint32Array, tally: Tally = new Tally()): number[] {
    const keys = bandKeys(sig);
    const size = 2 + this.bucketCap;
    for (let b = 0; b < keys.length; b++) {
      if ((this.used + 1) * 10 > this.keys.length * 7) this.grow();
      const key = keys[b]!;
      const i = this.slot(key);
      const v = this.vals[i]!;
      if (this.keys[i] === 0) {
        this.keys[i] = key + 1;
        this.vals[i] = doc + 1;
        this.used++;
      } else if (v > 0) {
        tally.add(v - 1);
        const ring = this.newRing(v - 1);
        this.vals[i] = -(ring + 1);
        this.push(ring, doc, size);
      } else {
        const base = (-v - 1) * size;
        const n = Math.min(this.pool[base]!, this.bucketCap);
        for (let j = 0; j < n; j++) tally.add(this.pool[base + 2 + j]!);
        this.push(-v - 1, doc, size);
      }
    }
    return tally.touched;
  }

  private push(ring: number, doc: number, size: number): void {
    const base = ring * size;
    const count = this.pool[base]!;
    this.pool[base + 2 + (count % this.bucketCap)] = doc;
    this.pool[base] = count + 1;
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
