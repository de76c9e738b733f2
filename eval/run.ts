/**
 * `npm run eval [-- <suite names>]`: run the scored checks and print one table. Exit 1 when a check falls
 * below (or above, for "max") its recorded threshold. Suites that need ../shared are skipped when it is absent.
 */
import { existsSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { suites } from "./suites.js";
import type { EvalCheck } from "./types.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const sharedCandidates = [process.env.WATCHDESK_SHARED, resolve(root, "../shared")].filter(
  Boolean,
) as string[];
const sharedDir = sharedCandidates.find((d) => existsSync(d)) ?? null;
const outDir = resolve(root, ".eval-output");
mkdirSync(outDir, { recursive: true });

const only = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const selected = only.length ? suites.filter((s) => only.includes(s.name)) : suites;

const rows: { check: EvalCheck; ok: boolean }[] = [];
const skipped: string[] = [];
for (const suite of selected) {
  if (suite.needsShared && !sharedDir) {
    skipped.push(suite.name);
    continue;
  }
  const started = Date.now();
  process.stderr.write(`eval: ${suite.name}…\n`);
  const checks = await suite.run({
    sharedDir,
    outDir,
    log: (m) => process.stderr.write(`  ${suite.name}: ${m}\n`),
  });
  process.stderr.write(`eval: ${suite.name} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  for (const check of checks) {
    const ok =
      check.direction === "min"
        ? check.value >= check.threshold - 1e-9
        : check.value <= check.threshold + 1e-9;
    rows.push({ check, ok });
  }
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(4));
const header = ["", "suite", "check", "value", "threshold", "detail"];
const body = rows.map(({ check, ok }) => [
  ok ? "ok" : "FAIL",
  check.suite,
  check.name,
  fmt(check.value),
  `${check.direction === "min" ? "≥" : "≤"} ${fmt(check.threshold)}`,
  check.detail ?? "",
]);
const widths = header.map((h, i) => Math.min(70, Math.max(h.length, ...body.map((r) => r[i]!.length))));
const line = (r: string[]) =>
  r
    .map((v, i) => (v.length > widths[i]! ? `${v.slice(0, widths[i]! - 1)}…` : v.padEnd(widths[i]!)))
    .join("  ")
    .trimEnd();
console.log(line(header));
for (const r of body) console.log(line(r));
if (skipped.length) console.log(`skipped (../shared not found): ${skipped.join(", ")}`);
const failed = rows.filter((r) => !r.ok).length;
console.log(`${rows.length - failed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
