/**
 * Body-extraction quality on the AEB dev split: our extractor (cleanDocument on the raw HTML) against
 * @mozilla/readability + linkedom on the same pages, same run, same metric (eval/extraction-metric.ts).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cleanDocument } from "../src/clean/index.js";
import { type OverallScore, scoreAll } from "./extraction-metric.js";
import { loadAeb } from "./extraction-data.js";
import { readabilityText } from "./extraction-readability.js";
import type { EvalSuite } from "./types.js";

export function ourText(html: string, url: string): string {
  return cleanDocument({ source: url, kind: "html", contentType: "text/html", content: html, hints: { url } })
    .body;
}

function fmt(s: OverallScore): string {
  return `F1 ${s.f1.toFixed(4)} P ${s.precision.toFixed(4)} R ${s.recall.toFixed(4)} exact ${(s.accuracy * 100).toFixed(1)}%`;
}

export const suite: EvalSuite = {
  name: "extraction",
  needsShared: true,
  async run(ctx) {
    if (!ctx.sharedDir) return [];
    const pages = loadAeb(ctx.sharedDir);
    ctx.log(`extraction: ${pages.length} AEB dev pages`);
    const references = new Map(pages.map((p) => [p.id, p.reference]));
    const ours = new Map<string, string>();
    const theirs = new Map<string, string>();
    for (const page of pages) {
      ours.set(page.id, ourText(page.html, page.url));
      theirs.set(page.id, readabilityText(page.html));
    }
    mkdirSync(ctx.outDir, { recursive: true });
    const jsonl = (m: Map<string, string>) =>
      [...m].map(([id, text]) => JSON.stringify({ id, text })).join("\n") + "\n";
    writeFileSync(join(ctx.outDir, "extraction-watchdesk.jsonl"), jsonl(ours));
    writeFileSync(join(ctx.outDir, "extraction-readability.jsonl"), jsonl(theirs));
    const us = scoreAll(references, ours);
    const base = scoreAll(references, theirs);
    const worst = [...us.pages].sort((a, b) => (a.f1 ?? 0) - (b.f1 ?? 0)).slice(0, 10);
    ctx.log(
      `extraction: worst pages ${worst.map((p) => `${p.id.slice(0, 8)} P${(p.precision ?? 0).toFixed(2)}/R${(p.recall ?? 0).toFixed(2)}`).join(", ")}`,
    );
    const detail = `watchdesk ${fmt(us)}; readability+linkedom ${fmt(base)} (n=${us.n})`;
    return [
      {
        suite: "extraction",
        name: "aeb-dev body F1",
        value: us.f1,
        threshold: F1_THRESHOLD,
        direction: "min",
        detail,
      },
      {
        suite: "extraction",
        name: "aeb-dev body precision",
        value: us.precision,
        threshold: PRECISION_THRESHOLD,
        direction: "min",
        detail,
      },
      {
        suite: "extraction",
        name: "aeb-dev body recall",
        value: us.recall,
        threshold: RECALL_THRESHOLD,
        direction: "min",
        detail,
      },
    ];
  },
};

/** Recorded on the dev split (F1 0.9713, P 0.9555, R 0.9877 when set) minus a small margin. */
export const F1_THRESHOLD = 0.965;
export const PRECISION_THRESHOLD = 0.945;
export const RECALL_THRESHOLD = 0.98;
