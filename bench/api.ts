/**
 * API latency under load: story and search requests against `watchdesk serve` over a 10,000-article SQLite
 * store, driven by autocannon on loopback. The desk runs in its own process (as `watchdesk serve` would), the
 * load generator in this one, so they do not share an event loop.
 *
 * The store is built from the synthetic generator (bench/synthetic.ts) analysed by the store bench's cheap
 * stand-in; duplicates and the ledger come from the real corpus stages (see buildStore). Baselines, from the
 * same run:
 *   - story: the same requests to a desk without its read cache (what each story page costs from the store);
 *   - search: a bare Hono server on the same port type answering a fixed JSON body of the same size (the
 *     floor for one HTTP round trip with this stack on this machine).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { findDuplicates } from "../src/cluster/index.js";
import { buildLedger, ledgerArticleOf } from "../src/ledger/index.js";
import type { Story } from "../src/types.js";
import { openSqliteStore } from "../src/store/index.js";
import { standInAnalyze } from "./store.js";
import { syntheticDocuments } from "./synthetic.js";
import type { Benchmark, BenchContext, BenchRow } from "./types.js";

const root = fileURLToPath(new URL("..", import.meta.url));

const QUERIES = [
  "artillery shells",
  "Pyongyang",
  '"ballistic missiles"',
  "sanctions tankers",
  "drones or launchers",
  "delegation talks",
  "denied weapons",
  "Treasury",
];

/** Words of the synthetic reports, paired into queries that are each asked once (read-cache misses). */
const WORDS = [
  "artillery",
  "shells",
  "missiles",
  "drones",
  "launchers",
  "Rajin",
  "Vostochny",
  "Nakhodka",
  "Tartus",
  "Chongjin",
  "sanctions",
  "tankers",
  "Treasury",
  "delegation",
  "talks",
  "denied",
  "Pyongyang",
  "Tehran",
  "Minsk",
  "Moscow",
  "exercise",
  "containers",
  "crates",
  "pallets",
];

/** `count` search paths, no two alike: word pairs, some with an outlet or a date range facet. */
export function distinctSearches(count: number): string[] {
  const out: string[] = [];
  for (let k = 0; out.length < count; k++) {
    for (let i = 0; i < WORDS.length && out.length < count; i++) {
      for (let j = 0; j < WORDS.length && out.length < count; j++) {
        if (i === j) continue;
        const q = encodeURIComponent(`${WORDS[i]} ${WORDS[j]}`);
        const facet =
          (i + j + k) % 3 === 0
            ? `&outlet=${encodeURIComponent("Pacific Wire")}`
            : (i + j + k) % 3 === 1
              ? `&from=2023-${String(1 + ((j + k) % 12)).padStart(2, "0")}-01`
              : "";
        out.push(`/api/search?q=${q}&limit=20${facet}${k ? `&offset=${k * 20}` : ""}`);
      }
    }
  }
  return out;
}

/** Remove a SQLite file with its -wal and -shm files. */
export function removeDatabase(path: string): void {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/**
 * Stories of about eight articles (as a desk sees them), duplicates found by the real near-duplicate stage,
 * and the ledger built by the real ledger stage over them. The real story clustering is not used here: over
 * this generator's few topics it merges 10,000 articles into a handful of giant stories, which is not what
 * story pages look like on real reporting (see the report of the bench).
 */
export async function buildStore(ctx: BenchContext, path: string, size: number): Promise<void> {
  removeDatabase(path);
  const store = await openSqliteStore(path);
  const ingestedAt = new Date().toISOString();
  const docs = [];
  const seen = new Set<string>();
  for (const raw of syntheticDocuments(size * 2, 7)) {
    const doc = standInAnalyze(raw);
    if (seen.has(doc.article.id)) continue;
    seen.add(doc.article.id);
    docs.push(doc);
    if (docs.length === size) break;
  }
  for (let i = 0; i < docs.length; i += 1000) {
    await store.importArticles(docs.slice(i, i + 1000).map((d) => ({ ...d, ingestedAt })));
  }
  const t = performance.now();
  const duplicates = findDuplicates(
    docs.map((d) => ({ id: d.article.id, body: d.article.body, published: d.article.published })),
  );
  const byDate = [...docs].sort((a, b) =>
    (b.article.published ?? "").localeCompare(a.article.published ?? ""),
  );
  const stories: Story[] = [];
  for (let i = 0; i < byDate.length; i += 8) {
    const members = byDate.slice(i, i + 8);
    const dates = members
      .map((d) => d.article.published)
      .filter((d): d is string => d !== null)
      .sort();
    stories.push({
      id: `st_bench${i / 8}`,
      title: members[0]!.article.title,
      start: dates[0] ?? null,
      end: dates[dates.length - 1] ?? null,
      articleIds: members.map((d) => d.article.id),
    });
  }
  await store.saveClustering({ stories, duplicates });
  const articles = docs.map(ledgerArticleOf);
  const ledger = buildLedger({ articles, duplicates, stories });
  await store.saveLedger(ledger);
  ctx.log(
    `store: ${docs.length} articles, ${stories.length} stories, ${duplicates.length} copies, ${ledger.claims.length} canonical claims (corpus stages ${((performance.now() - t) / 1000).toFixed(1)} s)`,
  );
  await store.close();
}

/** Start a server process; it prints its URL on stdout when listening. */
export async function startServer(
  script: string,
  args: string[],
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script, ...args], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /^(http:\/\/\S+)$/m.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once("exit", (code) => reject(new Error(`bench server exited early (${code})`)));
  });
  return { url, child };
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  await once(child, "exit");
}

