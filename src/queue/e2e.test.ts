/**
 * End to end: one corpus ingested two ways must give the same store.
 *   1. SQLite, one process: `ingest` (stored in input order, then stories and the ledger refreshed).
 *   2. Postgres: `ingest --queue`, then three `watchdesk worker --until-empty` processes started together,
 *      each storing batches as it analyzes them and refreshing under the corpus lock when the queue is dry.
 * Articles (with everything extracted), entity totals, duplicates, stories, the ledger and the recorded
 * problems must be the same.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { syntheticDocuments } from "../../bench/synthetic.js";
import { ingestInputs } from "../app/index.js";
import { register as registerIngest } from "../cli/commands/ingest.js";
import { openStore } from "../store/index.js";
import { PG_SKIP_REASON, TEST_PG_URL, TestSchemas } from "../store/pg-testing.js";
import { parsePostgresUrl } from "../store/postgres.js";
import type { Store } from "../store/types.js";
import { runCommand } from "./testing/run-command.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const cli = fileURLToPath(new URL("./testing/watchdesk.ts", import.meta.url));

/**
 * Synthetic reports (with syndicated near-copies) as HTML files and a JSONL wire file, one page saved twice, and
 * an empty input.
 */
function writeCorpus(dir: string, count: number): void {
  mkdirSync(join(dir, "pages"), { recursive: true });
  const wire: string[] = [];
  let n = 0;
  for (const doc of syntheticDocuments(count, 11)) {
    n++;
    if (doc.contentType === "text/html") {
      writeFileSync(join(dir, "pages", `${String(n).padStart(3, "0")}.html`), doc.content);
    } else {
      wire.push(
        JSON.stringify({
          title: doc.hints.title,
          text: doc.content,
          url: doc.hints.url,
          published: doc.hints.published,
          outlet: doc.hints.outlet,
          byline: doc.hints.byline,
        }),
      );
    }
  }
  writeFileSync(join(dir, "wire.jsonl"), `${wire.join("\n")}\n`);
  // The same page saved twice under another name: one article, the copy read first kept.
  const first = [...syntheticDocuments(count, 11)].find((d) => d.contentType === "text/html");
  if (first) writeFileSync(join(dir, "pages", "zz-saved-again.html"), first.content);
  writeFileSync(join(dir, "pages", "blank.html"), "   \n");
}

async function snapshot(store: Store) {
  const articles: unknown[] = [];
  for await (const { ingestedAt: _at, ...doc } of store.iterateArticles(50)) articles.push(doc);
  return {
    articles,
    list: (await store.listArticles()).map(({ ingestedAt: _at, ...a }) => a),
    entities: await store.listEntities(),
    duplicates: await store.listDuplicates(),
    stories: await store.listStories(),
    ledger: await store.getLedger(),
    problems: (await store.listProblems()).map((p) => `${p.source} ${p.code}`).sort(),
  };
}

function startWorker(url: string): { child: ChildProcess; output: Promise<string> } {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", cli, "--db", url, "worker", "--until-empty", "--batch-size", "2", "--json"],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  let err = "";
  child.stdout?.on("data", (chunk) => {
    out += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    err += chunk;
  });
  const output = once(child, "exit").then(([code]) => {
    if (code !== 0) throw new Error(`worker exited with ${code}: ${err}`);
    return out;
  });
  return { child, output };
}

describe("ingest through SQLite, and through Postgres with three worker processes", () => {
  if (!TEST_PG_URL) {
    it("gives the same articles, stories and ledger", { skip: PG_SKIP_REASON }, () => {});
    return;
  }
  const schemas = new TestSchemas(TEST_PG_URL);
  const dir = mkdtempSync(join(tmpdir(), "watchdesk-e2e-"));
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await schemas.dropAll();
  });

  it("gives the same articles, stories and ledger", { timeout: 180_000 }, async () => {
    const corpus = join(dir, "corpus");
    writeCorpus(corpus, 42);

    const sqlite = await openStore(join(dir, "desk.db"));
    const direct = await ingestInputs(sqlite, { inputs: [corpus] });
    assert.equal(direct.problems.length, 1, "the blank page is a problem");
    assert.ok(direct.corpus && direct.corpus.duplicates > 0, "the corpus has syndicated copies");
    assert.equal(direct.unchanged, 1, "the page saved twice is stored once");
    const expected = await snapshot(sqlite);
    await sqlite.close();

    const url = schemas.url();
    const queued = await runCommand(registerIngest, ["--db", url, "ingest", "--queue", corpus]);
    assert.equal(queued.code, 1, "exit 1: one input could not be read");
    assert.match(
      queued.stdout,
      new RegExp(`^${direct.documents} documents read .* ${direct.documents} queued`),
    );

    // Hold the queue table while the workers start, so the three of them begin claiming at the same moment.
    const gate = new pg.Client({ connectionString: parsePostgresUrl(url).connectionString });
    await gate.connect();
    const workers: ReturnType<typeof startWorker>[] = [];
    try {
      await gate.query(`set search_path to "${parsePostgresUrl(url).schema}"`);
      await gate.query("begin");
      await gate.query("lock table queue_jobs in exclusive mode");
      workers.push(startWorker(url), startWorker(url), startWorker(url));
      for (let waiting = 0; waiting < 3; await sleep(100)) {
        const r = await gate.query(
          "select count(*)::int as n from pg_locks where relation = 'queue_jobs'::regclass and not granted",
        );
        waiting = r.rows[0].n;
        for (const w of workers)
          assert.equal(w.child.exitCode, null, "a worker stopped before the gate opened");
      }
      await gate.query("commit");
      const reports = (await Promise.all(workers.map((w) => w.output))).map(
        (out) => JSON.parse(out) as { processed: number; inserted: number; dead: number; corpus: unknown },
      );
      assert.equal(
        reports.reduce((n, r) => n + r.processed, 0),
        direct.documents,
      );
      // Each article counted as inserted by exactly one job (a copy replaced by an earlier one is not).
      const inserted = await gate.query("select count(*)::int as n from queue_jobs where inserted");
      assert.equal(inserted.rows[0].n, direct.inserted);
      assert.ok(
        reports.every((r) => r.processed > 0),
        `every worker took part: ${reports.map((r) => r.processed)}`,
      );
      assert.ok(
        reports.some((r) => r.corpus !== null),
        "a worker refreshed the corpus",
      );
    } finally {
      for (const w of workers) if (w.child.exitCode === null) w.child.kill("SIGKILL");
      await gate.end();
    }

    const postgres = await openStore(url);
    const got = await snapshot(postgres);
    await postgres.close();
    assert.equal(got.articles.length, direct.inserted);
    assert.deepEqual(got.articles, expected.articles, "the same articles, in the same ingest order");
    assert.deepEqual(got.list, expected.list);
    assert.deepEqual(got.entities, expected.entities, "entity totals added up by three writers");
    assert.deepEqual(got.duplicates, expected.duplicates);
    assert.deepEqual(got.stories, expected.stories);
    assert.deepEqual(got.ledger, expected.ledger);
    assert.deepEqual(got.problems, expected.problems);
  });
});
