/**
 * Every source kind with fixtures written here: folders (recursive, by content), .gz, JSON/JSONL field
 * mapping defaults, RSS 2.0 and Atom (full text when the feed carries it), HTML pages. URLs and hostile
 * inputs are in index.test.ts and hostile.test.ts.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { cleanDocument } from "../clean/index.js";
import type { IngestProblem, RawDocument } from "../types.js";
import { expandInputs, type IngestOptions, type InputItem, isIngestProblem, readInput } from "./index.js";
import { LineTooLong, splitLines } from "./files.js";

const tmp = mkdtempSync(join(tmpdir(), "watchdesk-sources-"));

async function readAll(item: InputItem, options?: IngestOptions) {
  const docs: RawDocument[] = [];
  const problems: IngestProblem[] = [];
  for await (const x of readInput(item, options)) (isIngestProblem(x) ? problems : docs).push(x as never);
  return { docs, problems };
}
const file = (source: string): InputItem => ({ source, kind: "file" });

const STORY =
  "ADEN — Two cargo ships were turned away from the port on Sunday after inspectors found undeclared drone parts in their holds, the coast guard said.";
const PAGE = `<!doctype html><html lang="en"><head><title>Ships turned away at Aden | Gulf Ledger</title><meta property="og:site_name" content="Gulf Ledger"></head><body><nav><a href="/">Home</a></nav><article><h1>Ships turned away at Aden</h1><p>${STORY}</p><p>The ships' owners said the parts were spare components for fishing boats and asked for a review.</p></article><footer>© Gulf Ledger</footer></body></html>`;

describe("folders", () => {
  const dir = join(tmp, "mixed");
  mkdirSync(join(dir, "2025", "march"), { recursive: true });
  writeFileSync(join(dir, "page-without-extension"), PAGE);
  writeFileSync(
    join(dir, "2025", "records.txt"),
    `${JSON.stringify({ title: "JSON lines in a .txt", text: STORY })}\n${JSON.stringify({ title: "Second", text: STORY })}\n`,
  );
  writeFileSync(
    join(dir, "2025", "march", "feed.html"),
    `<?xml version="1.0"?><rss version="2.0"><channel><title>Gulf Ledger</title><item><title>Feed item</title><description>${STORY}</description></item></channel></rss>`,
  );
  writeFileSync(join(dir, "2025", "march", "note.md"), `Harbour note\n\n${STORY}`);
  writeFileSync(join(dir, "2025", "story.html.gz"), gzipSync(PAGE));
  writeFileSync(join(dir, "logo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
  writeFileSync(join(dir, ".DS_Store"), "hidden");
  // A zip of articles left in the folder: read (not skipped like the image) so that it is refused by name.
  writeFileSync(join(dir, "bundle.zip"), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0, 0]));

  it("walks sub-folders in name order, skipping hidden files and images", async () => {
    const { items, problems } = await expandInputs([dir]);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      items.map((i) => i.source.slice(dir.length + 1)),
      [
        "2025/march/feed.html",
        "2025/march/note.md",
        "2025/records.txt",
        "2025/story.html.gz",
        "bundle.zip",
        "page-without-extension",
      ],
    );
  });
  it("refuses an archive in the folder by name, saying to unpack it", async () => {
    const { items } = await expandInputs([dir]);
    const zip = items.find((i) => i.source.endsWith("bundle.zip"));
    assert.ok(zip);
    const out = [];
    for await (const doc of readInput(zip)) out.push(doc);
    assert.equal(out.length, 1);
    const [refused] = out;
    assert.ok(refused && isIngestProblem(refused));
    assert.equal(refused.code, "ARCHIVE");
    assert.equal(refused.source, zip.source);
    assert.match(refused.hint, /unpack|extract/i);
  });
  it("reads each file by what it holds, not by its extension", async () => {
    const { items } = await expandInputs([dir]);
    const kinds: string[] = [];
    for (const item of items.filter((i) => !i.source.endsWith(".zip"))) {
      for await (const doc of readInput(item)) {
        assert.ok(!isIngestProblem(doc), JSON.stringify(doc));
        kinds.push(`${(doc as RawDocument).kind}/${(doc as RawDocument).contentType}`);
      }
    }
    assert.deepEqual(kinds, [
      "feed/text/plain", // RSS saved as .html
      "text/text/plain", // markdown
      "jsonl/text/plain", // JSON lines in a .txt
      "jsonl/text/plain",
      "html/text/html", // gzipped HTML
      "html/text/html", // HTML without an extension
    ]);
  });
});

describe(".gz files", () => {
  it("streams gzipped JSON lines record by record", async () => {
    const path = join(tmp, "wire.jsonl.gz");
    const lines = Array.from({ length: 3 }, (_, i) =>
      JSON.stringify({ id: `g-${i}`, text: `${STORY} (${i})` }),
    );
    writeFileSync(path, gzipSync(`${lines.join("\n")}\n`));
    const { docs, problems } = await readAll(file(path));
    assert.deepEqual(problems, []);
    assert.deepEqual(
      docs.map((d) => [d.source, d.hints.id]),
      [
        [`${path}#1`, "g-0"],
        [`${path}#2`, "g-1"],
        [`${path}#3`, "g-2"],
      ],
    );
  });
  it("reports a truncated gzip file clearly", async () => {
    const path = join(tmp, "cut.txt.gz");
    writeFileSync(path, gzipSync(STORY.repeat(50)).subarray(0, 40));
    const { docs, problems } = await readAll(file(path));
    assert.equal(docs.length, 0);
    assert.equal(problems[0]?.code, "BAD_GZIP");
    assert.ok((problems[0]?.hint ?? "").length > 0);
  });
});

describe("JSON and JSONL field mapping", () => {
  const cases: [string, Record<string, unknown>, Partial<RawDocument["hints"]> & { content: string }][] = [
    [
      "title/text/url/published",
      { title: "T1", text: "Body one.", url: "https://a.example/1", published: "2025-01-02" },
      { title: "T1", url: "https://a.example/1", published: "2025-01-02", content: "Body one." },
    ],
    [
      "headline/body/link/date",
      { headline: "T2", body: "Body two.", link: "https://a.example/2", date: "2025-01-03" },
      { title: "T2", url: "https://a.example/2", published: "2025-01-03", content: "Body two." },
    ],
    ["story_text", { headline: "T3", story_text: "Body three." }, { title: "T3", content: "Body three." }],
    ["content", { title: "T4", content: "Body four." }, { title: "T4", content: "Body four." }],
    [
      "nested source name and author list",
      { title: "T5", text: "Body five.", source: { name: "Wire Five" }, authors: ["A. Roe", "B. Doe"] },
      { title: "T5", outlet: "Wire Five", byline: "A. Roe, B. Doe", content: "Body five." },
    ],
  ];
  for (const [name, record, expected] of cases) {
    it(`maps ${name}`, async () => {
      const path = join(tmp, `map-${name.replace(/\W+/g, "-")}.jsonl`);
      writeFileSync(path, `${JSON.stringify(record)}\n${JSON.stringify(record)}\n`);
      const { docs } = await readAll(file(path));
      assert.equal(docs.length, 2);
      const { content, ...hints } = expected;
      assert.equal(docs[0]?.content, content);
      for (const [k, v] of Object.entries(hints))
        assert.equal(docs[0]?.hints[k as keyof RawDocument["hints"]], v, k);
    });
  }
  it("prefers text over description and html over text", async () => {
    const path = join(tmp, "prefs.json");
    writeFileSync(
      path,
      JSON.stringify({
        articles: [
          { title: "A", description: "Teaser.", text: "Full text." },
          { title: "B", text: "Plain.", html: "<p>Marked up.</p>" },
        ],
      }),
    );
    const { docs } = await readAll(file(path));
    assert.deepEqual(
      docs.map((d) => [d.content, d.contentType]),
      [
        ["Full text.", "text/plain"],
        ["<p>Marked up.</p>", "text/html"],
      ],
    );
  });
  it("cleans a JSONL record with its hints winning over the text", async () => {
    const path = join(tmp, "hinted.jsonl");
    writeFileSync(
      path,
      `${JSON.stringify({ id: "h-1", headline: "Ships turned away", story_text: `Ships turned away\n\n${STORY}`, link: "https://ledger.example/x", date: "2025-03-09T10:00:00Z", outlet: "Gulf Ledger" })}\n`,
    );
    const { docs } = await readAll(file(path));
    const a = cleanDocument(docs[0] as RawDocument);
    assert.equal(a.title, "Ships turned away");
    assert.equal(a.published, "2025-03-09");
    assert.equal(a.publishedFrom, "hint");
    assert.equal(a.outlet, "Gulf Ledger");
    assert.equal(a.body, STORY);
  });
});

describe("feeds", () => {
  it("reads RSS 2.0 items, taking content:encoded full text over the description", async () => {
    const path = join(tmp, "feed.rss");
    writeFileSync(
      path,
      `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Gulf Ledger</title>
    <item>
      <title>Ships turned away at Aden</title>
      <link>https://ledger.example/2025/03/09/aden</link>
      <guid>ledger-1</guid>
      <pubDate>Sun, 09 Mar 2025 08:00:00 GMT</pubDate>
      <dc:creator>Mona Said</dc:creator>
      <description>Two ships were turned away.</description>
      <content:encoded><![CDATA[<p>${STORY}</p><p>The owners asked for a review.</p>]]></content:encoded>
    </item>
    <item>
      <title>Summary only</title>
      <link>https://ledger.example/2</link>
      <description>Port reopens after the storm, officials said on Monday.</description>
    </item>
    <item><title>No text at all</title></item>
  </channel>
</rss>`,
    );
    const { docs, problems } = await readAll(file(path));
    assert.deepEqual(problems, []);
    assert.equal(docs.length, 2);
    const full = docs[0] as RawDocument;
    assert.equal(full.kind, "feed");
    assert.equal(full.contentType, "text/html");
    assert.deepEqual(full.hints, {
      id: "ledger-1",
      title: "Ships turned away at Aden",
      url: "https://ledger.example/2025/03/09/aden",
      published: "Sun, 09 Mar 2025 08:00:00 GMT",
      outlet: "Gulf Ledger",
      byline: "Mona Said",
    });
    const a = cleanDocument(full);
    assert.equal(a.body, `${STORY}\n\nThe owners asked for a review.`);
    assert.equal(a.published, "2025-03-09");
    assert.equal(a.dateline, "ADEN");
    assert.equal(docs[1]?.content, "Port reopens after the storm, officials said on Monday.");
    assert.equal(docs[1]?.contentType, "text/plain");
  });
  it("reads Atom content over summary, and the summary when there is no content", async () => {
    const path = join(tmp, "feed.atom");
    writeFileSync(
      path,
      `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Strait Monitor</title>
<entry><id>s-1</id><title>Full</title><link rel="alternate" href="https://strait.example/1"/><link rel="enclosure" href="https://strait.example/1.jpg"/><updated>2025-04-10T06:00:00Z</updated><summary>Short.</summary><content type="html">&lt;p&gt;${STORY}&lt;/p&gt;</content></entry>
<entry><id>s-2</id><title>Summary</title><link href="https://strait.example/2"/><summary>Only a summary here, the agency said.</summary></entry>
</feed>`,
    );
    const { docs } = await readAll(file(path));
    assert.deepEqual(
      docs.map((d) => [d.hints.id, d.hints.url, d.contentType]),
      [
        ["s-1", "https://strait.example/1", "text/html"],
        ["s-2", "https://strait.example/2", "text/plain"],
      ],
    );
    assert.equal(cleanDocument(docs[0] as RawDocument).body, STORY);
  });
  it("reports XML that is no feed, reads XHTML as a page, and reports a feed without items", async () => {
    const catalog = join(tmp, "catalog.xml");
    writeFileSync(catalog, `<?xml version="1.0"?><catalog><book>x</book></catalog>`);
    const xhtml = join(tmp, "page.xml");
    writeFileSync(xhtml, `<?xml version="1.0"?><html><body><p>${STORY}</p></body></html>`);
    const empty = join(tmp, "empty.rss");
    writeFileSync(empty, `<?xml version="1.0"?><rss><channel><title>x</title></channel></rss>`);
    const [a, b, c] = await Promise.all([readAll(file(catalog)), readAll(file(xhtml)), readAll(file(empty))]);
    assert.equal(a.problems[0]?.code, "BAD_FEED");
    assert.match(a.problems[0]?.message ?? "", /found <catalog>/);
    assert.equal(b.docs[0]?.kind, "html");
    assert.equal(c.problems[0]?.code, "EMPTY");
  });
  it("still reads the items of a feed cut off in the middle", async () => {
    const path = join(tmp, "cut.rss");
    writeFileSync(
      path,
      `<?xml version="1.0"?><rss><channel><title>Wire</title><item><title>One</title><description>First item text.</description></item><item><title>Two</title><description>Second item, cut`,
    );
    const { docs } = await readAll(file(path));
    assert.deepEqual(
      docs.map((d) => d.hints.title),
      ["One", "Two"],
    );
  });
});

describe("HTML pages", () => {
  it("reads a saved page and cleans it into title, outlet and body", async () => {
    const path = join(tmp, "aden.html");
    writeFileSync(path, PAGE);
    const { docs } = await readAll(file(path));
    assert.equal(docs[0]?.kind, "html");
    const a = cleanDocument(docs[0] as RawDocument);
    assert.equal(a.title, "Ships turned away at Aden");
    assert.equal(a.outlet, "Gulf Ledger");
    assert.equal(a.language, "en");
    assert.equal(
      a.body,
      `${STORY}\n\nThe ships' owners said the parts were spare components for fishing boats and asked for a review.`,
    );
  });
  it("decodes a page in its declared legacy charset", async () => {
    const path = join(tmp, "latin1.html");
    writeFileSync(
      path,
      Buffer.concat([
        Buffer.from('<html><head><meta charset="iso-8859-1"></head><body><p>'),
        Buffer.from(
          "Caf\xe9 owners in S\xe3o Paulo protested on Monday against the new port fees.",
          "latin1",
        ),
        Buffer.from("</p></body></html>"),
      ]),
    );
    const { docs } = await readAll(file(path));
    assert.match(docs[0]?.content ?? "", /Café owners in São Paulo/);
  });
});

describe("splitLines (the JSONL streamer)", () => {
  it("yields each line as soon as its chunk arrives, never reading ahead", async () => {
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled++;
        yield Buffer.from('{"text":"a"}\n{"text":"b"}\n');
      }
    }
    const seen: string[] = [];
    for await (const lines of splitLines(endless(), 1024)) {
      seen.push(...(lines as string[]));
      if (seen.length >= 5) break;
    }
    assert.deepEqual(seen, [
      '{"text":"a"}',
      '{"text":"b"}',
      '{"text":"a"}',
      '{"text":"b"}',
      '{"text":"a"}',
      '{"text":"b"}',
    ]);
    assert.equal(pulled, 3);
  });
  it("skips a line over the limit to its end and goes on, across chunk and UTF-8 boundaries", async () => {
    const euro = Buffer.from("€"); // three bytes, split across two chunks below
    async function* source() {
      yield Buffer.from("short one\r\n");
      for (let i = 0; i < 40; i++) yield Buffer.alloc(1000, 0x61); // 40 KB without a newline
      yield Buffer.from("\nprice 5");
      yield euro.subarray(0, 1);
      yield Buffer.concat([euro.subarray(1), Buffer.from("\nlast without newline")]);
    }
    const out: (string | number)[] = [];
    for await (const lines of splitLines(source(), 10_000)) {
      for (const line of lines) out.push(line instanceof LineTooLong ? line.bytes : line);
    }
    assert.deepEqual(out, ["short one", 40_000, "price 5€", "last without newline"]);
  });
});
