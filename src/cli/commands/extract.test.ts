import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { Command } from "commander";
import type { CliContext } from "../context.js";
import { type ExtractRecord, register } from "./extract.js";

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let exitCode = 0;
  const ctx: CliContext = {
    io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t), stderrIsTTY: false },
    openStore: () => Promise.reject(new Error("extract must not open the store")),
    setExitCode: (code) => {
      exitCode = Math.max(exitCode, code);
    },
  };
  const program = new Command().exitOverride();
  register(program, ctx);
  await program.parseAsync(["node", "watchdesk", "extract", ...args]);
  return { out: out.join(""), err: err.join(""), exitCode };
}

const dir = mkdtempSync(join(tmpdir(), "watchdesk-extract-"));
writeFileSync(
  join(dir, "harbor-story.txt.gz"),
  (await import("node:zlib")).gzipSync(
    "April 4, 2025\n\nRiver Post\n\nDock workers end strike at grain terminal\n\nODESA – Dock workers at the grain terminal ended a week-long strike on Thursday after a pay deal, the union said.\n\nPhoto by Ivan Petrenko / Reuters\n",
  ),
);
writeFileSync(
  join(dir, "wire.jsonl"),
  `${JSON.stringify({ id: "k-1", title: "Vote delayed", text: "The vote was delayed again on Monday, officials said." })}\n${JSON.stringify({ title: "No id", text: "A second record without an id of its own." })}\n{broken\n`,
);

describe("watchdesk extract --jsonl", () => {
  it("prints one JSON line per document with the cleaned text and metadata", async () => {
    const { out, err, exitCode } = await run([dir, "--jsonl"]);
    const records = out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as ExtractRecord);
    assert.deepEqual(
      records.map((r) => r.id),
      ["harbor-story", "k-1", "wire#2"],
    );
    const story = records[0]!;
    assert.equal(story.title, "Dock workers end strike at grain terminal");
    assert.equal(story.published, "2025-04-04");
    assert.equal(story.publishedFrom, "first-line");
    assert.equal(story.outlet, "River Post");
    assert.equal(story.dateline, "ODESA");
    assert.ok(story.text.startsWith("ODESA – Dock workers"));
    assert.ok(story.removed.some((r) => r.reason === "photo-credit"));
    assert.deepEqual(Object.keys(story), [
      "id",
      "source",
      "title",
      "published",
      "publishedFrom",
      "outlet",
      "claimedSource",
      "byline",
      "dateline",
      "text",
      "removed",
    ]);
    // The broken JSON line is reported, the rest still printed.
    assert.match(err, /wire\.jsonl#3: line 3 is not valid JSON/);
    assert.equal(exitCode, 1);
  });
  it("reports a missing input with a hint and exit code 1", async () => {
    const { out, err, exitCode } = await run([join(dir, "missing.txt"), "--jsonl"]);
    assert.equal(out, "");
    assert.match(err, /missing\.txt: no such file or folder \(check the path/);
    assert.equal(exitCode, 1);
  });
});
