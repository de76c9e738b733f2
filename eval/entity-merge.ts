/**
 * Cross-article entity merges on hand-labelled person mentions (eval/data/entities/person-mentions.json):
 * 257 mentions of 90 people in 46 KCNA stories and both seeds, each labelled with the real person it names.
 * The real pipeline analyzes each document; every labelled mention is located in the cleaned body (by its
 * text and context, since cleaning re-flows paragraphs) and takes the canonical key of the PERSON entity
 * whose mention covers it (a mention the recognizer misses stays alone).
 *
 * Scores (over all labelled mentions, across documents):
 * - pairwise merge precision / recall: of the mention pairs given one key, how many are one person; of
 *   the pairs that are one person, how many got one key;
 * - B-cubed F1 (per-mention average, so Kim Jong Un's many mentions do not drown the rest);
 * - people split by spelling: a person whose mentions got two keys; people merged: a key given to two
 *   people (the "two Kims" failure); both must stay at 0;
 * - mention recall: labelled mentions found as a PERSON at all.
 * Baselines in the same run: one key per exact surface string, and one key per family name.
 * Without labels, over every person of both seeds and the whole KCNA corpus: pairs of different keys whose
 * names the sanctions matcher scores as the same name (≥ 0.88: hyphens, case, romanisation, a letter of
 * spelling) — each would be one person split in two; there must be none.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cleanDocument } from "../src/clean/index.js";
import { GAZETTEER, personKey, recognizeEntities } from "../src/extract/entities/index.js";
import { expandInputs, readInput } from "../src/ingest/index.js";
import { personSimilarity, prepareName } from "../src/link/index.js";
import { analyze } from "../src/pipeline.js";
import type { AnalyzedArticle, RawDocument } from "../src/types.js";
import type { EvalCheck, EvalSuite } from "./types.js";

type Label = [start: number, end: number, mention: string, person: string];
interface LabelledDoc {
  corpus: "kcna" | "seeds";
  id: string;
  mentions: Label[];
}

const squash = (s: string) => s.replace(/\s+/g, " ");

/** Where a labelled raw-text span sits in the cleaned body: the occurrence whose context agrees best. */
export function locate(raw: string, body: string, start: number, end: number): [number, number] | null {
  const mention = raw.slice(start, end);
  const left = squash(raw.slice(Math.max(0, start - 60), start));
  const right = squash(raw.slice(end, end + 60));
  let best: [number, number] | null = null;
  let bestScore = -1;
  for (let i = body.indexOf(mention); i >= 0; i = body.indexOf(mention, i + 1)) {
    const bl = squash(body.slice(Math.max(0, i - 60), i));
    const br = squash(body.slice(i + mention.length, i + mention.length + 60));
    let score = 0;
    while (score < Math.min(left.length, bl.length) && left.at(-1 - score) === bl.at(-1 - score)) score++;
    let r = 0;
    while (r < Math.min(right.length, br.length) && right[r] === br[r]) r++;
    if (score + r > bestScore) {
      bestScore = score + r;
      best = [i, i + mention.length];
    }
  }
  return best && bestScore >= 6 ? best : null;
}

interface Scored {
  precision: number;
  recall: number;
  b3f1: number;
}

/** Pairwise and B-cubed scores of a clustering `system` against `gold` (parallel arrays of ids). */
export function scoreClusters(gold: string[], system: string[]): Scored {
  let tp = 0;
  let sysPairs = 0;
  let goldPairs = 0;
  for (let i = 0; i < gold.length; i++) {
    for (let j = i + 1; j < gold.length; j++) {
      const g = gold[i] === gold[j];
      const s = system[i] === system[j];
      if (g) goldPairs++;
      if (s) sysPairs++;
      if (g && s) tp++;
    }
  }
  let bp = 0;
  let br = 0;
  for (let i = 0; i < gold.length; i++) {
    let same = 0;
    let inSys = 0;
    let inGold = 0;
    for (let j = 0; j < gold.length; j++) {
      const s = system[j] === system[i];
      const g = gold[j] === gold[i];
      if (s) inSys++;
      if (g) inGold++;
      if (s && g) same++;
    }
    bp += same / inSys;
    br += same / inGold;
  }
  bp /= Math.max(1, gold.length);
  br /= Math.max(1, gold.length);
  return {
    precision: sysPairs === 0 ? 1 : tp / sysPairs,
    recall: goldPairs === 0 ? 1 : tp / goldPairs,
    b3f1: bp + br === 0 ? 0 : (2 * bp * br) / (bp + br),
  };
}

