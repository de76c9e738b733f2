import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
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

describe("watchdesk extract on a mixed batch with hostile inputs", () => {
  const batch = mkdtempSync(join(tmpdir(), "watchdesk-extract-batch-"));
  mkdirSync(join(batch, "saved"));
  const story =
    "PYONGYANG – The state news agency said on Friday that the leader had toured two munitions factories and ordered more shells.";
  writeFileSync(
    join(batch, "saved", "factory-tour.page.html"),
    `<html lang="en"><head><title>Leader tours munitions factories - BBC.co.uk</title><script type="application/ld+json">${JSON.stringify({ "@type": "NewsArticle", datePublished: "2024-09-13", author: { name: "Mi-rae Park" } })}</script></head><body><article><p>${story}</p><p>Analysts said the visits were meant to signal that exports to Russia would continue.</p></article></body></html>`,
  );
  writeFileSync(join(batch, "bomb.txt.gz"), gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x41)));
  writeFileSync(
    join(batch, "deep.html"),
    `<html><body>${"<div>".repeat(60_000)}<p>${story}</p></body></html>`,
  );
  writeFileSync(
    join(batch, "laughs.xml"),
    `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><title>Feed &c;</title><item><title>Item &x;</title><description>${story} &c;</description></item></channel></rss>`,
  );
  writeFileSync(
    join(batch, "invalid.txt"),
    Buffer.concat([Buffer.from(`Factory tour\n\n${story} `), Buffer.from([0xff, 0xc3])]),
  );
  writeFileSync(join(batch, "one-line.txt"), `${"shells were loaded onto trains ".repeat(70_000)}end.`);
  let port = 0;
  const server = createServer((req, res) => {
    if (req.url === "/to-loopback") {
      res.writeHead(302, { location: "http://127.0.0.1/internal" });
      res.end();
    } else {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(`<html><body><article><p>${story}</p></article></body></html>`);
    }
  });
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it("prints every good document, reports each hostile one, and never stops the batch", async () => {
    const { out, err, exitCode } = await run([
      batch,
      `http://127.0.0.1:${port}/to-loopback`,
      `http://127.0.0.1:${port}/live-story.html`,
      "--allow-host",
      `127.0.0.1:${port}`,
      "--max-bytes",
      "12000000",
      "--jsonl",
    ]);
    const records = out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as ExtractRecord);
    assert.deepEqual(
      records.map((r) => r.id),
      ["deep", "invalid", "laughs#1", "one-line", "factory-tour", "live-story"],
    );
    const page = records.find((r) => r.id === "factory-tour") as ExtractRecord;
    assert.equal(page.title, "Leader tours munitions factories");
    assert.equal(page.claimedSource, "BBC.co.uk");
    assert.equal(page.published, "2024-09-13");
    assert.equal(page.publishedFrom, "json-ld");
    assert.equal(page.byline, "Mi-rae Park");
    assert.equal(page.dateline, "PYONGYANG");
    assert.equal(records.find((r) => r.id === "deep")?.text, story);
    assert.ok((records.find((r) => r.id === "laughs#1")?.text.length ?? 0) < 400);
    assert.match(records.find((r) => r.id === "invalid")?.text ?? "", /\uFFFD/);
    assert.match(err, /bomb\.txt\.gz: the content is larger than 12000000 bytes/);
    assert.match(
      err,
      /to-loopback: 127\.0\.0\.1 is a loopback address \(after redirect to http:\/\/127\.0\.0\.1\/internal\)/,
    );
    assert.equal(exitCode, 1);
  });
  it("explains a bad --max-bytes value", async () => {
    await assert.rejects(run([batch, "--max-bytes", "lots"]), /--max-bytes must be a positive number/);
  });
});
