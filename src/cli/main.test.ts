import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { CliIO } from "./context.js";
import { runCli } from "./main.js";

const batch = fileURLToPath(new URL("./fixtures/batch", import.meta.url));
const examples = fileURLToPath(new URL("../../examples/articles", import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(...argv: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    stderrIsTTY: false,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

describe("watchdesk CLI", () => {
  let dir: string;
  let db: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "watchdesk-cli-"));
    db = join(dir, "test.db");
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("stores a batch, names the malformed file and keeps the rest (exit 1)", async () => {
    const run = await cli("--db", db, "ingest", batch);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /c-broken\.json/);
    assert.match(run.stdout, /2 new/);
    const list = await cli("--db", db, "articles", "--json");
    assert.equal(list.code, 0, list.stderr);
    const articles = JSON.parse(list.stdout) as { title: string }[];
    assert.equal(articles.length, 2);
    assert.ok(articles.some((a) => /rocket launchers/.test(a.title)));
  });

  it("never stores the same documents twice", async () => {
    const again = await cli("--db", db, "ingest", join(batch, "a-ministry.txt"), join(batch, "b-denial.txt"));
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /0 new, 2 already stored/);
    const list = JSON.parse((await cli("--db", db, "articles", "--json")).stdout) as unknown[];
    assert.equal(list.length, 2);
  });

  it("analyzes one document without a store and prints the documented JSON keys", async () => {
    const run = await cli("analyze", join(batch, "a-ministry.txt"), "--json");
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout);
    assert.deepEqual(
      Object.keys(result)
        .filter((k) => ["article", "entities", "attributions", "claims", "flags"].includes(k))
        .sort(),
      ["article", "attributions", "claims", "entities", "flags"],
    );
    for (const key of ["title", "published", "outlet", "dateline", "claimedSource", "body", "removed"]) {
      assert.ok(key in result.article, `article.${key}`);
    }
    assert.equal(result.article.published, "2025-04-03");
    assert.equal(result.article.outlet, "Coastal Ledger");
    assert.ok(result.article.body.startsWith("(SEOUL)"));
  });

  it("finds stored articles by full-text search, as JSON and as text", async () => {
    const json = await cli("--db", db, "search", "rocket", "launchers", "--json");
    assert.equal(json.code, 0, json.stderr);
    const hits = JSON.parse(json.stdout) as { title: string }[];
    assert.ok(hits.length >= 1);
    const text = await cli("--db", db, "search", "rail yards");
    assert.match(text.stdout, /match/);
  });

  it("lists claims as one JSON array and exports CSV with a header", async () => {
    const claims = await cli("--db", db, "claims", "--json");
    assert.equal(claims.code, 0, claims.stderr);
    assert.ok(Array.isArray(JSON.parse(claims.stdout)));
    const csv = await cli("--db", db, "export", "--format", "csv");
    assert.equal(csv.code, 0, csv.stderr);
    assert.match(csv.stdout.split("\r\n")[0] ?? "", /^id,source,url,title/);
    assert.equal(csv.stdout.trim().split("\r\n").length, 3);
    const json = JSON.parse((await cli("--db", db, "export", "--format", "json")).stdout) as unknown[];
    assert.equal(json.length, 2);
  });

  it("exits 2 on wrong usage and 1 on a missing record, with a message", async () => {
    assert.equal((await cli("frobnicate")).code, 2);
    const badLimit = await cli("--db", db, "articles", "--limit", "many");
    assert.equal(badLimit.code, 2);
    assert.match(badLimit.stderr, /--limit/);
    const missing = await cli("--db", db, "article", "ffffffffffffffff");
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /ffffffffffffffff/);
    const noFile = await cli("analyze", join(dir, "nope.txt"));
    assert.equal(noFile.code, 1);
    assert.match(noFile.stderr, /nope\.txt/);
  });

  it("ingests the bundled examples: feeds, JSONL and HTML become articles", async () => {
    const exDb = join(dir, "examples.db");
    const run = await cli("--db", exDb, "ingest", examples);
    assert.equal(run.code, 0, run.stderr);
    const articles = JSON.parse((await cli("--db", exDb, "articles", "--json")).stdout) as {
      outlet: string | null;
    }[];
    // 4 single-document files + 2 feed items + 2 JSONL records
    assert.equal(articles.length, 8);
    assert.ok(articles.some((a) => a.outlet === "Asia Wire Network"));
  });
});
