/**
 * Word clusters for the cue tagger: for a lower-case word, its cluster at three granularities (32, 256 and
 * 1,024 clusters), from GloVe word vectors grouped by k-means
 * (scripts/build-clusters.ts). Words used alike in news text share a cluster, so a cue the training data
 * never showed ("assailed", "bristled") looks like the ones it did even where WordNet gives it another class.
 * The table (./clusters.bin) maps word hashes to packed cluster numbers; it holds no words. A word it does not
 * know, or a missing table, gives 0 ("no cluster"), and the taggers still run.
 *
 * Packing (one 32-bit number, each level stored plus one so that 0 means unknown): bits 0–5 the coarse
 * cluster, bits 6–14 the middle one, bits 15–26 the fine one.
 */
import { readFileSync } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";
import { assetPath } from "./assets.js";
import { hashString } from "./perceptron.js";

const MAGIC = "WDCL1";

/** Pack a word's three cluster numbers (0-based). */
export function clusterValue(coarse: number, middle: number, fine: number): number {
  return ((coarse + 1) | ((middle + 1) << 6) | ((fine + 1) << 15)) >>> 0;
}

/** Coarse (1–32), middle (1–256) and fine (1–4095) cluster of a packed value; 0 when unknown. */
export const coarseCluster = (v: number): number => v & 63;
export const middleCluster = (v: number): number => (v >>> 6) & 511;
export const fineCluster = (v: number): number => (v >>> 15) & 4095;

/** The table as a file: header, then gzip of the sorted word hashes followed by their packed clusters. */
export function packClusters(entries: Map<string, number>): Buffer {
  const rows = [...entries].map(([w, v]) => [hashString(w), v] as const).sort((a, b) => a[0] - b[0]);
  const n = rows.length;
  const head = Buffer.alloc(MAGIC.length + 4);
  head.write(MAGIC, 0, "latin1");
  head.writeUInt32LE(n, MAGIC.length);
  const cols = new Uint32Array(2 * n);
  rows.forEach(([key, v], i) => {
    cols[i] = key;
    cols[n + i] = v;
  });
  return Buffer.concat([head, gzipSync(Buffer.from(cols.buffer), { level: 9 })]);
}

export interface ClusterTable {
  /** Word hashes, sorted. */
  keys: Uint32Array;
  /** The packed clusters of keys[i]. */
  vals: Uint32Array;
}

export function unpackClusters(data: Buffer): ClusterTable {
  if (data.subarray(0, MAGIC.length).toString("latin1") !== MAGIC)
    throw new Error(
      "not a Watchdesk word-cluster table (bad header; rebuild it with scripts/build-clusters.ts)",
    );
  const n = data.readUInt32LE(MAGIC.length);
  const raw = gunzipSync(data.subarray(MAGIC.length + 4));
  // Copied out: the Buffer's byte offset need not be a multiple of 4.
  const all = new Uint32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.length));
  if (all.length !== 2 * n) throw new Error("word-cluster table is truncated");
  return { keys: all.subarray(0, n), vals: all.subarray(n) };
}

let table: ClusterTable | null | undefined;

function defaultTable(): ClusterTable | null {
  if (table === undefined) {
    const path = assetPath("clusters.bin");
    table = path ? unpackClusters(readFileSync(path)) : null;
  }
  return table;
}

const memo = new Map<string, number>();

/** The packed clusters of a lower-case word; 0 when unknown (memoised). */
export function clusterOf(word: string): number {
  let v = memo.get(word);
  if (v !== undefined) return v;
  const t = defaultTable();
  v = 0;
  if (t) {
    const h = hashString(word);
    let lo = 0;
    let hi = t.keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const k = t.keys[mid] ?? 0;
      if (k === h) {
        v = t.vals[mid] ?? 0;
        break;
      }
      if (k < h) lo = mid + 1;
      else hi = mid - 1;
    }
  }
  if (memo.size > 200_000) memo.clear();
  memo.set(word, v);
  return v;
}
