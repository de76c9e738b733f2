/**
 * The hostile-input suite at the level a user meets it: `watchdesk ingest` (in a process whose heap is capped,
 * so memory stays bounded) over a folder of crafted files, property-based batches through `ingestInputs`, and
 * hostile HTTP servers of the test's own. Every case ends in bounded time with either a clean article or a
 * clear problem naming the input, and the rest of the batch stored. Unit-level cases of the readers live in
 * src/ingest/*.test.ts; `npm run soak` runs this file with the big sizes (a 50 MB line, a 1 GB bomb).
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import Database from "better-sqlite3";
import fc from "fast-check";
import { openStore } from "../store/index.js";
import type { Store } from "../store/types.js";
import { ingestInputs } from "./ingest.js";
import { reportText, writeReports } from "./testing/corpus.js";
import { checkSqlite, spawnCli } from "./testing/faults.js";
import {
  deepHtml,
  laughsFeed,
  malformedHtml,
  STORY,
  utf16,
  writeGzipBomb,
  writeLongLine,
  zipArchive,
  zipBomb,
} from "./testing/hostile.js";
import { soakOr } from "./testing/soak.js";

const tmp = mkdtempSync(join(tmpdir(), "watchdesk-hostile-app-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

const BIDI = /[\u202A-\u202E\u2066-\u2069]/;

/** A loopback server that must never be reached: it counts every request. */
async function canary(): Promise<{ port: number; hits: () => number; close: () => void }> {
  let hits = 0;
  const server = createServer((_req, res) => {
    hits++;
    res.end("root:x:0:0:secret");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as AddressInfo).port,
    hits: () => hits,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

describe("a folder of crafted files through `watchdesk ingest`, with a capped heap", () => {
  it("stores every readable document cleanly, names every refused one, and keeps the rest", {
    timeout: 600_000,
  }, async () => {
    const trap = await canary();
    try {
      const dir = join(tmp, "crafted");
      const good = writeReports(dir, 0, 3);
      const f = (name: string) => join(dir, name);
      writeFileSync(f("deep.html"), deepHtml(soakOr(200_000, 20_000)));
      writeFileSync(f("malformed.html"), malformedHtml());
      writeFileSync(f("laughs.xml"), laughsFeed(`http://127.0.0.1:${trap.port}`));
      await writeGzipBomb(f("bomb.txt.gz"), soakOr(1024 ** 3, 64 * 1024 ** 2));
      writeFileSync(
        f("zip-in-disguise.txt"),
        zipArchive([{ name: "story.txt", data: Buffer.from(`Escort in the bay\n\n${STORY.repeat(40)}`) }]),
      );
      const bombZip = join(tmp, "bomb.zip");
      writeFileSync(bombZip, zipBomb(soakOr(512 * 1024 ** 2, 32 * 1024 ** 2)));
      writeFileSync(
        f("invalid-utf8.txt"),
        Buffer.concat([
          Buffer.from(`Escort in the bay\n\n${STORY} Bytes: `),
          Buffer.from([0xff, 0xc3, 0x28, 0xa0]),
        ]),
      );
      writeFileSync(f("utf16le.txt"), utf16(`Cable damage in the Gulf\n\n${STORY}`, "le"));
      writeFileSync(
        f("utf16be.txt"),
        utf16(`Anchor dragged across the cable\n\n${STORY} It was found.`, "be"),
      );
      writeFileSync(
        f("nul.txt"),
        Buffer.from(`Tanker escorted\0 out\n\n${STORY.replaceAll("navy", "na\0vy")} Divers\0 checked it.`),
      );
      writeFileSync(
        f("rtl.txt"),
        `Navy \u202Edeined\u202C the report\n\n${STORY} The ministry \u2067denied\u2069 it, \u202Dofficials said.`,
      );
      // Cyrillic і and о in the name: stored as written, never "corrected" into another spelling.
      writeFileSync(
        f("homoglyph.txt"),
        `Visit to the yard\n\nSEOUL — Kіm Jоng Un inspected the shipyard on Monday, KCNA said.`,
      );
      await writeLongLine(f("long-line.txt"), soakOr(50 * 1024 ** 2, 3 * 1024 ** 2));
      // Under the length limit but one unbroken paragraph: analysed in time linear in its length.
      await writeLongLine(f("long-paragraph.txt"), soakOr(900 * 1024, 48 * 1024));
      writeFileSync(f("empty.txt"), " \n\t\n");
      writeFileSync(
        f("scripts-only.html"),
        "<html><body><script>alert(1)</script><nav><a href=/>Home</a></nav>",
      );
      writeFileSync(
        f("image-as.txt"),
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5]),
      );
      writeFileSync(
        f("records.jsonl"),
        [
          JSON.stringify({
            id: "r1",
            title: "Wire \u202Ecopy\u202C",
            text: `${STORY} \u0000 Officials\u0000 said so.`,
          }),
          JSON.stringify({
            id: "r2",
            title: "<script>alert(1)</script>",
            html: `<p>${STORY}</p><script>alert(2)</script>`,
          }),
          '{"id": "r3", "text": ',
        ].join("\n"),
      );

      const db = join(tmp, "crafted.db");
      // The readers' limit above the longest line, so the 50 MB line reaches cleaning and analysis.
      const maxBytes = String(60 * 1024 ** 2);
      const run = await spawnCli(["--db", db, "ingest", "--max-bytes", maxBytes, dir, bombZip], {
        // About ten times the largest input read whole (the 50 MB line of the soak).
        nodeArgs: [`--max-old-space-size=${soakOr(512, 256)}`],
      }).exited;
      assert.equal(run.code, 1, `exit ${run.code ?? run.signal}: ${run.stderr.slice(-3000)}`);

      const state = checkSqlite(db);
      const problems = Object.fromEntries(state.problems.map((p) => [p.source, p.code]));
      assert.deepEqual(problems, {
        [f("bomb.txt.gz")]: "TOO_LARGE",
        [f("empty.txt")]: "EMPTY",
        [f("image-as.txt")]: "UNSUPPORTED",
        [f("scripts-only.html")]: "EMPTY",
        [f("long-line.txt")]: "TEXT_TOO_LONG",
        [`${f("records.jsonl")}#3`]: "BAD_JSON",
        [f("zip-in-disguise.txt")]: "ARCHIVE",
        [bombZip]: "ARCHIVE",
      });
      // Each refusal is printed naming its input, with what to do.
      for (const source of Object.keys(problems)) {
        assert.match(
          run.stderr,
          new RegExp(`watchdesk: ${source.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: .+\\(.+\\)`),
        );
      }
      assert.deepEqual(
        state.sources,
        [
          ...good,
          f("deep.html"),
          f("homoglyph.txt"),
          f("invalid-utf8.txt"),
          `${f("laughs.xml")}#1`,
          f("long-paragraph.txt"),
          f("malformed.html"),
          f("nul.txt"),
          `${f("records.jsonl")}#1`,
          `${f("records.jsonl")}#2`,
          f("rtl.txt"),
          f("utf16be.txt"),
          f("utf16le.txt"),
        ].sort(),
      );
      assert.equal(state.inStories, state.articles);

      const d = new Database(db, { readonly: true });
      const body = (source: string) =>
        (d.prepare("select title, body from articles where source = ?").get(source) as {
          title: string;
          body: string;
        }) ?? { title: "", body: "" };
      for (const row of d.prepare("select title, body, outlet, source from articles").all() as Record<
        string,
        string | null
      >[]) {
        for (const value of Object.values(row)) {
          assert.ok(!value?.includes("\u0000"), `NUL kept in ${row.source}`);
          assert.ok(!BIDI.test(value ?? ""), `bidi control kept in ${row.source}`);
        }
      }
      // A JSON title is plain text (shown escaped); markup in an html field is parsed, its script dropped.
      assert.equal(body(`${f("records.jsonl")}#2`).title, "<script>alert(1)</script>");
      assert.equal(body(f("deep.html")).body, STORY);
      assert.ok(body(f("malformed.html")).body.startsWith(STORY));
      const laughs = body(`${f("laughs.xml")}#1`).body;
      assert.ok(laughs.includes(STORY));
      assert.ok(!laughs.includes("haha") && !laughs.includes("root:"), laughs);
      assert.equal(trap.hits(), 0, "no external entity was fetched");
      assert.match(body(f("invalid-utf8.txt")).body, /Bytes: \uFFFD/);
      assert.equal(body(f("utf16le.txt")).body, STORY);
      assert.equal(body(f("utf16le.txt")).title, "Cable damage in the Gulf");
      assert.equal(body(f("utf16be.txt")).body, `${STORY} It was found.`);
      assert.ok(body(f("nul.txt")).body.includes(STORY));
      assert.equal(body(f("rtl.txt")).title, "Navy deined the report");
      assert.ok(body(f("homoglyph.txt")).body.includes("Kіm Jоng Un"));
      assert.equal(body(`${f("records.jsonl")}#2`).body, STORY);
      assert.ok(body(f("long-paragraph.txt")).body.length > soakOr(800_000, 40_000));
      d.close();
      assert.deepEqual(
        readdirSync(dir).filter((n) => n.includes("payload")),
        [],
        "no archive was unpacked",
      );
    } finally {
      trap.close();
    }
  });
});

