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
import { assetLookup, type HashTable, packHashTable, unpackHashTable } from "./hash-table.js";

const MAGIC = "WDCL1";

/** Pack a word's three cluster numbers (0-based). */
export function clusterValue(coarse: number, middle: number, fine: number): number {
  return ((coarse + 1) | ((middle + 1) << 6) | ((fine + 1) << 15)) >>> 0;
}

/** Coarse (1–32), middle (1–256) and fine (1–4095) cluster of a packed value; 0 when unknown. */
export const coarseCluster = (v: number): number => v & 63;
export const middleCluster = (v: number): number => (v >>> 6) & 511;
export const fineCluster = (v: number): number => (v >>> 15) & 4095;

/** The table as a file (hash-table.ts): word hashes and their packed clusters. */
export function packClusters(entries: Map<string, number>): Buffer {
  return packHashTable(MAGIC, entries);
}

export type ClusterTable = HashTable;

export function unpackClusters(data: Buffer): ClusterTable {
  return unpackHashTable(MAGIC, data, "word-cluster table", "scripts/build-clusters.ts");
}

/** The packed clusters of a lower-case word; 0 when unknown (memoised). */
export const clusterOf = assetLookup("clusters.bin", unpackClusters);
