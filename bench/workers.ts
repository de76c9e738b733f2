/**
 * Scale-out: ingest through the Postgres work queue (`ingest --queue` + `watchdesk worker`) with 1, 2 and 4
 * worker processes, each draining the same synthetic corpus (bench/synthetic.ts) into a fresh schema.
 *
 * Two analyzers, because they scale differently:
 *   - the real pipeline (src/pipeline.ts): CPU-bound, so on N cores throughput grows up to about N workers;
 *   - the stand-in of bench/store.ts (finds the generator's own names): the figure is the queue and the store.
 * Baseline (same run, same documents): one process analyzing and storing them itself, one `putArticle` each
 * — what a plain `watchdesk ingest` into the same Postgres does.
 *
 * Worker processes start (load tsx and the pipeline, and warm up on other documents) before the clock starts:
 * the figure is a running worker draining the queue, not start-up. Each row also gives documents per CPU-second
 * of the workers (their own CPU time, not the database's): unlike docs/s it does not depend on how many cores
 * are free, so it shows what the queue costs per document. Needs WATCHDESK_TEST_PG_URL (or WATCHDESK_BENCH_PG_URL); skipped with a message without.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { analyze } from "../src/pipeline.js";
import { enqueueDocuments, WorkQueue } from "../src/queue/index.js";
import { openPostgresStore } from "../src/store/index.js";
import type { AnalyzedArticle, RawDocument } from "../src/types.js";
import { standInAnalyze } from "./store.js";
import { syntheticDocuments } from "./synthetic.js";
import type { Benchmark, BenchContext, BenchRow } from "./types.js";

const root = fileURLToPath(new URL("..", import.meta.url));

type Analyzer = "pipeline" | "stand-in";

/** All CPUs' busy and total time so far (Linux /proc/stat), or null elsewhere. */
function machineTimes(): { idle: number; total: number } | null {
  try {
    const fields = readFileSync("/proc/stat", "utf8")
      .split("\n")[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return { idle: fields[3]! + fields[4]!, total: fields.reduce((a, b) => a + b, 0) };
  } catch {
    return null;
  }
}

/** How busy the whole machine was since `since`, in percent: tells a CPU-bound run from a waiting one. */
function machineBusy(since: { idle: number; total: number } | null): number | null {
  const now = machineTimes();
  if (!since || !now || now.total === since.total) return null;
  return Math.round(100 * (1 - (now.idle - since.idle) / (now.total - since.total)));
}

/** Documents each worker (and the one-process baseline) analyzes before the clock starts. */
const WARM_UP = 40;

/** Worker processes that load everything, say "ready", and start draining when told "go" on stdin. */
async function startWorkers(
  url: string,
  n: number,
  analyzer: Analyzer,
  batchSize: number,
): Promise<{ children: ChildProcess[]; go: () => void; cpuSeconds: () => Promise<number> }> {
  const workerModule = join(root, "src/queue/worker.ts");
  const pipelineModule = join(root, analyzer === "pipeline" ? "src/pipeline.ts" : "bench/store.ts");
  const script = `
    const { runWorker } = await import(${JSON.stringify(workerModule)});
    const m = await import(${JSON.stringify(pipelineModule)});
    const analyze = m.analyze ?? m.standInAnalyze;
    // Warmed up on other documents (JIT, lazily built lexicons): the figure is a long-running worker's pace.
    const { syntheticDocuments } = await import(${JSON.stringify(join(root, "bench/synthetic.ts"))});
    for (const raw of syntheticDocuments(${WARM_UP}, 9)) analyze(raw);
    process.stdout.write("ready\\n");
    await new Promise((resolve) => process.stdin.once("data", resolve));
    process.stdin.pause();
    const cpu = process.cpuUsage();
    await runWorker({ url: process.argv[1], batchSize: ${batchSize}, pollMs: 50, untilEmpty: true, analyze });
    const used = process.cpuUsage(cpu);
    process.stdout.write(JSON.stringify({ cpuSeconds: (used.user + used.system) / 1e6 }) + "\\n");
  `;
  const children = Array.from({ length: n }, () =>
    spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script, url], {
      cwd: root,
      stdio: ["pipe", "pipe", "inherit"],
    }),
  );
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve, reject) => {
          child.stdout?.once("data", () => resolve());
          child.once("exit", (code) => reject(new Error(`bench worker exited early (${code})`)));
        }),
    ),
  );
  // What each worker prints after "ready": the CPU time it spent draining.
  const reports = children.map((child) => {
    let out = "";
    child.stdout?.on("data", (chunk) => {
      out += chunk;
    });
    return once(child, "close").then(() => {
      const line = out.split("\n").find((l) => l.startsWith("{"));
      return line ? (JSON.parse(line) as { cpuSeconds: number }).cpuSeconds : Number.NaN;
    });
  });
  return {
    children,
    go: () => {
      for (const child of children) child.stdin?.end("go\n");
    },
    cpuSeconds: async () => (await Promise.all(reports)).reduce((a, b) => a + b, 0),
  };
}