describe("property: one hostile file never costs the rest of its batch", () => {
  let store: Store;
  const dir = join(tmp, "prop");
  let before1 = "";
  let after1 = "";
  before(async () => {
    store = await openStore(":memory:");
    [before1, after1] = writeReports(dir, 100, 102) as [string, string];
  });
  after(() => store.close());

  const prefixes = [
    [],
    [0xef, 0xbb, 0xbf],
    [0xff, 0xfe],
    [0xfe, 0xff],
    [0x1f, 0x8b],
    [0x50, 0x4b, 0x03, 0x04],
    [...Buffer.from("<html><body><p>")],
    [...Buffer.from('{"text": "')],
    [...Buffer.from('<?xml version="1.0"?><rss><channel><item><description>')],
  ];
  const hostileBytes = fc
    .tuple(
      fc.constantFrom(...prefixes),
      fc.oneof(
        fc.uint8Array({ maxLength: 3000 }),
        fc.string({ unit: "grapheme", maxLength: 400 }).map((s) => new Uint8Array(Buffer.from(s))),
        fc
          .array(
            fc.oneof(
              fc.constantFrom(
                STORY,
                "\u0000",
                "\u202E",
                "\uFEFF",
                "\uD800",
                "<p>",
                "</div>",
                "&#0;",
                "\n\n",
                "Кім",
              ),
              fc.string({ maxLength: 20 }),
            ),
            { maxLength: 60 },
          )
          .map((parts) => new Uint8Array(Buffer.from(parts.join("")))),
      ),
    )
    .map(([prefix, rest]) => Buffer.concat([Buffer.from(prefix), rest]));

  it("arbitrary bytes between two reports: both reports stored, any problem names the hostile file", {
    timeout: 300_000,
  }, async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        hostileBytes,
        fc.constantFrom(".txt", ".html", ".json", ".jsonl", ".xml", ".gz"),
        async (bytes, ext) => {
          const path = join(dir, `hostile-${n++}${ext}`);
          writeFileSync(path, bytes);
          const report = await ingestInputs(store, { inputs: [before1, path, after1], refresh: false });
          assert.ok(
            await store.hasArticle((await store.listArticles()).find((a) => a.source === before1)?.id ?? "?"),
          );
          assert.ok(
            await store.hasArticle((await store.listArticles()).find((a) => a.source === after1)?.id ?? "?"),
          );
          for (const p of report.problems) {
            assert.ok(p.source === path || p.source.startsWith(`${path}#`), `problem names ${p.source}`);
            assert.ok(p.message && p.hint, JSON.stringify(p));
          }
          for (const id of report.insertedIds) {
            const a = (await store.getArticle(id))?.article;
            assert.ok(a && !a.body.includes("\u0000") && !BIDI.test(a.body) && !BIDI.test(a.title));
          }
        },
      ),
      { numRuns: soakOr(400, 30) },
    );
  });

  it("random nested and broken markup: never a script in the text, never a crash", {
    timeout: 300_000,
  }, async () => {
    const { tree } = fc.letrec<{ tree: string }>((tie) => ({
      tree: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.constantFrom(STORY, "Officials said so.", "&amp; &lt;b&gt;", "<br>", "</p>", "<p", "<!--"),
        fc
          .tuple(
            fc.constantFrom(
              "div",
              "p",
              "span",
              "table",
              "td",
              "a",
              "b",
              "script",
              "style",
              "iframe",
              "svg",
              "noscript",
            ),
            fc.array(tie("tree"), { maxLength: 4 }),
            fc.boolean(),
          )
          .map(([tag, children, close]) => {
            const inner = tag === "script" || tag === "style" ? "PAYLOAD_CODE()" : children.join("");
            return `<${tag}${tag === "a" ? ' href="javascript:PAYLOAD_CODE()"' : ""}>${inner}${close ? `</${tag}>` : ""}`;
          }),
      ),
    }));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(tree, async (html) => {
        const path = join(dir, `markup-${n++}.html`);
        writeFileSync(path, `<html><body><article><p>${STORY}</p>${html}</article></body></html>`);
        const report = await ingestInputs(store, { inputs: [path], refresh: false });
        for (const id of report.insertedIds) {
          const a = (await store.getArticle(id))?.article;
          assert.ok(a && !a.body.includes("PAYLOAD_CODE") && !a.title.includes("PAYLOAD_CODE"), a?.body);
        }
        for (const p of report.problems) assert.equal(p.source, path);
      }),
      { numRuns: soakOr(300, 25) },
    );
  });
});

