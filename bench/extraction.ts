/**
 * HTML body-extraction speed on the AEB dev pages: our extractor (cleanDocument on raw HTML: metadata, body,
 * boilerplate rules) against @mozilla/readability + linkedom (parse + Readability + textContent), same pages,
 * same run. The two are interleaved page by page (which one goes first alternates), so that a machine shared
 * with other work slows both sides alike; the ratio of the summed times is the figure.
 */
import { cleanDocument } from "../src/clean/index.js";
import { loadAeb } from "../eval/extraction-data.js";
import { readabilityText } from "../eval/extraction-readability.js";
import { createReadStream, createWriteStream, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { once } from "node:events";
import { isIngestProblem, readInput } from "../src/ingest/index.js";
import type { Benchmark, BenchRow } from "./types.js";

/** A JSONL wire corpus of about `bytes` bytes, written in pieces (the generator itself stays small). */
async function writeCorpus(path: string, bytes: number): Promise<number> {
  const out = createWriteStream(path);
  const words =
    "ministry said on monday that the vessel had been inspected near the port after reports of".split(" ");
  let written = 0;
  let n = 0;
  while (written < bytes) {
    let batch = "";
    for (let k = 0; k < 200; k++, n++) {
      const text = Array.from({ length: 320 }, (_, i) => words[(i * 7 + n) % words.length]).join(" ");
      batch += `${JSON.stringify({ id: `w-${n}`, headline: `Inspection ${n}`, story_text: `${text}.`, link: `https://wire.example/${n}`, date: "2025-03-01" })}\n`;
    }
    written += Buffer.byteLength(batch);
    if (!out.write(batch)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return n;
}

/**
 * Streaming ingest of a large JSONL file (1 GiB; 100 MiB with --quick) through readInput, the path every
 * command uses, against the plain readline + JSON.parse loop on the same file. Resident memory is sampled
 * while reading: its growth after the first 5% shows whether memory stays flat.
 */
async function streamingBench(ctx: {
  workDir: string;
  scale: number;
  log(m: string): void;
}): Promise<BenchRow[]> {
  const target = ctx.scale < 1 ? 100 * 2 ** 20 : 2 ** 30;
  const path = join(ctx.workDir, "streaming-corpus.jsonl");
  try {
    const records = await writeCorpus(path, target);
    const size = statSync(path).size;
    ctx.log(`extraction: streaming corpus ${(size / 2 ** 20).toFixed(0)} MiB, ${records} records`);
    // Baseline: readline + JSON.parse, nothing kept.
    let started = process.hrtime.bigint();
    let baselineCount = 0;
    for await (const line of createInterface({
      input: createReadStream(path),
      crlfDelay: Number.POSITIVE_INFINITY,
    })) {
      if (line) {
        JSON.parse(line);
        baselineCount++;
      }
    }
    const baselineSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    // Ours: readInput with a per-record limit far below the file's size (the file cannot be read whole).
    global.gc?.();
    let docs = 0;
    let problems = 0;
    let rssAtWarm = 0;
    let heapAtWarm = 0;
    let rssPeak = 0;
    let heapPeak = 0;
    const warm = Math.floor(records * 0.05);
    started = process.hrtime.bigint();
    for await (const doc of readInput({ source: path, kind: "file" }, { maxBytes: 4 * 2 ** 20 })) {
      if (isIngestProblem(doc)) problems++;
      else docs++;
      if (docs % 2000 === 0) {
        const { rss, heapUsed } = process.memoryUsage();
        if (docs <= warm) {
          rssAtWarm = rss;
          heapAtWarm = heapUsed;
        } else {
          rssPeak = Math.max(rssPeak, rss);
          heapPeak = Math.max(heapPeak, heapUsed);
        }
      }
    }
    const oursSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const mib = size / 2 ** 20;
    const growth = (a: number, b: number) => `${Math.max(0, (a - b) / 2 ** 20).toFixed(0)} MiB`;
    return [
      {
        bench: "extraction",
        case: `stream ${mib.toFixed(0)} MiB JSONL through readInput (${docs} docs, ${problems} problems)`,
        value: mib / oursSeconds,
        unit: "MiB/s",
        baseline: { name: `readline+JSON.parse (${baselineCount} lines)`, value: mib / baselineSeconds },
        detail: `RSS growth after 5%: ${growth(rssPeak, rssAtWarm)} (peak ${(rssPeak / 2 ** 20).toFixed(0)} MiB), heap growth ${growth(heapPeak, heapAtWarm)}`,
      },
    ];
  } finally {
    rmSync(path, { force: true });
  }
}

const ours = (html: string, url: string) =>
  cleanDocument({ source: url, kind: "html", contentType: "text/html", content: html, hints: { url } });
const theirs = (html: string) => readabilityText(html);

function seconds(f: () => unknown): number {
  const started = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export const benchmark: Benchmark = {
  name: "extraction",
  needsShared: true,
  async run(ctx) {
    const rows: BenchRow[] = [];
    if (ctx.sharedDir) {
      const all = loadAeb(ctx.sharedDir);
      const pages = all.slice(0, Math.max(10, Math.round(all.length * ctx.scale)));
      const rounds = ctx.scale < 1 ? 1 : 3;
      // Warm-up: JIT both code paths once on a few pages.
      for (const p of pages.slice(0, 5)) {
        ours(p.html, p.url);
        theirs(p.html);
      }
      let oursSeconds = 0;
      let theirsSeconds = 0;
      const roundRatios: number[] = [];
      for (let r = 0; r < rounds; r++) {
        let o = 0;
        let t = 0;
        pages.forEach((p, i) => {
          if ((i + r) % 2 === 0) {
            o += seconds(() => ours(p.html, p.url));
            t += seconds(() => theirs(p.html));
          } else {
            t += seconds(() => theirs(p.html));
            o += seconds(() => ours(p.html, p.url));
          }
        });
        oursSeconds += o;
        theirsSeconds += t;
        roundRatios.push(t / o);
        ctx.log(`extraction: round ${r + 1}/${rounds}: ×${(t / o).toFixed(2)}`);
      }
      const n = pages.length * rounds;
      const megabytes = pages.reduce((s, p) => s + p.html.length, 0) / 1e6;
      rows.push({
        bench: "extraction",
        case: `AEB dev HTML → body + metadata (${pages.length} pages × ${rounds}, interleaved)`,
        value: n / oursSeconds,
        unit: "pages/s",
        baseline: { name: "readability+linkedom", value: n / theirsSeconds },
        detail: `${((megabytes * rounds) / oursSeconds).toFixed(1)} MB/s of HTML; rounds ${roundRatios.map((x) => `×${x.toFixed(2)}`).join(" ")}`,
      });
    }
    rows.push(...(await streamingBench(ctx)));
    return rows;
  },
};
