import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import type { IngestProblem, RawDocument } from "../types.js";
import {
  checkHost,
  expandInputs,
  type IngestOptions,
  type InputItem,
  isIngestProblem,
  isPrivateAddress,
  readInput,
} from "./index.js";

const fixtures = new URL("./fixtures/", import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), "watchdesk-ingest-"));

async function readAll(item: InputItem, options?: IngestOptions) {
  const docs: RawDocument[] = [];
  const problems: IngestProblem[] = [];
  for await (const x of readInput(item, options)) (isIngestProblem(x) ? problems : docs).push(x as never);
  return { docs, problems };
}
const file = (source: string): InputItem => ({ source, kind: "file" });

describe("expandInputs", () => {
  it("expands folders recursively, skips hidden files and reports missing paths", async () => {
    const { items, problems } = await expandInputs([
      join(fixtures, "corpus"),
      join(fixtures, "nope.txt"),
      "ftp://x.example/a",
    ]);
    assert.deepEqual(
      items.map((i) => i.source.slice(fixtures.length)),
      ["corpus/a-story.txt", "corpus/nested/page-saved-as.txt"],
    );
    assert.deepEqual(
      problems.map((p) => p.code),
      ["NOT_FOUND", "BAD_URL"],
    );
    assert.ok(problems.every((p) => p.hint.length > 0));
  });
  it("keeps URLs as URL items", async () => {
    const { items } = await expandInputs(["https://news.example/a"]);
    assert.deepEqual(items, [{ source: "https://news.example/a", kind: "url" }]);
  });
});

describe("readInput on files", () => {
  it("sniffs HTML saved under a .txt name", async () => {
    const { docs } = await readAll(file(join(fixtures, "corpus/nested/page-saved-as.txt")));
    assert.equal(docs[0]?.contentType, "text/html");
    assert.equal(docs[0]?.kind, "html");
  });
  it("streams JSONL, maps fields and reports bad lines without stopping", async () => {
    const path = join(fixtures, "wire.jsonl");
    const { docs, problems } = await readAll(file(path));
    assert.deepEqual(
      docs.map((d) => d.source),
      [`${path}#1`, `${path}#5`],
    );
    assert.deepEqual(docs[0]?.hints, {
      id: "w-1",
      title: "Talks resume in Geneva",
      url: "https://lake.example/1",
      published: "2025-04-07",
      outlet: "Lake Wire",
    });
    assert.equal(docs[1]?.contentType, "text/html");
    assert.deepEqual(
      problems.map((p) => [p.source, p.code]),
      [
        [`${path}#2`, "BAD_JSON"],
        [`${path}#3`, "NO_TEXT"],
      ],
    );
  });
  it("reads a JSON array of records", async () => {
    const path = join(tmp, "records.json");
    writeFileSync(
      path,
      JSON.stringify(
        [
          { title: "A", text: "First text." },
          { title: "B", content: "Second text." },
        ],
        null,
        2,
      ),
    );
    const { docs } = await readAll(file(path));
    assert.deepEqual(
      docs.map((d) => [d.source, d.hints.title, d.content]),
      [
        [`${path}#1`, "A", "First text."],
        [`${path}#2`, "B", "Second text."],
      ],
    );
  });
  it("reads Atom entries with their metadata", async () => {
    const { docs } = await readAll(file(join(fixtures, "feed-atom.xml")));
    assert.equal(docs.length, 1);
    assert.equal(docs[0]?.kind, "feed");
    assert.equal(docs[0]?.hints.url, "https://strait.example/2025/04/tanker");
    assert.equal(docs[0]?.hints.outlet, "Strait Monitor");
    assert.equal(docs[0]?.hints.published, "2025-04-09T06:00:00Z");
    assert.match(docs[0]?.content ?? "", /^<p>A tanker was turned back/);
  });
  it("reads gzip files transparently", async () => {
    const path = join(tmp, "story.txt.gz");
    writeFileSync(
      path,
      gzipSync("Quiet day at the border\n\nNothing crossed the bridge on Sunday, guards said."),
    );
    const { docs } = await readAll(file(path));
    assert.match(docs[0]?.content ?? "", /^Quiet day at the border/);
  });
});

describe("readInput on hostile files", () => {
  it("refuses a gzip bomb by its decompressed size", async () => {
    const path = join(tmp, "bomb.txt.gz");
    writeFileSync(path, gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x41)));
    const { docs, problems } = await readAll(file(path), { maxBytes: 1024 * 1024 });
    assert.equal(docs.length, 0);
    assert.equal(problems[0]?.code, "TOO_LARGE");
  });
  it("decodes invalid UTF-8 to replacement characters and drops NUL bytes and the BOM", async () => {
    const path = join(tmp, "bad-utf8.txt");
    writeFileSync(
      path,
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from("Bad byte: "),
        Buffer.from([0xc3, 0x28, 0x00]),
        Buffer.from(" end."),
      ]),
    );
    const { docs } = await readAll(file(path));
    assert.equal(docs[0]?.content, "Bad byte: \uFFFD( end.");
  });
  it("decodes UTF-16 with a byte-order mark", async () => {
    const path = join(tmp, "utf16.txt");
    writeFileSync(
      path,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Séoul — “quoted”", "utf16le")]),
    );
    const { docs } = await readAll(file(path));
    assert.equal(docs[0]?.content, "Séoul — “quoted”");
  });
  it("treats external entities in a feed as inert text", async () => {
    const path = join(tmp, "xxe.xml");
    writeFileSync(
      path,
      `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd"><!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><rss><channel><title>T</title><item><title>&x; &b;</title><description>Body &x; text.</description></item></channel></rss>`,
    );
    const { docs } = await readAll(file(path));
    assert.equal(docs.length, 1);
    assert.ok(!(docs[0]?.content ?? "").includes("root:"));
    assert.ok((docs[0]?.hints.title ?? "").length < 40);
  });
  it("refuses binary files", async () => {
    const path = join(tmp, "image.dat");
    writeFileSync(
      path,
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 13, 14, 15, 16, 17]),
    );
    const { problems } = await readAll(file(path));
    assert.equal(problems[0]?.code, "UNSUPPORTED");
  });
});

