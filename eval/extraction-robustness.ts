/**
 * Does the extractor's score on the AEB dev pages say anything about pages it has never seen? Three checks:
 *
 * 1. Folds: the dev pages split into 5 folds by sha256(id) (the same rule that split dev from held-out).
 *    The rules are hand-written and share no parameter fitted per page, so each fold is as "unseen" as any
 *    other; a score that leaned on a few pages would fall apart in some fold. Every fold must hold the level.
 * 2. Bootstrap: 1,000 resamples of the pages (upstream reports the same ±); the lower bound mean − 2σ is
 *    what the code should still reach on another sample of pages of this kind.
 * 3. No rule keys on these pages: no string or regex literal in src/clean names a dev page's site (its
 *    domain or og:site_name), and none shares a 6-word run with a dev reference text. Wire agencies (they
 *    sign photo credits on every site) are the only names the rules may carry.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { brandOf, domainOf } from "../src/clean/html-meta.js";
import type { AebPage } from "./extraction-data.js";
import { type OverallScore, type PageScore, scoreAll, tokens } from "./extraction-metric.js";

export interface FoldScore {
  fold: number;
  n: number;
  ours: OverallScore;
  baseline: OverallScore;
}

const sha = (id: string) => createHash("sha256").update(id).digest("hex");

export function foldScores(
  pages: AebPage[],
  ours: Map<string, string>,
  baseline: Map<string, string>,
  k = 5,
): FoldScore[] {
  const order = [...pages].sort((a, b) => (sha(a.id) < sha(b.id) ? -1 : 1));
  return Array.from({ length: k }, (_, fold) => {
    const refs = new Map(order.filter((_, i) => i % k === fold).map((p) => [p.id, p.reference]));
    return { fold, n: refs.size, ours: scoreAll(refs, ours), baseline: scoreAll(refs, baseline) };
  });
}

/** Bootstrap of the macro F1 over pages, with a fixed seed (the same figures every run). */
export function bootstrapF1(pages: PageScore[], resamples = 1000): { mean: number; sd: number } {
  let seed = 20240614;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const f1s: number[] = [];
  for (let r = 0; r < resamples; r++) {
    let p = 0;
    let np = 0;
    let rc = 0;
    let nr = 0;
    for (let i = 0; i < pages.length; i++) {
      const page = pages[Math.floor(random() * pages.length)] as PageScore;
      if (page.precision !== null) {
        p += page.precision;
        np++;
      }
      if (page.recall !== null) {
        rc += page.recall;
        nr++;
      }
    }
    const P = np ? p / np : 0;
    const R = nr ? rc / nr : 0;
    f1s.push(P + R > 0 ? (2 * P * R) / (P + R) : 0);
  }
  const mean = f1s.reduce((a, b) => a + b, 0) / f1s.length;
  const sd = Math.sqrt(f1s.reduce((a, b) => a + (b - mean) ** 2, 0) / f1s.length);
  return { mean, sd };
}

/** Agencies credited on photos everywhere: the only outlet names rules may contain. */
export const WIRE_AGENCIES = new Set([
  "afp",
  "ap",
  "reuters",
  "getty",
  "gettyimages",
  "epa",
  "yonhap",
  "xinhua",
  "kcna",
  "shutterstock",
  "alamy",
  "bloomberg",
  "aap",
  "anadolu",
  "nurphoto",
  "sipa",
  "ani",
]);

/** Every string, template and regex literal of a TypeScript file (comments and identifiers left out). */
export function literalsOf(source: string, fileName = "x.ts"): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    )
      out.push(node.text);
    else if (ts.isRegularExpressionLiteral(node)) out.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

export interface RuleLeak {
  file: string;
  what: string;
  literal: string;
}

/** Site names and reference 6-grams of the dev pages that appear in the rules' literals. */
export function ruleLeaks(cleanDir: string, pages: AebPage[]): RuleLeak[] {
  const brands = new Set<string>();
  for (const page of pages) {
    const domain = domainOf(page.url);
    if (domain) brands.add(brandOf(domain));
    const site = /<meta[^>]+property=["']og:site_name["'][^>]+content=["']([^"']+)["']/i.exec(page.html)?.[1];
    if (site) brands.add(brandOf(site));
  }
  for (const agency of WIRE_AGENCIES) brands.delete(agency);
  const N = 6;
  const grams = new Set<string>();
  for (const page of pages) {
    const t = tokens(page.reference.toLowerCase());
    for (let i = 0; i + N <= t.length; i++) grams.add(t.slice(i, i + N).join(" "));
  }
  const leaks: RuleLeak[] = [];
  for (const name of readdirSync(cleanDir).sort()) {
    if (!name.endsWith(".ts") || name.endsWith(".test.ts")) continue;
    for (const literal of literalsOf(readFileSync(join(cleanDir, name), "utf8"), name)) {
      const lower = literal.toLowerCase();
      const words = new Set(lower.match(/[\p{L}\p{N}]+/gu) ?? []);
      const squashed = lower.replace(/[^\p{L}\p{N}]/gu, "");
      for (const brand of brands) {
        // Whole words, or a long brand inside a run of letters ("livescience" in "livescience\.com").
        if (brand.length >= 4 && (words.has(brand) || (brand.length >= 8 && squashed.includes(brand))))
          leaks.push({ file: name, what: `site "${brand}"`, literal: literal.slice(0, 80) });
      }
      const t = tokens(lower);
      for (let i = 0; i + N <= t.length; i++) {
        const gram = t.slice(i, i + N).join(" ");
        if (grams.has(gram))
          leaks.push({ file: name, what: `reference text "${gram}"`, literal: literal.slice(0, 80) });
      }
    }
  }
  return leaks;
}
