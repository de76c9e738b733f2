/** Loading the AEB dev split from ../shared (read at run time, never copied into the repo). */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { decodeBytes } from "../src/ingest/index.js";

export interface AebPage {
  id: string;
  url: string;
  html: string;
  reference: string;
}

export function aebDir(sharedDir: string): string {
  return join(sharedDir, "data", "extraction", "aeb-dev");
}

export function loadAeb(sharedDir: string): AebPage[] {
  const dir = aebDir(sharedDir);
  const truth = JSON.parse(readFileSync(join(dir, "ground-truth.json"), "utf8")) as Record<
    string,
    { articleBody: string; url: string }
  >;
  const pages: AebPage[] = [];
  for (const name of readdirSync(join(dir, "html")).sort()) {
    const id = name.replace(/\.html\.gz$/, "");
    const entry = truth[id];
    if (!entry) continue;
    const html = decodeBytes(gunzipSync(readFileSync(join(dir, "html", name))));
    pages.push({ id, url: entry.url, html, reference: entry.articleBody });
  }
  return pages;
}