describe("address guard", () => {
  it("classifies private, loopback, link-local, CGNAT, unique-local and unspecified addresses", () => {
    for (const a of [
      "127.0.0.1",
      "10.1.2.3",
      "172.20.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "::1",
      "::",
      "fd12::1",
      "fe80::1",
      "::ffff:127.0.0.1",
    ]) {
      assert.equal(isPrivateAddress(a), true, a);
    }
    for (const a of ["93.184.216.34", "8.8.8.8", "2606:4700::1111"])
      assert.equal(isPrivateAddress(a), false, a);
  });
});

describe("readInput on URLs (local server)", () => {
  let server: Server;
  let base = "";
  before(async () => {
    server = createServer((req, res) => {
      if (req.url === "/article") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(
          "<html><body><article><p>LIMA — The port reopened on Monday after a two-day strike ended, officials said.</p></article></body></html>",
        );
      } else if (req.url === "/wire.jsonl") {
        res.writeHead(200, { "content-type": "application/x-ndjson" });
        res.end(
          '{"id":"a","title":"One","text":"First story."}\n{"id":"b","title":"Two","text":"Second story."}\n',
        );
      } else if (req.url === "/to-localhost") {
        res.writeHead(302, {
          location: `http://localhost:${(server.address() as AddressInfo).port}/article`,
        });
        res.end();
      } else if (req.url === "/loop") {
        res.writeHead(302, { location: "/loop" });
        res.end();
      } else if (req.url === "/big") {
        res.writeHead(200, { "content-type": "text/plain" });
        res.end("x".repeat(200_000));
      } else if (req.url === "/slow") {
        res.writeHead(200, { "content-type": "text/plain" });
        res.write("partial");
        // never ends: the timeout must fire
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  /** Lets the test server's literal address through; every other host gets the real guard. */
  const firstHopOnly: IngestOptions = {
    hostCheck: async (host) => (host === "127.0.0.1" ? { ok: true, addresses: [host] } : checkHost(host)),
  };
  const url = (path: string): InputItem => ({ source: `${base}${path}`, kind: "url" });

  it("refuses a loopback URL by default", async () => {
    const { docs, problems } = await readAll(url("/article"));
    assert.equal(docs.length, 0);
    assert.equal(problems[0]?.code, "PRIVATE_ADDRESS");
  });
  it("fetches it when private networks are allowed", async () => {
    const { docs } = await readAll(url("/article"), { allowPrivateNetwork: true });
    assert.equal(docs[0]?.kind, "url");
    assert.equal(docs[0]?.contentType, "text/html");
    assert.equal(docs[0]?.hints.url, `${base}/article`);
  });
  it("reads JSON lines served over HTTP, one document per record", async () => {
    const { docs, problems } = await readAll(url("/wire.jsonl"), { allowPrivateNetwork: true });
    assert.deepEqual(problems, []);
    assert.deepEqual(
      docs.map((d) => d.hints.id),
      ["a", "b"],
    );
  });
  it("checks every redirect hop: a redirect to localhost is refused", async () => {
    const { docs, problems } = await readAll(url("/to-localhost"), firstHopOnly);
    assert.equal(docs.length, 0);
    assert.equal(problems[0]?.code, "PRIVATE_ADDRESS");
    assert.match(problems[0]?.message ?? "", /after redirect/);
  });
  it("stops after too many redirects", async () => {
    const { problems } = await readAll(url("/loop"), { ...firstHopOnly, maxRedirects: 3 });
    assert.equal(problems[0]?.code, "TOO_MANY_REDIRECTS");
  });
  it("stops reading past the byte limit", async () => {
    const { problems } = await readAll(url("/big"), { allowPrivateNetwork: true, maxBytes: 10_000 });
    assert.equal(problems[0]?.code, "TOO_LARGE");
  });
  it("gives up on a server that never finishes", async () => {
    const { problems } = await readAll(url("/slow"), { allowPrivateNetwork: true, timeoutMs: 300 });
    assert.equal(problems[0]?.code, "TIMEOUT");
  });
  it("reports HTTP errors", async () => {
    const { problems } = await readAll(url("/missing"), { allowPrivateNetwork: true });
    assert.equal(problems[0]?.code, "HTTP_STATUS");
  });
});

describe("readInput on UTF-16 JSON lines", () => {
  it("reads every record of a UTF-16 JSONL file", async () => {
    const path = join(tmp, "utf16.jsonl");
    const lines = `${JSON.stringify({ title: "Première", text: "Le navire est arrivé." })}\n${JSON.stringify({ title: "Second", text: "Il est reparti." })}\n`;
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines, "utf16le")]));
    const { docs, problems } = await readAll(file(path));
    assert.deepEqual(problems, []);
    assert.deepEqual(
      docs.map((d) => [d.source, d.hints.title]),
      [
        [`${path}#1`, "Première"],
        [`${path}#2`, "Second"],
      ],
    );
  });
});
