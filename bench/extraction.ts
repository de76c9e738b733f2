/**
 * HTML body-extraction speed on the AEB dev pages: our extractor (cleanDocument on raw HTML: metadata, body,
 * boilerplate rules) against @mozilla/readability + linkedom (parse + Readability + textContent), same pages,
 * same run, interleaved rounds so that neither side gets a warmer machine.
 */
import { cleanDocument } from "../src/clean/index.js";
import { loadAeb } from "../eval/extraction-data.js";
import { readabilityText } from "../eval/extraction-readability.js";
import type { Benchmark } from "./types.js";

function timePages(
  pages: { html: string; url: string }[],
  extract: (html: string, url: string) => unknown,
): number {
  const started = process.hrtime.bigint();
  for (const p of pages) extract(p.html, p.url);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const ours = (html: string, url: string) =>
  cleanDocument({ source: url, kind: "html", contentType: "text/html", content: html, hints: { url } });

export const benchmark: Benchmark = {
  name: "extraction",
  needsShared: true,
  async run(ctx) {
    if (!ctx.sharedDir) return [];
    const all = loadAeb(ctx.sharedDir);
    const pages = all.slice(0, Math.max(10, Math.round(all.length * ctx.scale)));
    const rounds = ctx.scale < 1 ? 1 : 3;
    // Warm-up: JIT both code paths once on a few pages.
    timePages(pages.slice(0, 5), ours);
    timePages(pages.slice(0, 5), readabilityText);
    let oursSeconds = 0;
    let theirsSeconds = 0;
    for (let r = 0; r < rounds; r++) {
      oursSeconds += timePages(pages, ours);
      theirsSeconds += timePages(pages, readabilityText);
      ctx.log(`extraction: round ${r + 1}/${rounds}`);
    }
    const n = pages.length * rounds;
    const megabytes = pages.reduce((s, p) => s + p.html.length, 0) / 1e6;
    return [
      {
        bench: "extraction",
        case: `AEB dev HTML → body + metadata (${pages.length} pages × ${rounds})`,
        value: n / oursSeconds,
        unit: "pages/s",
        baseline: { name: "readability+linkedom", value: n / theirsSeconds },
        detail: `${((megabytes * rounds) / oursSeconds).toFixed(1)} MB/s of HTML`,
      },
    ];
  },
};