async function queueRows(
  ctx: BenchContext,
  urlFor: () => string,
  analyzer: Analyzer,
  count: number,
): Promise<BenchRow[]> {
  const raws: RawDocument[] = [...syntheticDocuments(count, 42)];
  const analyzeOne: (raw: RawDocument) => AnalyzedArticle =
    analyzer === "pipeline" ? analyze : standInAnalyze;
  const batchSize = analyzer === "pipeline" ? 10 : 20;

  ctx.log(`${analyzer}: ${count} docs analyzed and stored by one process (baseline)`);
  for (const raw of syntheticDocuments(WARM_UP, 9)) analyzeOne(raw);
  const direct = await openPostgresStore(urlFor());
  const t = performance.now();
  const cpu = process.cpuUsage();
  for (const raw of raws) await direct.putArticle(analyzeOne(raw));
  const directRate = count / ((performance.now() - t) / 1000);
  const directCpu = process.cpuUsage(cpu);
  const directPerCpu = count / ((directCpu.user + directCpu.system) / 1e6);
  await direct.close();

  const rows: BenchRow[] = [];
  for (const workers of [1, 2, 4]) {
    ctx.log(`${analyzer}: ${count} docs through the queue, ${workers} worker(s)`);
    const url = urlFor();
    await enqueueDocuments(url, raws);
    const queue = await WorkQueue.open(url, { max: 1 });
    const { children, go, cpuSeconds } = await startWorkers(url, workers, analyzer, batchSize);
    const started = performance.now();
    const machine = machineTimes();
    go();
    await Promise.all(children.map((c) => (c.exitCode === null ? once(c, "exit") : Promise.resolve())));
    const seconds = (performance.now() - started) / 1000;
    const busy = machineBusy(machine);
    const cpu = await cpuSeconds();
    const status = await queue.status();
    const stored = await queue.store.countArticles();
    await queue.close();
    rows.push({
      bench: "workers",
      case: `queue ingest, ${analyzer}, ${workers} worker${workers > 1 ? "s" : ""}`,
      value: status.done / seconds,
      unit: "docs/s",
      baseline: { name: "one process, putArticle each", value: directRate },
      detail:
        `${status.done}/${count} done, ${status.dead} dead, ${stored} articles, batches of ${batchSize}; ` +
        `${(status.done / cpu).toFixed(0)} docs per worker CPU-second (one process: ${directPerCpu.toFixed(0)})` +
        (busy === null ? "" : `; machine CPU ${busy}% busy (workers, Postgres and anything else running)`),
    });
  }
  return rows;
}

export const benchmark: Benchmark = {
  name: "workers",
  needsShared: false,
  async run(ctx) {
    const base = process.env.WATCHDESK_BENCH_PG_URL ?? process.env.WATCHDESK_TEST_PG_URL;
    if (!base) {
      ctx.log("skipped: set WATCHDESK_TEST_PG_URL=postgres://… to measure workers on Postgres");
      return [];
    }
    const schemas: string[] = [];
    const urlFor = () => {
      const schema = `wd_bench_${randomBytes(4).toString("hex")}`;
      schemas.push(schema);
      const url = new URL(base);
      url.searchParams.set("schema", schema);
      return url.toString();
    };
    try {
      return [
        ...(await queueRows(ctx, urlFor, "pipeline", Math.max(100, Math.round(600 * ctx.scale)))),
        ...(await queueRows(ctx, urlFor, "stand-in", Math.max(200, Math.round(2000 * ctx.scale)))),
      ];
    } finally {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      for (const schema of schemas) await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
  },
};
