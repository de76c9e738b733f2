/**
 * Attribution on PolNeAR (../shared/data/attribution): source, cue and content spans, scored with the metric of
 * that folder's README (eval/attribution-metric.ts). Predictions come from the same code path as
 * `watchdesk attributions --jsonl` (rawAttributions) and are written to .eval-output/attribution-<split>.jsonl.
 * Two splits are scored in full: PolNeAR dev, and the held-out tenth of train that the trained model never saw
 * (eval/attribution-data.ts isHeldOut). Thresholds are a regression gate at the figures last reached on dev;
 * the published figures (PolNeAR test, sentence-level tagging, not directly comparable) are shown beside them.
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { rawAttributions } from "../src/cli/commands/attributions.js";
import { type GoldDocument, isHeldOut, readSplit } from "./attribution-data.js";
import { type AttributionScore, scoreAttributions } from "./attribution-metric.js";
import type { EvalCheck, EvalSuite } from "./types.js";

/** Published per-role exact F1 (PolNeAR test; Wang et al., COLING 2022): rule baseline and best neural. */
const PUBLISHED = {
  source: { rule: 0.107, neural: 0.832 },
  cue: { rule: 0.228, neural: 0.753 },
  content: { rule: 0.056, neural: 0.729 },
} as const;

/** Figures last reached, a little below (a regression gate; raise them when the scores rise). */
const THRESHOLDS: Record<string, number> = {
  "dev source exact F1": 0.715,
  "dev cue exact F1": 0.7,
  "dev content exact F1": 0.549,
  "dev source partial F1": 0.755,
  "dev cue partial F1": 0.755,
  "dev content partial F1": 0.715,
  "dev attribution F1": 0.735,
  "held-out source exact F1": 0.665,
  "held-out cue exact F1": 0.66,
  "held-out content exact F1": 0.528,
  "held-out source partial F1": 0.72,
  "held-out cue partial F1": 0.72,
  "held-out content partial F1": 0.69,
  "held-out attribution F1": 0.7,
};

function predict(docs: GoldDocument[], outFile: string): AttributionScore {
  const lines: string[] = [];
  const scored = docs.map((d) => {
    const rec = rawAttributions({
      source: `${d.doc}.txt`,
      kind: "text",
      contentType: "text/plain",
      content: d.text,
      hints: {},
    });
    lines.push(JSON.stringify(rec));
    return { text: d.text, gold: d.attributions, predicted: rec.attributions };
  });
  writeFileSync(outFile, `${lines.join("\n")}\n`);
  return scoreAttributions(scored);
}

const pct = (v: number) => (100 * v).toFixed(1);

export const suite: EvalSuite = {
  name: "attribution",
  needsShared: true,
  async run(ctx) {
    const dir = join(ctx.sharedDir ?? "", "data/attribution/polnear");
    if (!existsSync(dir)) return [];
    const checks: EvalCheck[] = [];
    const splits: [string, GoldDocument[]][] = [
      ["dev", readSplit(dir, "dev")],
      ["held-out train", readSplit(dir, "train").filter((d) => isHeldOut(d.doc))],
    ];
    for (const [name, docs] of splits) {
      const started = Date.now();
      const s = predict(docs, join(ctx.outDir, `attribution-${name.replace(/\s+/g, "-")}.jsonl`));
      ctx.log(
        `${name}: ${docs.length} docs, ${s.gold} gold, ${s.predicted} predicted, ${s.matched} matched, ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      const split = name === "dev" ? "dev" : "held-out";
      for (const role of ["source", "cue", "content"] as const) {
        const r = s[role];
        for (const kind of ["exact", "partial"] as const) {
          const key = `${split} ${role} ${kind} F1`;
          const pub = PUBLISHED[role];
          checks.push({
            suite: "attribution",
            name: key,
            value: r[kind].f,
            threshold: THRESHOLDS[key] ?? 0,
            direction: "min",
            detail:
              `P ${pct(r[kind].p)} R ${pct(r[kind].r)}` +
              (kind === "exact" ? ` · published test: rule ${pct(pub.rule)}, neural ${pct(pub.neural)}` : ""),
          });
        }
      }
      checks.push({
        suite: "attribution",
        name: `${split} attribution F1`,
        value: s.attribution.f,
        threshold: THRESHOLDS[`${split} attribution F1`] ?? 0,
        direction: "min",
        detail: `P ${pct(s.attribution.p)} R ${pct(s.attribution.r)}; all roles exact F1 ${pct(s.attributionExact.f)}`,
      });
    }
    return checks;
  },
};
