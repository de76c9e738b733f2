#!/usr/bin/env node
// `npm run soak [-- faults|hostile|load]`: the long versions of the fault and hostile-input suites, and a load
// test of the desk. With no argument it runs all three.
//
//  - faults, hostile: the same test files `npm test` runs, with WATCHDESK_SOAK=1 (src/app/testing/soak.ts), which
//    turns on the big sizes: a 50 MB single line, a 1 GB gzip bomb, a 512 MB zip bomb, 200,000-deep HTML, many
//    kill -9 cycles at random points, hundreds of property-test runs, a read-only file written as another user.
//  - load: `watchdesk serve` (its own process) over a 10,000-article SQLite store, driven by autocannon on
//    loopback at 200 requests/second of mixed reads (API and pages) for 60 s. Passes with no error and a p99
//    under 250 ms. `--rate`, `--seconds`, `--articles`, `--connections`, `--mix all|browse` and `--writes-every <s>`
//    (another process writes to the store every so often, emptying the desk's read cache) change the figures.
//
// Runs through tsx (see package.json), so it imports the TypeScript sources directly.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";

const root = fileURLToPath(new URL("..", import.meta.url));

const SUITES = {
  faults: ["src/app/faults.test.ts", "src/store/faults.test.ts"],
  hostile: ["src/app/hostile.test.ts", "src/server/hostile.test.ts", "src/ingest/hostile.test.ts"],
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rate: { type: "string", default: "200" },
    seconds: { type: "string", default: "60" },
    articles: { type: "string", default: "10000" },
    connections: { type: "string", default: "40" },
    // all: every kind of read, search and entity pages included; browse: lists, stories, articles, claims.
    mix: { type: "string", default: "all" },
    // Seconds between two writes to the store by another process (as an ingest landing): each one empties
    // the desk's read cache, so pages are read afresh from the store. 0: no writes.
    "writes-every": { type: "string", default: "0" },
  },
});
const parts = positionals.length ? positionals : ["faults", "hostile", "load"];
for (const part of parts) {
  if (!["faults", "hostile", "load"].includes(part)) {
    console.error(`soak: unknown part "${part}" (faults, hostile or load)`);
    process.exit(2);
  }
}

function runSuites(name) {
  console.log(`\n── soak: ${name} (${SUITES[name].join(", ")}) ──`);
  const started = Date.now();
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", "--test", "--test-concurrency=1", "--test-reporter=spec", ...SUITES[name]],
    { cwd: root, stdio: "inherit", env: { ...process.env, WATCHDESK_TEST: "1", WATCHDESK_SOAK: "1" } },
  );
  console.log(
    `soak: ${name} ${result.status === 0 ? "passed" : "FAILED"} in ${Math.round((Date.now() - started) / 1000)} s`,
  );
  return result.status === 0;
}

// Stand-ins in the "all" mix for a search no one has asked before: each request takes the next query of
// bench/api.ts's distinct word pairs (with facets), so searches go to the full-text index, not the read cache.
const FRESH_SEARCH = "<fresh search>";
const FRESH_SEARCH_PAGE = "<fresh search page>";
// …and for an article page: each takes the next of the 2,000 articles listed, so they are not the warmed ones
// and come back only after 2,000 others (more than the read cache keeps whole).
const FRESH_ARTICLE = "<fresh article>";
const FRESH_ARTICLE_PAGE = "<fresh article page>";

/** A mix of what analysts open: lists, story and article pages, search, the ledger, entities (API and HTML). */
async function mixedPaths(url) {
  const get = async (path) => {
    const res = await fetch(url + path);
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return res.json();
  };
  const stories = (await get("/api/stories?limit=200")).items.map((s) => s.id);
  // 2,000 articles (a fifth of the store), more than the desk's read cache keeps whole.
  const articles = [];
  for (let offset = 0; offset < 2000; offset += 500)
    articles.push(...(await get(`/api/articles?limit=500&offset=${offset}`)).items.map((a) => a.id));
  const claims = (await get("/api/ledger?limit=100")).items.map((c) => c.id);
  // The 80 most named entities, the synthetic corpus's few states (each in thousands of articles) first:
  // entity pages give their articles and claims a page at a time.
  const entities = (await get("/api/entities?limit=80")).items.map((e) => e.key);
  const paths = [];
  for (let i = 0; i < 40; i++) {
    if (values.mix === "browse") {
      paths.push(
        `/api/stories/${stories[i % stories.length]}`,
        FRESH_ARTICLE,
        `/api/ledger/${claims[i % claims.length]}`,
        `/api/articles?limit=20&offset=${(i * 20) % 2000}`,
        `/stories/${stories[(i * 7) % stories.length]}`,
        FRESH_ARTICLE_PAGE,
      );
      if (i % 4 === 0)
        paths.push("/api/stories?limit=20", "/api/ledger?limit=20", "/api/discrepancies?limit=20");
      continue;
    }
    paths.push(
      `/api/stories/${stories[i % stories.length]}`,
      FRESH_ARTICLE,
      FRESH_SEARCH,
      `/api/ledger/${claims[i % claims.length]}`,
      `/api/entities/${encodeURIComponent(entities[i % entities.length])}`,
      `/api/articles?limit=20&offset=${(i * 20) % 2000}`,
      `/stories/${stories[(i * 7) % stories.length]}`,
      FRESH_ARTICLE_PAGE,
      FRESH_SEARCH_PAGE,
      `/entities/${encodeURIComponent(entities[(i * 3) % entities.length])}`,
    );
    if (i % 4 === 0) {
      paths.push(
        "/",
        "/api/stories?limit=20",
        "/api/ledger?limit=20",
        "/api/entities?limit=20",
        "/api/discrepancies?limit=20",
        "/api/claims?limit=20",
      );
    }
  }
  return { paths, articles };
}

