/**
 * Documents/second for `analyze` (clean → entities → extract, no I/O) and for ingest into SQLite (analyze +
 * putArticle, one transaction per article), on generated documents at several sizes. The baseline for each size
 * is `cleanDocument` alone on the same documents in the same run, so the ratio shows what extraction and
 * storage cost on top of reading the text.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { refreshCorpus } from "../src/app/corpus.js";
import { cleanDocument } from "../src/clean/index.js";
import { analyze } from "../src/pipeline.js";
import { openStore } from "../src/store/index.js";
import type { RawDocument } from "../src/types.js";
import { syntheticDocuments } from "./synthetic.js";
import type { Benchmark, BenchRow } from "./types.js";

function perSecond(count: number, ms: number): number {
  return ms > 0 ? (count * 1000) / ms : 0;
}

export const benchmark: Benchmark = {
  name: "pipeline",
  needsShared: false,
  async run(ctx) {
    const rows: BenchRow[] = [];
    const sizes = [1000, 5000].map((n) => Math.max(100, Math.round(n * ctx.scale)));
    for (const size of sizes) {
      const docs: RawDocument[] = [...syntheticDocuments(size, 7)];
      const chars = docs.reduce((n, d) => n + d.content.length, 0);

      let t = performance.now();
      for (const d of docs) cleanDocument(d);
      const cleanMs = performance.now() - t;

      t = performance.now();
      const analyzed = docs.map((d) => analyze(d));
      const analyzeMs = performance.now() - t;
      const baseline = { name: "clean only", value: perSecond(size, cleanMs) };
      rows.push({
        bench: "pipeline",
        case: `analyze ${size} docs`,
        value: perSecond(size, analyzeMs),
        unit: "docs/s",
        baseline,
        detail: `${((chars / 1024 / analyzeMs) * 1000).toFixed(0)} KiB/s of text`,
      });

      const file = join(ctx.workDir, `pipeline-${size}.db`);
      for (const s of ["", "-wal", "-shm"]) rmSync(file + s, { force: true });
      const store = await openStore(file);
      t = performance.now();
      for (const a of analyzed) await store.putArticle(a);
      const putMs = performance.now() - t;
      rows.push({
        bench: "pipeline",
        case: `ingest ${size} docs into SQLite`,
        value: perSecond(size, analyzeMs + putMs),
        unit: "docs/s",
        baseline,
        detail: `analyze ${analyzeMs.toFixed(0)} ms + store ${putMs.toFixed(0)} ms`,
      });
      t = performance.now();
      const corpus = await refreshCorpus(store);
      const refreshMs = performance.now() - t;
      rows.push({
        bench: "pipeline",
        case: `stories + ledger over ${size} stored docs`,
        value: perSecond(size, refreshMs),
        unit: "docs/s",
        detail: `${corpus.stories} stories, ${corpus.duplicates} duplicates, ${corpus.claims} canonical claims`,
      });
      await store.close();
      for (const s of ["", "-wal", "-shm"]) rmSync(file + s, { force: true });
      ctx.log(`size ${size} done`);
    }
    return rows;
  },
};