const pct = (n: number) => `${(100 * n).toFixed(1)}%`;

async function rawDocuments(
  sharedDir: string,
  docs: LabelledDoc[],
): Promise<Map<string, { raw: string; doc: RawDocument }>> {
  const out = new Map<string, { raw: string; doc: RawDocument }>();
  const wanted = new Set(docs.filter((d) => d.corpus === "kcna").map((d) => d.id));
  const corpus = join(sharedDir, "data/corpus/kcna-2024.jsonl");
  const texts = new Map<string, string>();
  for (const line of readFileSync(corpus, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const record = JSON.parse(line) as { id: string; text: string };
    if (wanted.has(record.id)) texts.set(record.id, record.text);
  }
  const { items } = await expandInputs([corpus]);
  for (const item of items) {
    for await (const doc of readInput(item)) {
      if (!("content" in doc)) continue;
      const id = doc.hints.id ?? "";
      const raw = texts.get(id);
      if (raw !== undefined) out.set(`kcna:${id}`, { raw, doc });
    }
  }
  for (const d of docs.filter((x) => x.corpus === "seeds")) {
    const file = join(sharedDir, "seeds", d.id);
    const raw = readFileSync(file, "utf8");
    const { items: seedItems } = await expandInputs([file]);
    for (const item of seedItems) {
      for await (const doc of readInput(item)) if ("content" in doc) out.set(`seeds:${d.id}`, { raw, doc });
    }
  }
  return out;
}

export const suite: EvalSuite = {
  name: "entity-merge",
  needsShared: true,
  async run(ctx) {
    if (!ctx.sharedDir) return [];
    const labels = JSON.parse(
      readFileSync(new URL("./data/entities/person-mentions.json", import.meta.url), "utf8"),
    ) as { documents: LabelledDoc[] };
    const raws = await rawDocuments(ctx.sharedDir, labels.documents);
    const gold: string[] = [];
    const system: string[] = [];
    const surface: string[] = [];
    const family: string[] = [];
    const texts: string[] = [];
    let missing = 0;
    let found = 0;
    const misses: string[] = [];
    for (const d of labels.documents) {
      const source = raws.get(`${d.corpus}:${d.id}`);
      if (!source) {
        missing += d.mentions.length;
        continue;
      }
      const analyzed: AnalyzedArticle = analyze(source.doc);
      const body = analyzed.article.body;
      for (const [start, end, mention, person] of d.mentions) {
        const at = locate(source.raw, body, start, end);
        if (!at) {
          missing++;
          continue;
        }
        // The PERSON mention that covers most of the label, the tightest one on a tie (a name inside a
        // longer descriptor, "the sister of … Kim Jong-un", is the name's own mention).
        let key: string | null = null;
        let overlap = 0;
        let length = Number.POSITIVE_INFINITY;
        for (const e of analyzed.entities) {
          if (e.type !== "PERSON") continue;
          for (const m of e.mentions) {
            const o = Math.min(m.end, at[1]) - Math.max(m.start, at[0]);
            const len = m.end - m.start;
            if (o > 0 && (o > overlap || (o === overlap && len < length))) {
              overlap = o;
              length = len;
              key = e.key;
            }
          }
        }
        gold.push(person);
        texts.push(mention);
        surface.push(mention);
        family.push(mention.split(/[\s-]+/)[0] ?? mention);
        if (key) {
          found++;
          system.push(key);
        } else {
          system.push(`missed:${d.id}:${start}`);
          misses.push(`${mention} (${d.id})`);
        }
      }
    }
    const ours = scoreClusters(gold, system);
    const bySurface = scoreClusters(gold, surface);
    const byFamily = scoreClusters(gold, family);

    // Splits: one person, several keys (among found mentions). Merges: one key, several people.
    const keysOf = new Map<string, Set<string>>();
    const peopleOf = new Map<string, Set<string>>();
    gold.forEach((g, i) => {
      const k = system[i] ?? "";
      if (k.startsWith("missed:")) return;
      keysOf.set(g, (keysOf.get(g) ?? new Set()).add(k));
      peopleOf.set(k, (peopleOf.get(k) ?? new Set()).add(g));
    });
    const splits = [...keysOf].filter(([, ks]) => ks.size > 1);
    const merges = [...peopleOf].filter(([, ps]) => ps.size > 1);
    for (const [g, ks] of splits) ctx.log(`split: ${g} → ${[...ks].join(", ")}`);
    for (const [k, ps] of merges) ctx.log(`merged: ${k} ← ${[...ps].join(", ")}`);
    if (misses.length) ctx.log(`not found as a person (${misses.length}): ${misses.slice(0, 25).join("; ")}`);
    if (missing) ctx.log(`${missing} labelled mentions could not be located in the cleaned body`);

    // The same scores on people the gazetteer does not know: what the context rules and key folds do alone.
    const gazetteerKeys = new Set(
      GAZETTEER.filter((g) => g.type === "PERSON").flatMap((g) => g.aliases.map((a) => personKey(a))),
    );
    const known = new Set(
      gold.filter((_g, i) => {
        const t = texts[i] ?? "";
        return t.split(/[\s-]+/).length >= 2 && gazetteerKeys.has(personKey(t));
      }),
    );
    const unseen = gold.map((g, i) => (known.has(g) ? -1 : i)).filter((i) => i >= 0);
    const unseenScore = scoreClusters(
      unseen.map((i) => gold[i] ?? ""),
      unseen.map((i) => system[i] ?? ""),
    );
    // Corpus-wide, unlabelled: distinct person keys whose names the matcher calls the same.
    const names = new Map<string, string>();
    const { items } = await expandInputs([
      join(ctx.sharedDir, "data/corpus/kcna-2024.jsonl"),
      join(ctx.sharedDir, "seeds/000_fdcf19a823b46f64.txt"),
      join(ctx.sharedDir, "seeds/004_d4a8d41ee1fb028e.txt"),
    ]);
    for (const item of items) {
      for await (const doc of readInput(item)) {
        if (!("content" in doc)) continue;
        for (const e of recognizeEntities(cleanDocument(doc)))
          if (e.type === "PERSON" && !names.has(e.key)) names.set(e.key, e.name);
      }
    }
    const prepared = [...names].map(([key, name]) => ({ key, name, p: prepareName(name) }));
    const sameName: string[] = [];
    for (let i = 0; i < prepared.length; i++) {
      for (let j = i + 1; j < prepared.length; j++) {
        const a = prepared[i];
        const b = prepared[j];
        if (a && b && personSimilarity(a.p, b.p) >= 0.88) sameName.push(`${a.name} / ${b.name}`);
      }
    }
    for (const pair of sameName) ctx.log(`same name, two keys: ${pair}`);
    const people = new Set(gold).size;
    const checks: EvalCheck[] = [
      {
        suite: "entity-merge",
        name: "merge precision (pairwise, labelled person mentions)",
        value: ours.precision,
        threshold: 0.99,
        direction: "min",
        detail: `${gold.length} mentions of ${people} people; baselines: surface string ${pct(bySurface.precision)}, family name ${pct(byFamily.precision)}; unseen names ${pct(unseenScore.precision)}`,
      },
      {
        suite: "entity-merge",
        name: "merge recall (pairwise)",
        value: ours.recall,
        threshold: 0.99,
        direction: "min",
        detail: `baselines: surface string ${pct(bySurface.recall)}, family name ${pct(byFamily.recall)}; unseen names ${pct(unseenScore.recall)}`,
      },
      {
        suite: "entity-merge",
        name: "merge B-cubed F1",
        value: ours.b3f1,
        threshold: 0.97,
        direction: "min",
        detail: `baselines: surface string ${pct(bySurface.b3f1)}, family name ${pct(byFamily.b3f1)}; unseen names ${pct(unseenScore.b3f1)}`,
      },
      {
        suite: "entity-merge",
        name: "people split into two entities by spelling",
        value: splits.length,
        threshold: 0,
        direction: "max",
        detail: splits.map(([g]) => g).join(", ") || "none",
      },
      {
        suite: "entity-merge",
        name: "different people merged into one entity",
        value: merges.length,
        threshold: 0,
        direction: "max",
        detail: merges.map(([k]) => k).join(", ") || "none",
      },
      {
        suite: "entity-merge",
        name: "seeds + KCNA: person keys the name matcher calls one name (unlabelled)",
        value: sameName.length,
        threshold: 0,
        direction: "max",
        detail: `${prepared.length} person keys compared pairwise${sameName.length ? `: ${sameName.slice(0, 5).join("; ")}` : ""}`,
      },
      {
        suite: "entity-merge",
        name: "labelled mentions found as a person",
        value: found / Math.max(1, gold.length),
        threshold: 0.93,
        direction: "min",
        detail: `${found}/${gold.length}${missing ? `; ${missing} not located in the body` : ""}`,
      },
    ];
    return checks;
  },
};
