/**
 * Hostile uploads and URLs through the desk's public API (POST /api/ingest, in process): path traversal and
 * spoofing in upload names, archives and bombs as uploads, an upload over the size limit, and URLs (or
 * redirects) to private addresses. The desk's other defences (CSP, CSRF, tokens, rate limits, logs) are in
 * security.test.ts.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { createToken } from "../app/tokens.js";
import { reportText } from "../app/testing/corpus.js";
import { deepHtml, laughsFeed, STORY, zipBomb } from "../app/testing/hostile.js";
import { openStore } from "../store/index.js";
import type { Store } from "../store/types.js";
import { createDesk, type Desk } from "./app.js";

const HOST = { host: "127.0.0.1:8080" };

interface Report {
  inserted: number;
  insertedIds: string[];
  problems: { source: string; code: string; message: string; hint: string }[];
}

describe("hostile input through the desk API", () => {
  const tmp = mkdtempSync(join(tmpdir(), "watchdesk-hostile-desk-"));
  const sentinel = join(tmp, "sentinel");
  let store: Store;
  let token = "";
  let desk: Desk;
  let canary: Server;
  let canaryPort = 0;
  let hits = 0;
  let redirector: Server;
  let redirectPort = 0;

  before(async () => {
    mkdirSync(sentinel);
    store = await openStore(join(tmp, "desk.db"));
    token = (await createToken(store, "hostile tests")).token;
    canary = createServer((_req, res) => {
      hits++;
      res.end("internal");
    });
    await new Promise<void>((r) => canary.listen(0, "127.0.0.1", r));
    canaryPort = (canary.address() as AddressInfo).port;
    redirector = createServer((req, res) => {
      const to: Record<string, string> = {
        "/hop": "/hop2",
        "/hop2": `http://127.0.0.1:${canaryPort}/admin`,
        "/to-v6": `http://[::1]:${canaryPort}/`,
      };
      res.writeHead(302, { location: to[req.url ?? ""] ?? "/hop" });
      res.end();
    });
    await new Promise<void>((r) => redirector.listen(0, "127.0.0.1", r));
    redirectPort = (redirector.address() as AddressInfo).port;
    desk = createDesk({
      store,
      maxUploadBytes: 8 * 1024 * 1024,
      writeLimit: { max: 1000, windowMs: 60_000 },
      // The redirecting server of this test is allowed; where it redirects to is still checked.
      ingestOptions: { allowHosts: [`127.0.0.1:${redirectPort}`], timeoutMs: 3000 },
    });
  });
  after(async () => {
    for (const s of [canary, redirector]) {
      s.closeAllConnections();
      s.close();
    }
    await store.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  const ingest = async (body: FormData | object) => {
    const res = await desk.app.request("/api/ingest", {
      method: "POST",
      body: body instanceof FormData ? body : JSON.stringify(body),
      headers: {
        ...HOST,
        authorization: `Bearer ${token}`,
        ...(body instanceof FormData ? {} : { "content-type": "application/json" }),
      },
    });
    return res;
  };

  it("keeps only a safe base name of every upload, whatever path or trick the name holds", async () => {
    const names = [
      "../../../../../../../..".concat(sentinel, "/escape.txt"),
      `${sentinel}/absolute.txt`,
      "..\\..\\..\\windows\\system32\\drivers.txt",
      "a/b/../../../../c.txt",
      "%2e%2e%2f%2e%2e%2fencoded.txt",
      "nul\u0000byte.txt",
      "report\u202Etxt.exe",
      "Кim-Jоng-Un.txt",
      "ＦＵＬＬＷＩＤＴＨ.txt",
      ".bashrc",
      "...",
      "CON",
      `${"long".repeat(300)}.txt`,
    ];
    const form = new FormData();
    names.forEach((name, i) => {
      form.append("file", new File([reportText(200 + i)], name));
    });
    const res = await ingest(form);
    assert.equal(res.status, 200, await res.clone().text());
    const report = (await res.json()) as Report;
    assert.deepEqual(report.problems, []);
    assert.equal(report.inserted, names.length);
    const sources = await Promise.all(
      report.insertedIds.map(async (id) => (await store.getArticle(id))?.article.source ?? ""),
    );
    for (const source of sources) {
      assert.match(source, /^upload:[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, source);
      assert.ok(!source.includes(".."), source);
    }
    assert.ok(sources.includes("upload:escape.txt") && sources.includes("upload:absolute.txt"));
    assert.deepEqual(readdirSync(sentinel), [], "nothing was written outside the upload folder");
  });

  it("refuses archives and bombs sent as uploads, naming each, and stores the rest of the request", async () => {
    const form = new FormData();
    form.append("file", new File([new Uint8Array(zipBomb(16 * 1024 * 1024))], "bomb.zip"));
    form.append(
      "file",
      new File([new Uint8Array(gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x41)))], "bomb.txt.gz"),
    );
    form.append("file", new File([deepHtml(20_000)], "deep.html"));
    form.append("file", new File([laughsFeed(`http://127.0.0.1:${canaryPort}`)], "laughs.xml"));
    form.append("file", new File([reportText(300)], "good.txt"));
    const res = await ingest(form);
    assert.equal(res.status, 200, await res.clone().text());
    const report = (await res.json()) as Report;
    assert.deepEqual(
      report.problems.map((p) => [p.source, p.code]),
      [
        ["upload:bomb.zip", "ARCHIVE"],
        ["upload:bomb.txt.gz", "TOO_LARGE"],
      ],
    );
    for (const p of report.problems) {
      assert.ok(!p.message.includes(tmpdir()), `the server's temporary path leaks: ${p.message}`);
      assert.ok(p.hint.length > 10);
    }
    assert.equal(report.inserted, 3);
    const bodies = await Promise.all(
      report.insertedIds.map(async (id) => (await store.getArticle(id))?.article.body ?? ""),
    );
    assert.ok(bodies.includes(STORY), "the deep page's paragraph");
    assert.ok(bodies.every((b) => !b.includes("haha") && !b.includes("internal")));
    assert.equal(hits, 0);
  });

  it("answers an upload over the size limit with 413 and stores nothing", async () => {
    const before = await store.countArticles();
    const form = new FormData();
    form.append("file", new File([new Uint8Array(9 * 1024 * 1024).fill(0x61)], "huge.txt"));
    const res = await ingest(form);
    assert.equal(res.status, 413);
    const body = (await res.json()) as { error: { code: string; hint: string } };
    assert.equal(body.error.code, "TOO_LARGE");
    assert.ok(body.error.hint);
    assert.equal(await store.countArticles(), before);
  });

  it("refuses more than 50 files in one request, clearly", async () => {
    const form = new FormData();
    for (let i = 0; i < 51; i++) form.append("file", new File([`note ${i}`], `n${i}.txt`));
    const res = await ingest(form);
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, "BAD_UPLOAD");
  });

  it("refuses URLs to private addresses, directly or after redirects from an allowed host, unfetched", async () => {
    const urls = [
      `http://127.0.0.1:${canaryPort}/`,
      `http://[::1]:${canaryPort}/`,
      `http://localhost:${canaryPort}/`,
      "http://169.254.169.254/latest/meta-data/",
      "http://10.0.0.7/",
      `http://127.0.0.1:${redirectPort}/hop`,
      `http://127.0.0.1:${redirectPort}/to-v6`,
    ];
    const res = await ingest({ urls });
    assert.equal(res.status, 200, await res.clone().text());
    const report = (await res.json()) as Report;
    assert.equal(report.inserted, 0);
    assert.deepEqual(
      report.problems.map((p) => [p.source, p.code]),
      urls.map((u) => [u, "PRIVATE_ADDRESS"]),
    );
    assert.equal(hits, 0, "the internal server was never reached");
  });
});
