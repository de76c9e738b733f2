/**
 * Entity linking against the UN consolidated list (../shared/data/sanctions):
 * - alias recall: every DPRK record queried by one of its listed aliases (re-cased, as an article would
 *   write it) must come back with its own reference at the default threshold;
 * - name recall under spelling variation: DPRK persons queried as "Given-name Surname" with hyphenated
 *   given names;
 * - false positives: names in eval/data/entities/sanctions-negatives.json (reported, not designated) must
 *   not link. Baseline in the same run: exact normalised-name lookup (no folding, no fuzzy score).
 * Labelled mention-merge precision/recall on the corpora is not here yet (see the report).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildSanctionsIndex, DEFAULT_THRESHOLD, matchEntity, parseSanctionsXml } from "../src/link/index.js";
import type { EntityType, SanctionsEntry } from "../src/types.js";
import type { EvalSuite } from "./types.js";

const titleCase = (s: string) =>
  s.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, a, b) => a + b.toUpperCase());
const typeOf = (e: SanctionsEntry): EntityType =>
  e.kind === "person" ? "PERSON" : e.kind === "entity" ? "ORG" : "VESSEL";
const exact = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

export const suite: EvalSuite = {
  name: "entities",
  needsShared: true,
  async run(ctx) {
    if (!ctx.sharedDir) return [];
    const xml = readFileSync(join(ctx.sharedDir, "data/sanctions/un-consolidated-2026-05-08.xml"), "utf8");
    const list = parseSanctionsXml(xml, "un.xml");
    const index = buildSanctionsIndex(list);
    const exactIndex = new Map<string, string[]>();
    for (const e of list.entries)
      for (const n of [e.name, ...e.aliases])
        exactIndex.set(exact(n), [...(exactIndex.get(exact(n)) ?? []), e.reference]);
    const dprk = list.entries.filter((e) => e.regime === "DPRK" && e.kind !== "vessel");

    let aliasHits = 0;
    let aliasBase = 0;
    let aliasTotal = 0;
    for (const e of dprk) {
      for (const alias of e.aliases.filter((a) => a.split(/\s+/).length >= 2 || /^[A-Z]{3,}$/.test(a))) {
        aliasTotal++;
        const query = /^[A-Z]{3,}$/.test(alias) ? alias : titleCase(alias);
        const links = matchEntity({ name: query, type: typeOf(e), aliases: [query] }, index);
        if (links.some((l) => l.reference === e.reference)) aliasHits++;
        if (exactIndex.get(exact(query))?.includes(e.reference)) aliasBase++;
      }
    }

    let variantHits = 0;
    let variantBase = 0;
    const persons = dprk.filter((e) => e.kind === "person" && e.name.split(/\s+/).length === 3);
    for (const e of persons) {
      const [surname, ...given] = e.name.split(/\s+/);
      const query = `${titleCase(given.join("-"))} ${titleCase(surname ?? "")}`;
      const links = matchEntity({ name: query, type: "PERSON", aliases: [query] }, index);
      if (links.some((l) => l.reference === e.reference)) variantHits++;
      if (exactIndex.get(exact(query))?.includes(e.reference)) variantBase++;
    }

    const negatives = JSON.parse(
      readFileSync(new URL("./data/entities/sanctions-negatives.json", import.meta.url), "utf8"),
    ).names as { name: string; type: EntityType; country?: string }[];
    const falsePositives = negatives.filter(
      (n) => matchEntity({ ...n, aliases: [n.name] }, index).length > 0,
    );
    ctx.log(`entities: false positives: ${falsePositives.map((n) => n.name).join(", ") || "none"}`);

    return [
      {
        suite: "entities",
        name: "sanctions alias recall (DPRK)",
        value: aliasHits / Math.max(1, aliasTotal),
        threshold: 0.9,
        direction: "min",
        detail: `${aliasHits}/${aliasTotal} at threshold ${DEFAULT_THRESHOLD}; exact-lookup baseline ${aliasBase}/${aliasTotal}`,
      },
      {
        suite: "entities",
        name: "sanctions name recall, 'Given-Name Surname' order (DPRK persons)",
        value: variantHits / Math.max(1, persons.length),
        threshold: 0.9,
        direction: "min",
        detail: `${variantHits}/${persons.length}; exact-lookup baseline ${variantBase}/${persons.length}`,
      },
      {
        suite: "entities",
        name: "sanctions false-positive rate (reported, not designated)",
        value: falsePositives.length / negatives.length,
        threshold: 0.06,
        direction: "max",
        detail: `${falsePositives.length}/${negatives.length}`,
      },
    ];
  },
};