/** `watchdesk serve` over the store at argv[1], with its read cache unless argv[2] is "nocache". */
export const DESK_SCRIPT = `
  const { openStore } = await import(${JSON.stringify(join(root, "src/store/index.ts"))});
  const { startDesk } = await import(${JSON.stringify(join(root, "src/server/index.ts"))});
  const store = await openStore(process.argv[1]);
  const desk = await startDesk({ store, port: 0, readCache: process.argv[2] !== "nocache" });
  process.stdout.write(desk.url + "\\n");
  process.on("SIGTERM", async () => { await desk.close(); await store.close(); process.exit(0); });
`;

const FLOOR_SCRIPT = `
  const { Hono } = await import("hono");
  const { serve } = await import("@hono/node-server");
  const body = "x".repeat(Number(process.argv[1]));
  const app = new Hono();
  app.get("*", (c) => c.json({ items: [body] }));
  const s = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info) => process.stdout.write("http://127.0.0.1:" + info.port + "\\n"));
  process.on("SIGTERM", () => s.close(() => process.exit(0)));
`;

interface Load {
  p50: number;
  p95: number;
  rps: number;
  errors: number;
  bytes: number;
  count: number;
}

/**
 * Drive `paths` round-robin over `connections` connections for `seconds`, at `rate` requests/s in all (or as
 * fast as the server answers when no rate is given); latencies per request.
 */
async function load(
  url: string,
  paths: string[],
  connections: number,
  seconds: number,
  rate?: number,
): Promise<Load> {
  let i = 0;
  const samples: number[] = [];
  let errors = 0;
  let bytes = 0;
  let finish: (r: autocannon.Result) => void = () => {};
  let fail: (e: unknown) => void = () => {};
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
      url,
      connections,
      duration: seconds,
      ...(rate ? { overallRate: rate } : {}),
      requests: [
        {
          setupRequest: (req) => {
            const path = paths[i++ % paths.length]!;
            return { ...req, path };
          },
        },
      ],
    },
    (error, result) => (error ? fail(error) : finish(result)),
  );
  instance.on("response", (_client, status, resBytes, responseTime) => {
    samples.push(responseTime);
    bytes += resBytes;
    if (status !== 200) errors += 1;
  });
  const result = await done;
  errors += result.errors + result.timeouts + result.non2xx;
  return {
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    rps: samples.length / seconds,
    errors,
    bytes: samples.length ? bytes / samples.length : 0,
    count: samples.length,
  };
}