describe("hostile HTTP: a local server of the test's own, allowed explicitly", () => {
  let server: Server;
  let port = 0;
  let trap: Awaited<ReturnType<typeof canary>>;
  before(async () => {
    trap = await canary();
    const bomb = gzipSync(Buffer.alloc(soakOr(1024 ** 3, 64 * 1024 ** 2), 0x41));
    const redirects: Record<string, string> = {
      "/chain/1": "/chain/2",
      "/chain/2": "/chain/3",
      "/chain/3": `http://127.0.0.1:${trap.port}/steal`,
      "/to-mapped-v6": `http://[::ffff:127.0.0.1]:${trap.port}/`,
      "/to-decimal": `http://2130706433:${trap.port}/`,
      "/to-localhost": `http://localhost:${trap.port}/`,
      "/to-metadata": "http://169.254.169.254/latest/meta-data/",
      "/to-unique-local": "http://[fd00::1]/",
      "/loop": "/loop",
    };
    server = createServer((req, res) => {
      const path = req.url ?? "";
      if (redirects[path]) {
        res.writeHead(302, { location: redirects[path] });
        res.end();
      } else if (path === "/article") {
        res.writeHead(200, { "content-type": "text/html" });
        res.end(`<html><body><article><h1>Escort in the bay</h1><p>${STORY}</p></article></body></html>`);
      } else if (path === "/drip") {
        // Headers at once, then one byte every 100 ms, forever.
        res.writeHead(200, { "content-type": "text/plain" });
        const timer = setInterval(() => res.write("a"), 100);
        res.on("close", () => clearInterval(timer));
      } else if (path === "/silent") {
        // Never answers at all.
      } else if (path === "/endless") {
        res.writeHead(200, { "content-type": "text/plain" });
        const chunk = Buffer.alloc(64 * 1024, 0x41);
        const pump = () => {
          while (res.write(chunk)) {}
        };
        res.on("drain", pump);
        pump();
      } else if (path === "/gzip-bomb") {
        res.writeHead(200, { "content-type": "text/plain", "content-encoding": "gzip" });
        res.end(bomb);
      } else if (path === "/zip") {
        res.writeHead(200, { "content-type": "text/plain" });
        res.end(zipArchive([{ name: "a.txt", data: Buffer.from(reportText(7)) }]));
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
    trap.close();
  });

  it("a batch of slow, endless, bombing and redirecting URLs ends in time with one problem each", {
    timeout: 120_000,
  }, async () => {
    const store = await openStore(":memory:");
    const url = (p: string) => `http://127.0.0.1:${port}${p}`;
    const expected: Record<string, string> = {
      [url("/drip")]: "TIMEOUT",
      [url("/silent")]: "TIMEOUT",
      [url("/endless")]: "TOO_LARGE",
      [url("/gzip-bomb")]: "TOO_LARGE",
      [url("/zip")]: "ARCHIVE",
      [url("/chain/1")]: "PRIVATE_ADDRESS",
      [url("/to-mapped-v6")]: "PRIVATE_ADDRESS",
      [url("/to-decimal")]: "PRIVATE_ADDRESS",
      [url("/to-localhost")]: "PRIVATE_ADDRESS",
      [url("/to-metadata")]: "PRIVATE_ADDRESS",
      [url("/to-unique-local")]: "PRIVATE_ADDRESS",
      [url("/loop")]: "TOO_MANY_REDIRECTS",
    };
    const report = await ingestInputs(store, {
      inputs: [url("/drip"), url("/article"), ...Object.keys(expected).slice(1)],
      options: { allowHosts: [`127.0.0.1:${port}`], timeoutMs: 1500, maxBytes: 1024 * 1024 },
    });
    assert.equal(report.inserted, 1, JSON.stringify(report.problems));
    assert.deepEqual(Object.fromEntries(report.problems.map((p) => [p.source, p.code])), expected);
    assert.equal(trap.hits(), 0, "no redirect reached a private address");
    assert.equal((await store.listProblems()).length, Object.keys(expected).length);
    await store.close();
  });

  it("property: a URL to a private, loopback or link-local address in any spelling is refused unfetched", {
    timeout: 120_000,
  }, async () => {
    const store = await openStore(":memory:");
    const byte = fc.integer({ min: 0, max: 255 });
    const loopback = fc.oneof(
      fc.tuple(byte, byte, byte).map(([a, b, c]) => `127.${a}.${b}.${c}`),
      fc.constantFrom(
        "2130706433",
        "0x7f000001",
        "0177.0.0.1",
        "127.1",
        "[::1]",
        "[::ffff:127.0.0.1]",
        "[0:0:0:0:0:ffff:7f00:1]",
        "localhost",
        "LOCALHOST",
      ),
    );
    const otherPrivate = fc.oneof(
      fc.tuple(byte, byte, byte).map(([a, b, c]) => `10.${a}.${b}.${c}`),
      fc.tuple(fc.integer({ min: 16, max: 31 }), byte, byte).map(([a, b, c]) => `172.${a}.${b}.${c}`),
      fc.tuple(byte, byte).map(([a, b]) => `192.168.${a}.${b}`),
      fc.tuple(byte, byte).map(([a, b]) => `169.254.${a}.${b}`),
      fc.tuple(fc.integer({ min: 64, max: 127 }), byte, byte).map(([a, b, c]) => `100.${a}.${b}.${c}`),
      fc.constantFrom(
        "0.0.0.0",
        "[::]",
        "[fe80::1]",
        "[fc00::5]",
        "[fd12:3456::1]",
        "[::ffff:10.0.0.1]",
        "[::ffff:169.254.169.254]",
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          loopback.map((host) => `http://${host}:${trap.port}/`),
          otherPrivate.map((host) => `http://${host}/`),
        ),
        fc.constantFrom("", "admin", "latest/meta-data/", "?q=1#x"),
        async (base, path) => {
          const source = `${base}${path}`;
          const report = await ingestInputs(store, {
            inputs: [source],
            options: { timeoutMs: 800 },
            refresh: false,
          });
          assert.deepEqual(
            report.problems.map((p) => [p.source, p.code]),
            [[source, "PRIVATE_ADDRESS"]],
          );
        },
      ),
      { numRuns: soakOr(500, 60) },
    );
    assert.equal(trap.hits(), 0);
    await store.close();
  });
});
