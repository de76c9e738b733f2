/**
 * Extract throughput: sentences/second and docs/second for `extract` alone (clean and entities run before the
 * clock), on synthetic documents, at a few document sizes (one report, and 4 or 16 reports joined into one long
 * document). Baseline from the same run: splitting sentences only, the floor any extractor pays. A last row
 * times the learned attribution tagger alone on the one-report documents (its share of the extract stage).
 */
import { cleanDocument } from "../src/clean/index.js";
import { recognizeEntities } from "../src/extract/entities/index.js";
import { hasModel, tagAttributions } from "../src/extract/attribution-model/index.js";
import { extract, splitSentences } from "../src/extract/index.js";
import type { Article, Entity } from "../src/types.js";
import { syntheticDocuments } from "./synthetic.js";
import type { Benchmark, BenchRow } from "./types.js";

export const benchmark: Benchmark = {
  name: "extract",
  needsShared: false,
  async run(ctx) {
    const rows: BenchRow[] = [];
    const n = Math.max(20, Math.round(400 * ctx.scale));
    const base = [...syntheticDocuments(n, 7)].map((d) => cleanDocument(d));
    for (const join of [1, 4, 16]) {
      const docs: { article: Article; entities: Entity[] }[] = [];
      for (let i = 0; i + join <= base.length; i += join) {
        const parts = base.slice(i, i + join);
        const first = parts[0];
        if (!first) continue;
        const article = { ...first, body: parts.map((p) => p.body).join("\n\n") };
        docs.push({ article, entities: recognizeEntities(article) });
      }
      const sentences = docs.reduce((s, d) => s + splitSentences(d.article.body).length, 0);
      // One untimed pass first: loading the tagger's model and the JIT's warm-up are not per-document costs.
      if (join === 1) for (const d of docs.slice(0, 20)) extract(d.article, d.entities);
      let t = performance.now();
      for (const d of docs) splitSentences(d.article.body);
      const splitMs = performance.now() - t;
      t = performance.now();
      for (const d of docs) extract(d.article, d.entities);
      const ms = performance.now() - t;
      const label = `${docs.length} docs × ${join} report(s)`;
      rows.push({
        bench: "extract",
        case: `sentences/s, ${label}`,
        value: Math.round(sentences / (ms / 1000)),
        unit: "sent/s",
        baseline: { name: "sentence split only", value: Math.round(sentences / (splitMs / 1000)) },
      });
      rows.push({
        bench: "extract",
        case: `docs/s, ${label}`,
        value: Math.round(docs.length / (ms / 1000)),
        unit: "docs/s",
      });
      ctx.log(`extract: ${label} done`);
      if (join === 1 && hasModel()) {
        t = performance.now();
        for (const d of docs) tagAttributions(d.article.body);
        const tagMs = performance.now() - t;
        rows.push({
          bench: "extract",
          case: `sentences/s, attribution tagger alone, ${label}`,
          value: Math.round(sentences / (tagMs / 1000)),
          unit: "sent/s",
          baseline: { name: "whole extract stage", value: Math.round(sentences / (ms / 1000)) },
        });
      }
    }
    return rows;
  },
};
