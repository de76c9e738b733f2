import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { refreshCorpus } from "../../app/corpus.js";
import { deskArticles, ORIGINAL, WITH_CHROME } from "../../cluster/testing.js";
import { openStore } from "../../store/index.js";
import type { CliIO } from "../context.js";
import { runCli } from "../main.js";

async function cli(...argv: string[]) {
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

interface StoryJson {
  id: string;
  title: string;
  start: string | null;
  end: string | null;
  articles: { id: string; source: string; duplicateOf: string | null }[];
}

describe("watchdesk stories, story, ledger, claims, timeline, report", () => {
  const dir = mkdtempSync(join(tmpdir(), "watchdesk-stories-"));
  const db = join(dir, "desk.db");
  after(() => rmSync(dir, { recursive: true, force: true }));
  before(async () => {
    const store = await openStore(db);
    for (const a of deskArticles()) await store.putArticle(a);
    await refreshCorpus(store);
    await store.close();
  });

  const shells = async () => {
    const stories = JSON.parse((await cli("--db", db, "stories", "--json")).stdout) as StoryJson[];
    return stories.find((s) => s.articles.some((a) => a.id === "harbor"))!;
  };

  it("stories --json prints {id, title, start, end, articles: [{id, source, duplicateOf}]}", async () => {
    const run = await cli("--db", db, "stories", "--json");
    assert.equal(run.code, 0, run.stderr);
    const stories = JSON.parse(run.stdout) as StoryJson[];
    assert.ok(Array.isArray(stories) && stories.length === 2);
    for (const s of stories) {
      for (const key of ["id", "title", "start", "end", "articles"]) assert.ok(key in s, key);
      for (const a of s.articles) {
        assert.equal(typeof a.source, "string");
        assert.ok(a.duplicateOf === null || typeof a.duplicateOf === "string");
      }
    }
    const story = await shells();
    const byId = new Map(story.articles.map((a) => [a.id, a]));
    assert.equal(byId.get("asiawire")?.source, "https://asiawire.example/world/korea/shells");
    assert.equal(byId.get("asiawire")?.duplicateOf, "harbor");
    assert.equal(byId.get("harbor")?.duplicateOf, null);
    const text = await cli("--db", db, "stories");
    assert.match(text.stdout, /4 articles \(2 copies\)/);
  });

  it("story <prefix> shows the articles, claims, discrepancies and timeline", async () => {
    const { id } = await shells();
    const run = await cli("--db", db, "story", id.slice(0, 7));
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /copy of harbor/);
    assert.match(run.stdout, /ARMS_TRANSFER ⚠/);
    assert.match(run.stdout, /South Korea ASSERT; North Korea DENY/);
    assert.match(run.stdout, /STALE_COPY/);
    assert.match(run.stdout, /timeline\n/);
    const missing = await cli("--db", db, "story", "st_missing");
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /st_missing/);
  });

  it("ledger --contested lists the claim someone asserts and someone denies", async () => {
    const run = await cli("--db", db, "ledger", "--contested", "--json");
    assert.equal(run.code, 0, run.stderr);
    const claims = JSON.parse(run.stdout) as {
      type: string;
      independentSources: number;
      holders: unknown[];
    }[];
    assert.deepEqual(
      claims.map((c) => [c.type, c.independentSources, c.holders.length]),
      [["ARMS_TRANSFER", 1, 2]],
    );
  });

  it("claims --type ARMS_TRANSFER --entity DPRK finds the claims by the alias", async () => {
    const run = await cli("--db", db, "claims", "--type", "ARMS_TRANSFER", "--entity", "DPRK", "--json");
    assert.equal(run.code, 0, run.stderr);
    const claims = JSON.parse(run.stdout) as { articleId: string; stance: string }[];
    assert.deepEqual(claims.map((c) => c.articleId).sort(), ["asiawire", "denial", "harbor", "stale"]);
  });

  it("timeline --entity lists reports in date order; without --entity or --story it says what to give", async () => {
    const run = await cli("--db", db, "timeline", "--entity", "North Korea");
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trim().split("\n");
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /^2025-03-06\s+ARMS_TRANSFER\s+South Korea ASSERT/);
    assert.match(lines[1]!, /North Korea DENY/);
    const bad = await cli("--db", db, "timeline");
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--entity or --story/);
  });

  it("report writes an escaped HTML brief to a file, and refuses an unknown format", async () => {
    const { id } = await shells();
    const out = join(dir, "brief.html");
    const run = await cli("--db", db, "report", id, "--format", "html", "--out", out);
    assert.equal(run.code, 0, run.stderr);
    const html = readFileSync(out, "utf8");
    assert.ok(!html.includes("<script>"));
    assert.match(html, /South Korea/);
    const md = await cli("--db", db, "report", id);
    assert.match(md.stdout, /^# Seoul says/);
    const pdf = await cli("--db", db, "report", id, "--format", "pdf");
    assert.equal(pdf.code, 2);
    assert.match(pdf.stderr, /pdf/);
  });

  it("merge-stories keeps the decision when the corpus is refreshed", async () => {
    const run = await cli("--db", db, "merge-stories", "harbor", "treasury");
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /1 story now/);
    const split = await cli("--db", db, "split-story", "treasury");
    assert.match(split.stdout, /2 stories now/);
  });
});

describe("watchdesk ingest → stories --json", () => {
  const dir = mkdtempSync(join(tmpdir(), "watchdesk-ingest-stories-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("gives each article the path it was ingested from and marks the copy", async () => {
    const original = join(dir, "original.txt");
    const copy = join(dir, "copy.txt");
    writeFileSync(
      original,
      `March 6, 2025\n\nHarbor Line Daily\n\nSeoul says shells went to Russia\n\n${ORIGINAL}\n`,
    );
    writeFileSync(
      copy,
      `March 7, 2025\n\nAsia Wire Network\n\nShells to Russia, Seoul says\n\n${WITH_CHROME}\n`,
    );
    const db = join(dir, "x.db");
    const ingest = await cli("--db", db, "ingest", original, copy);
    assert.equal(ingest.code, 0, ingest.stderr);
    const stories = JSON.parse((await cli("--db", db, "stories", "--json")).stdout) as StoryJson[];
    assert.equal(stories.length, 1);
    const articles = stories[0]!.articles;
    assert.deepEqual(articles.map((a) => a.source).sort(), [copy, original].sort());
    const theCopy = articles.find((a) => a.source === copy)!;
    assert.equal(theCopy.duplicateOf, articles.find((a) => a.source === original)!.id);
  });
});
