/**
 * `npm run bench [-- --quick] [names…]`: run the benchmarks and print one table with the machine and versions.
 * Every figure that has a baseline shows it from the same run, with the ratio.
 */
import { mkdirSync } from "node:fs";
import { existsSync } from "node:fs";
import { arch, cpus, platform, totalmem } from "node:os";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { benchmarks } from "./benchmarks.js";
import type { BenchRow } from "./types.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const only = args.filter((a) => !a.startsWith("-"));
const sharedDir =
  [process.env.WATCHDESK_SHARED, resolve(root, "../shared")].find((d) => d && existsSync(d)) ?? null;
const workDir = resolve(root, ".bench-output");
mkdirSync(workDir, { recursive: true });

const sqliteVersion = await (async () => {
  try {
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(":memory:");
    const v = (db.prepare("select sqlite_version() as v").get() as { v: string }).v;
    db.close();
    return v;
  } catch {
    return "?";
  }
})();
console.log(
  `machine: ${cpus()[0]?.model ?? "?"} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()}/${arch()}`,
);
console.log(
  `versions: node ${process.version}, sqlite ${sqliteVersion}${quick ? "  (quick: sizes × 0.1)" : ""}`,
);

const rows: BenchRow[] = [];
for (const b of benchmarks.filter((x) => only.length === 0 || only.includes(x.name))) {
  if (b.needsShared && !sharedDir) {
    console.log(`skipped ${b.name}: ../shared not found`);
    continue;
  }
  process.stderr.write(`bench: ${b.name}…\n`);
  rows.push(
    ...(await b.run({
      sharedDir,
      workDir,
      scale: quick ? 0.1 : 1,
      log: (m) => process.stderr.write(`  ${b.name}: ${m}\n`),
    })),
  );
}

const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v.toPrecision(3));
const table = rows.map((r) => [
  r.bench,
  r.case,
  `${fmt(r.value)} ${r.unit}`,
  r.baseline ? `${r.baseline.name}: ${fmt(r.baseline.value)} ${r.unit}` : "",
  r.baseline?.value ? `×${(r.value / r.baseline.value).toFixed(2)}` : "",
  r.detail ?? "",
]);
const header = ["bench", "case", "value", "baseline (same run)", "ratio", "detail"];
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
const line = (r: string[]) =>
  r
    .map((v, i) => v.padEnd(widths[i]!))
    .join("  ")
    .trimEnd();
console.log(line(header));
for (const r of table) console.log(line(r));