/** CPU seconds a process has used so far (Linux /proc; null elsewhere). */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return null;
  }
}

async function runLoad() {
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  const size = Number(values.articles);
  const connections = Number(values.connections);
  console.log(
    `\n── soak: load (${rate} req/s of mixed reads [${values.mix}] for ${seconds} s, ${size}-article SQLite store) ──`,
  );
  const work = join(root, ".bench-output", "soak");
  mkdirSync(work, { recursive: true });
  const db = join(work, `load-${size}.db`);
  const { buildStore, distinctSearches, DESK_SCRIPT, removeDatabase, startServer, stop } = await import(
    "../bench/api.ts"
  );
  await buildStore({ sharedDir: null, workDir: work, scale: 1, log: (m) => console.log(`  ${m}`) }, db, size);
  const desk = await startServer(DESK_SCRIPT, [db, "cache"]);
  try {
    const { paths, articles } = await mixedPaths(desk.url);
    // Warm the desk the way one in use is: every page of the mix opened once (searches stay new to it).
    for (const p of new Set(paths.filter((p) => !p.startsWith("<"))))
      await (await fetch(desk.url + p)).arrayBuffer();
    let i = 0;
    const fresh = distinctSearches(rate * seconds);
    let f = 0;
    let a = 0;
    const requested = new Set();
    const nextPath = () => {
      let p = paths[i++ % paths.length];
      if (p === FRESH_SEARCH) p = fresh[f++ % fresh.length];
      else if (p === FRESH_SEARCH_PAGE) p = fresh[f++ % fresh.length].replace("/api/search", "/search");
      else if (p === FRESH_ARTICLE) p = `/api/articles/${articles[a++ % articles.length]}`;
      else if (p === FRESH_ARTICLE_PAGE) p = `/articles/${articles[a++ % articles.length]}`;
      requested.add(p);
      return p;
    };
    const statuses = new Map();
    const instance = autocannon({
      url: desk.url,
      connections,
      overallRate: rate,
      duration: seconds,
      timeout: 10,
      requests: [{ setupRequest: (req) => ({ ...req, path: nextPath() }) }],
    });
    instance.on("response", (_client, status) => statuses.set(status, (statuses.get(status) ?? 0) + 1));
    const writesEvery = Number(values["writes-every"]);
    let writes = 0;
    let writer = null;
    let timer = null;
    if (writesEvery > 0) {
      const { openStore } = await import("../src/store/index.ts");
      writer = await openStore(db);
      timer = setInterval(() => {
        writes += 1;
        void writer.recordProblem({
          source: `soak-write-${writes}`,
          code: "SOAK",
          message: "a write by another process during the load test",
          hint: "none",
        });
      }, writesEvery * 1000);
    }
    const cpuBefore = cpuSeconds(desk.child.pid);
    const result = await instance;
    if (timer) clearInterval(timer);
    await writer?.close();
    const cpuAfter = cpuSeconds(desk.child.pid);
    const deskCpu = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
    const errors = result.errors + result.timeouts + result.non2xx;
    const l = result.latency;
    const figures = {
      mix: values.mix,
      articles: size,
      "writes by another process": writes,
      distinctPaths: requested.size,
      seconds: result.duration,
      requests: result.requests.total,
      "requests/s": Math.round((result.requests.total / result.duration) * 10) / 10,
      errors,
      statuses: Object.fromEntries(statuses),
      "p50 ms": l.p50,
      "p90 ms": l.p90,
      "p99 ms": l.p99,
      "max ms": l.max,
      "desk CPU %": deskCpu === null ? "n/a" : Math.round((100 * deskCpu) / result.duration),
      "desk CPU ms/request":
        deskCpu === null ? "n/a" : Math.round((10000 * deskCpu) / result.requests.total) / 10,
      "machine load (1 min)": loadavg()[0].toFixed(2),
      cores: cpus().length,
    };
    console.table(figures);
    const ok = errors === 0 && l.p99 < 250 && result.requests.total >= rate * seconds * 0.97;
    console.log(`soak: load ${ok ? "passed" : "FAILED"} (needs no error, p99 < 250 ms, ${rate} req/s held)`);
    return ok;
  } finally {
    await stop(desk.child);
    removeDatabase(db);
  }
}

let ok = true;
for (const part of parts) ok = (part === "load" ? await runLoad() : runSuites(part)) && ok;
console.log(`\nsoak: ${ok ? "all passed" : "FAILED"}`);
process.exit(ok ? 0 : 1);
