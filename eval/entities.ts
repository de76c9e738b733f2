/**
 * Entity linking against the UN consolidated list (../shared/data/sanctions):
 * - alias recall: every DPRK record queried by one of its listed aliases (re-cased, as an article would
 *   write it) must come back with its own reference at the default threshold;
 * - name recall under spelling variation: DPRK persons queried as "Given-name Surname" with hyphenated
 *   given names;
 * - false positives: names in eval/data/entities/sanctions-negatives.json (reported, not designated, and
 *   near misses one syllable away from a designated name) must not link. Baseline in the same run: exact
 *   normalised-name lookup (no folding, no fuzzy score).
 * - the KCNA corpus end to end: every story cleaned and its entities recognized, entities grouped by canonical key, each person,
 *   organisation and vessel matched; the links judged by hand in eval/data/entities/kcna-sanctions-links.json
 *   as the designated person must all be found (three of them written under a listed alias), and the
 *   precision of the links made is reported over the judged ones (namesakes count against it).
 * Mention-merge precision/recall on labelled mentions is in eval/entity-merge.ts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expandInputs, readInput } from "../src/ingest/index.js";
import {
  buildSanctionsIndex,
  DEFAULT_THRESHOLD,
  matchEntity,
  parseSanctionsXml,
  type SanctionsIndex,
} from "../src/link/index.js";
import { cleanDocument } from "../src/clean/index.js";
import { recognizeEntities } from "../src/extract/entities/index.js";
import type { EntityType, SanctionsEntry, SanctionsLink } from "../src/types.js";
import type { EvalSuite } from "./types.js";
import { titleCase } from "../src/text.js";

const typeOf = (e: SanctionsEntry): EntityType =>
  e.kind === "person" ? "PERSON" : e.kind === "entity" ? "ORG" : "VESSEL";
const exact = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

interface JudgedLink {
  entity: string;
  reference: string;
  via: "name" | "alias";
  judgement: "same" | "different";
}

/** Every person, organisation and vessel of the KCNA corpus, by canonical key, with its links. */
async function kcnaLinks(
  sharedDir: string,
  index: SanctionsIndex,
): Promise<{ entities: number; links: { name: string; key: string; link: SanctionsLink }[] }> {
  const byKey = new Map<string, { name: string; type: EntityType; aliases: Set<string> }>();
  const { items } = await expandInputs([join(sharedDir, "data/corpus/kcna-2024.jsonl")]);
  for (const item of items) {
    for await (const doc of readInput(item)) {
      if (!("content" in doc)) continue;
      // The pipeline's entity stages (clean → recognize); the rest of extraction does not change entities.
      for (const e of recognizeEntities(cleanDocument(doc))) {
        if (!["PERSON", "ORG", "VESSEL"].includes(e.type)) continue;
        const seen = byKey.get(e.key) ?? { name: e.name, type: e.type, aliases: new Set<string>() };
        for (const a of e.aliases) seen.aliases.add(a);
        byKey.set(e.key, seen);
      }
    }
  }
  const links: { name: string; key: string; link: SanctionsLink }[] = [];
  for (const [key, e] of byKey) {
    for (const link of matchEntity({ name: e.name, type: e.type, aliases: [...e.aliases] }, index)) {
      links.push({ name: e.name, key, link });
    }
  }
  return { entities: byKey.size, links };
}

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

    const judged = (
      JSON.parse(
        readFileSync(new URL("./data/entities/kcna-sanctions-links.json", import.meta.url), "utf8"),
      ) as {
        links: JudgedLink[];
      }
    ).links;
    const kcna = await kcnaLinks(ctx.sharedDir, index);
    const made = (j: JudgedLink) =>
      kcna.links.some((l) => l.name === j.entity && l.link.reference === j.reference);
    const designated = judged.filter((j) => j.judgement === "same");
    const found = designated.filter(made);
    const viaAlias = designated.filter((j) => j.via === "alias");
    const aliasFound = viaAlias.filter(made);
    const verdict = (l: { name: string; link: SanctionsLink }) =>
      judged.find((j) => j.entity === l.name && j.reference === l.link.reference)?.judgement;
    const right = kcna.links.filter((l) => verdict(l) === "same").length;
    const wrong = kcna.links.filter((l) => verdict(l) === "different").length;
    const unreviewed = kcna.links.filter((l) => verdict(l) === undefined);
    for (const l of kcna.links)
      ctx.log(
        `kcna link: ${l.name} → ${l.link.reference} ${l.link.name} ${l.link.score} ${JSON.stringify(l.link.features)} [${verdict(l) ?? "unreviewed"}]`,
      );

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
      {
        suite: "entities",
        name: "KCNA corpus: designated people/bodies found (judged links)",
        value: found.length / Math.max(1, designated.length),
        threshold: 1,
        direction: "min",
        detail: `${found.length}/${designated.length}; under a listed alias ${aliasFound.length}/${viaAlias.length}; ${kcna.entities} people/organisations/vessels matched`,
      },
      {
        suite: "entities",
        name: "KCNA corpus: link precision over judged links (namesakes count against)",
        value: right / Math.max(1, right + wrong),
        threshold: 0.5,
        direction: "min",
        detail: `${right} designated, ${wrong} namesakes, ${unreviewed.length} unreviewed${unreviewed.length ? ` (${unreviewed.map((l) => `${l.name}→${l.link.reference}`).join(", ")})` : ""}`,
      },
    ];
  },
};
