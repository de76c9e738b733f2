/**
 * Body-extraction quality on the AEB dev split: our extractor (cleanDocument on the raw HTML) against
 * @mozilla/readability + linkedom on the same pages, same run, same metric (eval/extraction-metric.ts).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { cleanDocument } from "../src/clean/index.js";
import { type OverallScore, scoreAll } from "./extraction-metric.js";
import { loadAeb } from "./extraction-data.js";
import { readabilityText } from "./extraction-readability.js";
import { bootstrapF1, foldScores, ruleLeaks } from "./extraction-robustness.js";
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
    // Would the same code hold this level on pages it has never seen? (extraction-robustness.ts)
    const folds = foldScores(pages, ours, theirs);
    for (const f of folds)
      ctx.log(
        `extraction: fold ${f.fold + 1}/5 (${f.n} pages): watchdesk ${fmt(f.ours)}; readability ${fmt(f.baseline)}`,
      );
    const worstFoldF1 = Math.min(...folds.map((f) => f.ours.f1));
    const worstFoldP = Math.min(...folds.map((f) => f.ours.precision));
    const foldDetail = folds.map((f) => `${f.ours.f1.toFixed(3)}/${f.ours.precision.toFixed(3)}`).join(" ");
    const boot = bootstrapF1(us.pages);
    const leaks = ruleLeaks(fileURLToPath(new URL("../src/clean/", import.meta.url)), pages);
    for (const leak of leaks.slice(0, 10))
      ctx.log(`extraction: rule leak in ${leak.file}: ${leak.what} in ${JSON.stringify(leak.literal)}`);
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
        name: "aeb-dev worst of 5 folds F1",
        value: worstFoldF1,
        threshold: FOLD_F1_THRESHOLD,
        direction: "min",
        detail: `F1/P per fold: ${foldDetail}`,
      },
      {
        suite: "extraction",
        name: "aeb-dev worst of 5 folds precision",
        value: worstFoldP,
        threshold: FOLD_PRECISION_THRESHOLD,
        direction: "min",
        detail: `F1/P per fold: ${foldDetail}`,
      },
      {
        suite: "extraction",
        name: "aeb-dev F1 bootstrap mean − 2σ",
        value: boot.mean - 2 * boot.sd,
        threshold: BOOTSTRAP_LOW_THRESHOLD,
        direction: "min",
        detail: `F1 ${boot.mean.toFixed(4)} ± ${boot.sd.toFixed(4)} (1,000 resamples of pages)`,
      },
      {
        suite: "extraction",
        name: "rule literals naming a dev site or quoting a dev text",
        value: leaks.length,
        threshold: 0,
        direction: "max",
        detail: leaks.length
          ? leaks
              .slice(0, 3)
              .map((l) => `${l.file}: ${l.what}`)
              .join("; ")
          : "src/clean string/regex literals vs dev domains, og:site_name and reference 6-grams",
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

/**
 * Recorded on the dev split minus a small margin. Set at F1 0.9713, P 0.9555, R 0.9877; raised at
 * F1 0.9744, P 0.9609, R 0.9883 (worst fold 0.970/0.945, bootstrap 0.9744 ± 0.0038) to the issue's bar.
 */
export const F1_THRESHOLD = 0.967;
export const PRECISION_THRESHOLD = 0.952;
export const RECALL_THRESHOLD = 0.98;
/** Every fold must hold the issue's level: F1 ≥ 0.96 and precision ≥ 0.94 (and the lower bound ≥ 0.96). */
export const FOLD_F1_THRESHOLD = 0.96;
export const FOLD_PRECISION_THRESHOLD = 0.94;
export const BOOTSTRAP_LOW_THRESHOLD = 0.96;
