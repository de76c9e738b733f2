/**
 * Sanctions matching speed: article mentions scored against a list of ≥10,000 entries. The real UN list
 * (about 1,000 records) is grown with synthetic records built from its own parts: people keep a real
 * family name and get other given-name parts drawn from the list (so the grown list is as crowded with
 * near-namesakes as a real one — many Kims, many "Chol"s), organisations get a suffix and a number.
 * Baseline in the same run: scoring every entry without the token index (brute force) on a subset of
 * mentions.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  buildSanctionsIndex,
  matchEntity,
  parseSanctionsXml,
  prepareName,
  scoreEntry,
} from "../src/link/index.js";
import type { EntityType, SanctionsEntry, SanctionsList } from "../src/types.js";
import type { Benchmark } from "./types.js";

const SUFFIXES = ["TRADING", "GENERAL", "HOLDINGS", "INTERNATIONAL", "INDUSTRIAL", "MARINE", "UNITED", "NEW"];

/** Deterministic pseudo-random numbers (mulberry32) so every run scores the same list. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function grow(list: SanctionsList, size: number): SanctionsList {
  const random = rng(7);
  const entries: SanctionsEntry[] = [...list.entries];
  // Given-name parts of real people, to build plausible new names from.
  const parts = list.entries
    .filter((e) => e.kind === "person")
    .flatMap((e) => e.name.split(/[\s-]+/).slice(1))
    .filter((p) => p.length > 0);
  const pick = () => parts[Math.floor(random() * parts.length)] ?? "SONG";
  for (let i = 0; entries.length < size; i++) {
    const base = list.entries[i % list.entries.length];
    if (!base) break;
    const words = base.name.split(/\s+/);
    const suffix = SUFFIXES[Math.floor(random() * SUFFIXES.length)] ?? "NEW";
    const name =
      base.kind === "person"
        ? [words[0] ?? "KIM", ...words.slice(1).map(() => pick())].join(" ")
        : `${words.join(" ")} ${suffix} ${i}`;
    entries.push({ ...base, reference: `SYN.${i}`, name, aliases: base.aliases.map((a) => `${a} ${i}`) });
  }
  return { ...list, entries };
}

function mentions(
  list: SanctionsList,
  count: number,
): { name: string; type: EntityType; aliases: string[] }[] {
  const random = rng(11);
  const typeOf = { person: "PERSON", entity: "ORG", vessel: "VESSEL" } as const;
  const out: { name: string; type: EntityType; aliases: string[] }[] = [];
  const invented = ["Han Tae Song", "Novak Petrov", "Blue Harbour Logistics", "Mina Al-Rashid", "Seo Jin Ho"];
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0) {
      const e = list.entries[Math.floor(random() * list.entries.length)];
      if (!e) continue;
      const name = e.name.toLowerCase().replace(/\b\w/g, (c) => c.toUpperCase());
      out.push({ name, type: typeOf[e.kind], aliases: [name] });
    } else {
      const name = invented[i % invented.length] ?? "Nobody";
      out.push({ name, type: i % 3 === 0 ? "ORG" : "PERSON", aliases: [name] });
    }
  }
  return out;
}

export const benchmark: Benchmark = {
  name: "matching",
  needsShared: true,
  async run(ctx) {
    if (!ctx.sharedDir) return [];
    const xml = readFileSync(join(ctx.sharedDir, "data/sanctions/un-consolidated-2026-05-08.xml"), "utf8");
    const parsedAt = process.hrtime.bigint();
    const real = parseSanctionsXml(xml, "un.xml");
    const parseSeconds = Number(process.hrtime.bigint() - parsedAt) / 1e9;
    const list = grow(real, 10_000);
    const indexedAt = process.hrtime.bigint();
    const index = buildSanctionsIndex(list);
    const indexSeconds = Number(process.hrtime.bigint() - indexedAt) / 1e9;
    const sample = mentions(real, Math.max(200, Math.round(2000 * ctx.scale)));
    let started = process.hrtime.bigint();
    let links = 0;
    for (const m of sample) links += matchEntity(m, index).length;
    const indexedRate = sample.length / (Number(process.hrtime.bigint() - started) / 1e9);
    ctx.log(`matching: ${sample.length} mentions, ${links} links`);
    const bruteSample = sample.slice(0, 50);
    started = process.hrtime.bigint();
    // Same prepared names and length cut-off as the indexed path: only the blocking differs.
    for (const m of bruteSample) {
      const names = [m.name].map(prepareName);
      for (const [i, e] of list.entries.entries()) {
        scoreEntry(m, e, { entity: names, entry: index.prepared[i], floor: 0.83 });
      }
    }
    const bruteRate = bruteSample.length / (Number(process.hrtime.bigint() - started) / 1e9);
    return [
      {
        bench: "matching",
        case: `mentions against ${list.entries.length} entries (token index)`,
        value: Math.round(indexedRate),
        unit: "mentions/s",
        baseline: { name: "brute force, every entry scored", value: Math.round(bruteRate) },
        detail: `${links} links for ${sample.length} mentions`,
      },
      { bench: "matching", case: "parse UN list XML", value: Math.round(parseSeconds * 1000), unit: "ms" },
      {
        bench: "matching",
        case: `index ${list.entries.length} entries`,
        value: Math.round(indexSeconds * 1000),
        unit: "ms",
      },
    ];
  },
};
