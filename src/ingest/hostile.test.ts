/**
 * Hostile inputs: each gets a clear problem or a bounded result, never a hang or a crash, and the rest of the
 * batch is still read. Also: streaming keeps memory flat on a JSONL file far larger than the heap allowed.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { cleanDocument } from "../clean/index.js";
import type { IngestProblem, RawDocument } from "../types.js";
import { expandInputs, type IngestOptions, type InputItem, isIngestProblem, readInput } from "./index.js";

const tmp = mkdtempSync(join(tmpdir(), "watchdesk-hostile-"));
after(() => rmSync(tmp, { recursive: true, force: true }));
const STORY =
  "TALLINN — The navy said on Tuesday that a tanker had been escorted out of the bay after its anchor damaged a cable.";

async function readAll(item: InputItem, options?: IngestOptions) {
  const docs: RawDocument[] = [];
  const problems: IngestProblem[] = [];
  for await (const x of readInput(item, options)) (isIngestProblem(x) ? problems : docs).push(x as never);
  return { docs, problems };
}
const file = (source: string): InputItem => ({ source, kind: "file" });

describe("hostile files", () => {
  it("reads and cleans a 10 MB single line", async () => {
    const path = join(tmp, "one-line.txt");
    writeFileSync(path, `${"the convoy moved north along the coast road ".repeat(240_000)}end.`);
    const { docs } = await readAll(file(path));
    const a = cleanDocument(docs[0] as RawDocument);
    assert.ok(a.body.length > 10_000_000);
    assert.ok(a.title.length <= 200);
  });
  it("reports a JSON line over the record limit and reads the next one", async () => {
    const path = join(tmp, "long-line.jsonl");
    writeFileSync(
      path,
      `${JSON.stringify({ text: "x".repeat(3_000_000) })}\n${JSON.stringify({ id: "ok", text: STORY })}\n`,
    );
    const { docs, problems } = await readAll(file(path), { maxBytes: 1_000_000 });
    assert.deepEqual(
      problems.map((p) => [p.source, p.code]),
      [[`${path}#1`, "TOO_LARGE"]],
    );
    assert.match(problems[0]?.message ?? "", /line 1 is 3000\d+ bytes long/);
    assert.deepEqual(
      docs.map((d) => d.hints.id),
      ["ok"],
    );
  });
  it("refuses a gzipped JSONL bomb by its expansion ratio", async () => {
    const path = join(tmp, "bomb.jsonl.gz");
    // One record, then 16 MiB of newlines: ~16 KB packed, so the 100× ratio stops it long before the end.
    const record = Buffer.from(`${JSON.stringify({ id: "first", text: STORY })}\n`);
    writeFileSync(path, gzipSync(Buffer.concat([record, Buffer.alloc(16 * 1024 * 1024, 0x0a)])));
    const { docs, problems } = await readAll(file(path), { maxBytes: 1_000_000 });
    assert.deepEqual(
      docs.map((d) => d.hints.id),
      ["first"],
    );
    assert.equal(problems[0]?.code, "GZIP_BOMB");
    assert.match(problems[0]?.hint ?? "", /decompress it yourself/);
  });
  it("keeps invalid UTF-8 in HTML as replacement characters", async () => {
    const path = join(tmp, "bad.html");
    writeFileSync(
      path,
      Buffer.concat([
        Buffer.from(`<html><body><article><p>${STORY} Bad bytes: `),
        Buffer.from([0xff, 0xfe, 0xc3]),
        Buffer.from(" end.</p></article></body></html>"),
      ]),
    );
    const { docs } = await readAll(file(path));
    const a = cleanDocument(docs[0] as RawDocument);
    assert.match(a.body, /Bad bytes: \uFFFD+ end\.$/);
  });
  it("reads a 100,000-deep HTML page without overflowing the stack", async () => {
    const path = join(tmp, "deep.html");
    writeFileSync(
      path,
      `<html><body>${"<div><span>".repeat(50_000)}<p>${STORY}</p>${"</span></div>".repeat(50_000)}</body></html>`,
    );
    const { docs } = await readAll(file(path));
    assert.equal(cleanDocument(docs[0] as RawDocument).body, STORY);
  });
  it("does not expand external entities or a billion-laughs DTD in a feed", async () => {
    const path = join(tmp, "laughs.xml");
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join(
      "",
    );
    writeFileSync(
      path,
      `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "ha">${levels}<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>Laughs &l9;</title><item><title>&xxe; &l9;</title><description>${STORY} &l9; &xxe;</description></item></channel></rss>`,
    );
    const { docs } = await readAll(file(path));
    assert.equal(docs.length, 1);
    const doc = docs[0] as RawDocument;
    assert.ok(doc.content.length < 500, `content grew to ${doc.content.length}`);
    assert.ok(!doc.content.includes("root:"));
    assert.ok((doc.hints.title ?? "").length < 50);
    assert.ok(!cleanDocument(doc).body.includes("hahaha"));
  });
  it("goes on with the rest of a folder after each hostile file", async () => {
    const dir = mkdtempSync(join(tmp, "batch-"));
    writeFileSync(join(dir, "a-bomb.txt.gz"), gzipSync(Buffer.alloc(4 * 1024 * 1024, 0x41)));
    writeFileSync(join(dir, "b-binary.dat"), Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 1, 2]));
    writeFileSync(join(dir, "c-empty.txt"), "   \n");
    writeFileSync(join(dir, "d-broken.json"), '{"title": "x", "text": ');
    writeFileSync(join(dir, "e-good.txt"), `Escort in the bay\n\n${STORY}`);
    const { items } = await expandInputs([dir]);
    const results: string[] = [];
    for (const item of items) {
      for await (const x of readInput(item, { maxBytes: 1024 * 1024 })) {
        results.push(isIngestProblem(x) ? x.code : cleanDocument(x).title);
      }
    }
    assert.deepEqual(results, ["TOO_LARGE", "UNSUPPORTED", "EMPTY", "BAD_JSON", "Escort in the bay"]);
  });
});

describe("hostile URLs (a local server of the test's own, allowed explicitly)", () => {
  let server: Server;
  let port = 0;
  before(async () => {
    server = createServer((req, res) => {
      const redirects: Record<string, string> = {
        "/to-loopback": "http://127.0.0.1/admin",
        "/to-loopback-v6": "http://[::1]:8080/",
        "/to-metadata": "http://169.254.169.254/latest/meta-data/",
        "/to-private": "http://10.0.0.5/internal",
        "/to-file": "file:///etc/passwd",
      };
      const location = redirects[req.url ?? ""];
      if (location) {
        res.writeHead(302, { location });
        res.end();
      } else if (req.url === "/article") {
        res.writeHead(200, { "content-type": "text/html" });
        res.end(`<html><body><article><p>${STORY}</p></article></body></html>`);
      } else if (req.url === "/gzip-story") {
        res.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" });
        res.end(gzipSync(`<html><body><article><p>${STORY}</p></article></body></html>`));
      } else if (req.url === "/gzip-body-bomb") {
        // 64 MiB of zeros packed into ~64 KB: the limit counts decompressed bytes.
        res.writeHead(200, { "content-type": "text/plain", "content-encoding": "gzip" });
        res.end(gzipSync(Buffer.alloc(64 * 1024 * 1024)));
      } else if (req.url === "/gzip-bomb") {
        // A body that claims nothing and streams forever: the byte limit must stop it.
        res.writeHead(200, { "content-type": "text/plain" });
        const chunk = Buffer.alloc(64 * 1024, 0x41);
        const pump = () => {
          while (res.write(chunk)) {}
        };
        res.on("drain", pump);
        pump();
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  const allowed = (): IngestOptions => ({ allowHosts: [`127.0.0.1:${port}`], timeoutMs: 5000 });
  const url = (path: string): InputItem => ({ source: `http://127.0.0.1:${port}${path}`, kind: "url" });

  it("fetches the explicitly allowed host", async () => {
    const { docs, problems } = await readAll(url("/article"), allowed());
    assert.deepEqual(problems, []);
    assert.equal(cleanDocument(docs[0] as RawDocument).body, STORY);
  });
  it("still refuses it without the allowance", async () => {
    const { problems } = await readAll(url("/article"));
    assert.equal(problems[0]?.code, "PRIVATE_ADDRESS");
    assert.match(problems[0]?.hint ?? "", /--allow-private-network/);
  });
  for (const [path, address] of [
    ["/to-loopback", "127.0.0.1"],
    ["/to-loopback-v6", "::1"],
    ["/to-metadata", "169.254.169.254"],
    ["/to-private", "10.0.0.5"],
  ]) {
    it(`refuses a redirect to ${address} even from an allowed host`, async () => {
      const { docs, problems } = await readAll(url(path ?? ""), allowed());
      assert.equal(docs.length, 0);
      assert.equal(problems[0]?.code, "PRIVATE_ADDRESS");
      assert.match(
        problems[0]?.message ?? "",
        new RegExp(`${(address ?? "").replace(/\./g, "\\.")}.*after redirect`),
      );
    });
  }
  it("refuses a redirect to a file: URL", async () => {
    const { problems } = await readAll(url("/to-file"), allowed());
    assert.equal(problems[0]?.code, "BAD_URL");
  });
  it("stops an endless body at the byte limit", async () => {
    const { problems } = await readAll(url("/gzip-bomb"), { ...allowed(), maxBytes: 512 * 1024 });
    assert.equal(problems[0]?.code, "TOO_LARGE");
  });
  it("checks the addresses it connects to: a name that resolves to loopback is refused at connect", async () => {
    let requests = 0;
    server.on("request", () => requests++);
    const before = requests;
    const { problems } = await readAll(
      { source: `http://rebind.test:${port}/article`, kind: "url" },
      { timeoutMs: 5000, resolveAll: async () => [{ address: "127.0.0.1", family: 4 }] },
    );
    assert.equal(problems[0]?.code, "PRIVATE_ADDRESS");
    assert.match(problems[0]?.message ?? "", /rebind\.test resolves to 127\.0\.0\.1, a loopback address/);
    assert.equal(requests, before, "the server must not have been reached");
  });
  it("connects an allowed name to exactly the address it resolved", async () => {
    const { docs, problems } = await readAll(
      { source: `http://intranet.test:${port}/article`, kind: "url" },
      {
        allowHosts: [`intranet.test:${port}`],
        timeoutMs: 5000,
        resolveAll: async () => [{ address: "127.0.0.1", family: 4 }],
      },
    );
    assert.deepEqual(problems, []);
    assert.equal(cleanDocument(docs[0] as RawDocument).body, STORY);
  });
  it("decompresses a gzip body and applies the byte limit to what comes out", async () => {
    const small = await readAll(url("/gzip-story"), allowed());
    assert.equal(cleanDocument(small.docs[0] as RawDocument).body, STORY);
    const { problems } = await readAll(url("/gzip-body-bomb"), { ...allowed(), maxBytes: 1024 * 1024 });
    assert.equal(problems[0]?.code, "TOO_LARGE");
  });
  it("goes on with the next URL of the batch after a refused one", async () => {
    const { items } = await expandInputs([url("/to-loopback").source, url("/article").source]);
    const results: string[] = [];
    for (const item of items) {
      for await (const x of readInput(item, allowed())) results.push(isIngestProblem(x) ? x.code : x.kind);
    }
    assert.deepEqual(results, ["PRIVATE_ADDRESS", "url"]);
  });
});

describe("streaming a JSONL file larger than the heap", () => {
  it("reads 50,000 records (over 100 MB) in a child process whose heap is capped at 48 MB", async () => {
    const path = join(tmp, "large.jsonl");
    const out = createWriteStream(path);
    const line = (i: number) =>
      `${JSON.stringify({ id: `r${i}`, headline: `Record ${i}`, story_text: `${STORY} ${"More detail follows. ".repeat(100)}` })}\n`;
    let bytes = 0;
    for (let i = 0; i < 50_000; i += 1000) {
      let batch = "";
      for (let k = i; k < i + 1000; k++) batch += line(k);
      bytes += batch.length;
      if (!out.write(batch)) await new Promise<void>((r) => out.once("drain", () => r()));
    }
    await new Promise<void>((r) => out.end(() => r()));
    assert.ok(bytes > 100 * 1024 * 1024, `only ${bytes} bytes`);
    const index = fileURLToPath(new URL("./index.ts", import.meta.url));
    const script = `
      const { readInput, isIngestProblem } = await import(${JSON.stringify(index)});
      let docs = 0, problems = 0, last = "";
      for await (const d of readInput({ source: ${JSON.stringify(path)}, kind: "file" }, { maxBytes: 1024 * 1024 })) {
        if (isIngestProblem(d)) problems++; else { docs++; last = d.hints.id; }
      }
      console.log(JSON.stringify({ docs, problems, last }));`;
    // A file of > 100 MB read whole (or held as one string) cannot fit a 48 MB old space: streaming must.
    const child = spawnSync(
      process.execPath,
      ["--max-old-space-size=48", "--import", "tsx", "--input-type=module", "-e", script],
      { encoding: "utf8", timeout: 120_000 },
    );
    assert.equal(child.status, 0, child.stderr.slice(-2000));
    assert.deepEqual(JSON.parse(child.stdout.trim()), { docs: 50_000, problems: 0, last: "r49999" });
    // The control: reading the same file whole under the same cap runs out of memory.
    const naive = spawnSync(
      process.execPath,
      [
        "--max-old-space-size=48",
        "-e",
        `require("fs").readFileSync(${JSON.stringify(path)}, "utf8").split("\\n")`,
      ],
      { encoding: "utf8", timeout: 60_000 },
    );
    assert.notEqual(naive.status, 0);
    assert.match(naive.stderr, /heap out of memory|Allocation failed/i);
  });
});