export const benchmark: Benchmark = {
  name: "api",
  needsShared: false,
  async run(ctx) {
    const size = Math.round(10_000 * ctx.scale);
    const seconds = ctx.scale < 1 ? 4 : 15;
    const connections = 8;
    const path = join(ctx.workDir, `api-${size}.db`);
    ctx.log(`building a ${size}-article store`);
    await buildStore(ctx, path, size);

    const desk = await startServer(DESK_SCRIPT, [path, "cache"]);
    const rows: BenchRow[] = [];
    try {
      const list = (await (await fetch(`${desk.url}/api/stories?limit=500`)).json()) as {
        items: { id: string; articles: unknown[] }[];
      };
      const storyPaths = list.items
        .filter((s) => s.articles.length >= 2)
        .slice(0, 200)
        .map((s) => `/api/stories/${s.id}`);
      const searchPaths = QUERIES.flatMap((q) => [
        `/api/search?q=${encodeURIComponent(q)}&limit=20`,
        `/api/search?q=${encodeURIComponent(q)}&limit=20&outlet=${encodeURIComponent("Pacific Wire")}&from=2023-06-01`,
      ]);
      // One cold request first: what the first visitor after an ingest waits for.
      const tCold = performance.now();
      await (await fetch(`${desk.url}${storyPaths[0]}`)).arrayBuffer();
      const cold = performance.now() - tCold;
      // A busy desk: analysts opening stories and searching, 40 requests a second in all over 4 connections.
      // Then the same requests as fast as the desk answers (8 connections), to show where it saturates.
      const rate = 40;
      ctx.log(`${seconds} s per case: ${rate} req/s over 4 connections, then saturation with ${connections}`);
      const story = await load(desk.url, storyPaths, 4, seconds, rate);
      const search = await load(desk.url, searchPaths, 4, seconds, rate);
      const mixed = await load(desk.url, [...storyPaths.slice(0, 20), ...searchPaths], 4, seconds, rate);
      // Every query new to the desk: each one goes to the full-text index (none is answered from the cache).
      const fresh = distinctSearches(rate * seconds * 2);
      const searchFresh = await load(desk.url, fresh, 4, seconds, rate);
      const storyMax = await load(desk.url, storyPaths, connections, seconds);
      const searchMax = await load(desk.url, searchPaths, connections, seconds);
      await stop(desk.child);

      const uncached = await startServer(DESK_SCRIPT, [path, "nocache"]);
      const storyNoCache = await load(
        uncached.url,
        storyPaths,
        4,
        Math.max(3, Math.round(seconds / 3)),
        rate,
      );
      await stop(uncached.child);

      const floor = await startServer(FLOOR_SCRIPT, [String(Math.round(search.bytes))]);
      const floorLoad = await load(floor.url, ["/"], 4, seconds, rate);
      await stop(floor.child);

      rows.push(
        {
          bench: "api",
          case: `story p95 @${size}, ${rate} req/s`,
          value: story.p95,
          unit: "ms",
          baseline: { name: "same, desk without read cache", value: storyNoCache.p95 },
          detail: `p50 ${story.p50.toFixed(1)} ms, ${story.errors} errors, ${storyPaths.length} stories; first (cold) request ${cold.toFixed(0)} ms; saturated (${connections} conns): ${storyMax.rps.toFixed(0)} req/s, p95 ${storyMax.p95.toFixed(0)} ms`,
        },
        {
          bench: "api",
          case: `search p95 @${size}, ${rate} req/s`,
          value: search.p95,
          unit: "ms",
          baseline: { name: "bare Hono, fixed JSON same size", value: floorLoad.p95 },
          detail: `p50 ${search.p50.toFixed(1)} ms, ${search.errors} errors; plain and outlet+date facets, limit 20; saturated (${connections} conns): ${searchMax.rps.toFixed(0)} req/s, p95 ${searchMax.p95.toFixed(0)} ms`,
        },
        {
          bench: "api",
          case: `search p95 @${size}, every query distinct, ${rate} req/s`,
          value: searchFresh.p95,
          unit: "ms",
          baseline: { name: "repeated queries (read cache) p95", value: search.p95 },
          detail: `p50 ${searchFresh.p50.toFixed(1)} ms, ${searchFresh.errors} errors over ${searchFresh.count} requests, none repeated (word pairs, a third with an outlet facet, a third with a date range)`,
        },
        {
          bench: "api",
          case: `mixed story+search p95 @${size}, ${rate} req/s`,
          value: mixed.p95,
          unit: "ms",
          baseline: { name: "search alone p95", value: search.p95 },
          detail: `${mixed.errors} errors over ${mixed.count} requests`,
        },
      );
    } finally {
      await stop(desk.child);
      removeDatabase(path);
    }
    return rows;
  },
};
