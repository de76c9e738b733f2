/**
 * Stories, near-duplicates and the ledger's source counting.
 *
 * 1. The labelled set in eval/data/stories (64 invented articles with story and duplicate labels) is
 *    ingested through the real pipeline into a fresh SQLite store: adjusted Rand index of the stories,
 *    precision/recall of duplicate pairs, and ledger checks (copies never add independent sources; the stale
 *    copy is flagged and its relative dates re-anchored to the original's publication date).
 *    Baseline in the same run: every article its own story, and exact-text duplicates only.
 * 2. The real corpora in ../shared/data/corpus (KCNA, White House): near-duplicates over both, straight from
 *    their texts, listed in .eval-output/stories-corpus-duplicates.txt, with checks derived from the data at
 *    run time: KCNA texts republished under one URL, or one date and title, are found as copies; White House
 *    texts that appear twice are found; NSC launch statements (one template, different launches) are not
 *    copies. Then KCNA, the White House statements and the two seeds through the real pipeline: the NSC
 *    statements are not one story, copies never add independent sources, and the seeds' arms-transfer claim
 *    shows its accusers and its denial side by side (reported; it depends on extraction).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ingestInputs } from "../src/app/ingest.js";
import { findDuplicates } from "../src/cluster/index.js";
import { listStories, type StoryListItem } from "../src/app/stories.js";
import { openStore } from "../src/store/index.js";
import type { Store } from "../src/store/types.js";
import type { CanonicalClaim, Ledger } from "../src/types.js";
import type { EvalCheck, EvalContext, EvalSuite } from "./types.js";

const DATA = fileURLToPath(new URL("./data/stories/articles.txt", import.meta.url));

interface Labelled {
  id: string;
  story: string;
  duplicateOf: string | null;
  published: string;
  outlet: string;
  url: string;
  title: string;
  text: string;
}

/** Parse articles.txt (format in eval/data/stories/README.md). */
export function parseLabelled(text: string): Labelled[] {
  const out: Labelled[] = [];
  for (const block of text.split(/^=== /m).slice(1)) {
    const [head = "", ...rest] = block.split(/\n\s*\n/);
    const lines = head.split("\n");
    const id = lines[0]!.trim();
    const fields = new Map<string, string>();
    for (const line of lines.slice(1)) {
      const m = /^(\w+):\s*(.*)$/.exec(line);
      if (m) fields.set(m[1]!, m[2]!.trim());
    }
    const need = (k: string) => {
      const v = fields.get(k);
      if (!v) throw new Error(`articles.txt: block ${id} has no ${k}`);
      return v;
    };
    out.push({
      id,
      story: need("story"),
      duplicateOf: fields.get("duplicateOf") ?? null,
      published: need("published"),
      outlet: need("outlet"),
      url: need("url"),
      title: need("title"),
      text: rest.join("\n\n").trim(),
    });
  }
  return out;
}

/** Adjusted Rand index (Hubert & Arabie 1985) of two labelings of the same items. */
export function adjustedRandIndex(gold: string[], predicted: string[]): number {
  const choose2 = (n: number) => (n * (n - 1)) / 2;
  const cells = new Map<string, number>();
  const rows = new Map<string, number>();
  const cols = new Map<string, number>();
  gold.forEach((g, i) => {
    const p = predicted[i]!;
    cells.set(`${g}\u0000${p}`, (cells.get(`${g}\u0000${p}`) ?? 0) + 1);
    rows.set(g, (rows.get(g) ?? 0) + 1);
    cols.set(p, (cols.get(p) ?? 0) + 1);
  });
  let index = 0;
  for (const n of cells.values()) index += choose2(n);
  let a = 0;
  for (const n of rows.values()) a += choose2(n);
  let b = 0;
  for (const n of cols.values()) b += choose2(n);
  const expected = (a * b) / choose2(gold.length);
  const max = (a + b) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

/** Unordered pairs of items inside each group (group = items sharing a key). */
function pairsOf(groupOf: Map<string, string>): Set<string> {
  const groups = new Map<string, string[]>();
  for (const [item, g] of groupOf) groups.set(g, [...(groups.get(g) ?? []), item]);
  const out = new Set<string>();
  for (const members of groups.values()) {
    members.sort();
    for (let i = 0; i < members.length; i++)
      for (let j = i + 1; j < members.length; j++) out.add(`${members[i]}|${members[j]}`);
  }
  return out;
}

function precisionRecall(gold: Set<string>, found: Set<string>): { p: number; r: number; tp: number } {
  let tp = 0;
  for (const x of found) if (gold.has(x)) tp++;
  return { p: found.size ? tp / found.size : 1, r: gold.size ? tp / gold.size : 1, tp };
}

/** Evidence of copies never adds an independent source: dropping it leaves each count unchanged. */
function copiesAddNothing(claims: CanonicalClaim[]): { ok: number; total: number } {
  let ok = 0;
  for (const c of claims) {
    const without = new Set(
      c.evidence.filter((e) => !e.duplicateOf && e.stance === "ASSERT").map((e) => e.sourceKey),
    );
    const originals = new Set(c.evidence.filter((e) => !e.duplicateOf).map((e) => e.articleId));
    // A copy whose original made no claim here stands for that original: it may add the original's source.
    const orphanCopies = new Set(
      c.evidence
        .filter((e) => e.duplicateOf && !originals.has(e.duplicateOf) && e.stance === "ASSERT")
        .map((e) => e.sourceKey),
    );
    for (const k of orphanCopies) without.add(k);
    if (without.size === c.independentSources) ok++;
  }
  return { ok, total: claims.length };
}

async function freshStore(ctx: EvalContext, name: string): Promise<{ store: Store; dir: string }> {
  const dir = join(ctx.outDir, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return { store: await openStore(join(dir, "watchdesk.db")), dir };
}

/** The N of a `path#N` source (JSONL record number, 1-based). */
function recordNumber(source: string): number | null {
  const m = /#(\d+)$/.exec(source);
  return m ? Number(m[1]) : null;
}

async function labelledSet(ctx: EvalContext): Promise<EvalCheck[]> {
  const labelled = parseLabelled(readFileSync(DATA, "utf8"));
  const { store, dir } = await freshStore(ctx, "stories-labelled");
  const file = join(dir, "articles.jsonl");
  writeFileSync(
    file,
    `${labelled
      .map((a) =>
        JSON.stringify({
          id: a.id,
          title: a.title,
          published: a.published,
          outlet: a.outlet,
          url: a.url,
          text: a.text,
        }),
      )
      .join("\n")}\n`,
  );
  try {
    const started = Date.now();
    const report = await ingestInputs(store, { inputs: [file] });
    if (report.problems.length)
      ctx.log(`ingest problems: ${report.problems.map((p) => p.message).join("; ")}`);
    ctx.log(`labelled set ingested and clustered in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const stories = await listStories(store);
    const ledger = await store.getLedger();

    // Stored article id ↔ label id, through the JSONL record number.
    const labelOf = new Map<string, Labelled>();
    const idOf = new Map<string, string>();
    for (const s of stories)
      for (const a of s.articles) {
        const n = recordNumber(a.source);
        const l = n ? labelled[n - 1] : undefined;
        if (l) {
          labelOf.set(a.id, l);
          idOf.set(l.id, a.id);
        }
      }
    const storyOf = new Map<string, string>();
    const groupOf = new Map<string, string>();
    for (const s of stories)
      for (const a of s.articles) {
        const l = labelOf.get(a.id);
        if (!l) continue;
        storyOf.set(l.id, s.id);
        groupOf.set(l.id, a.duplicateOf ? (labelOf.get(a.duplicateOf)?.id ?? a.duplicateOf) : l.id);
      }
    const items = labelled.filter((l) => storyOf.has(l.id));
    const ari = adjustedRandIndex(
      items.map((l) => l.story),
      items.map((l) => storyOf.get(l.id)!),
    );
    const singletons = adjustedRandIndex(
      items.map((l) => l.story),
      items.map((l) => l.id),
    );

    const goldGroup = new Map<string, string>();
    for (const l of labelled) {
      let root = l;
      for (let hops = 0; root.duplicateOf && hops < 10; hops++)
        root = labelled.find((x) => x.id === root.duplicateOf) ?? root;
      goldGroup.set(l.id, root.id);
    }
    const gold = pairsOf(goldGroup);
    const found = pairsOf(groupOf);
    const dup = precisionRecall(gold, found);
    const exactGroups = new Map<string, string>();
    const norm = (t: string) =>
      t
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, " ")
        .trim();
    const byText = new Map<string, string>();
    for (const l of labelled) {
      const key = norm(l.text);
      if (!byText.has(key)) byText.set(key, l.id);
      exactGroups.set(l.id, byText.get(key)!);
    }
    const exactOnly = precisionRecall(gold, pairsOf(exactGroups));

    const wrongStories = describeErrors(labelled, storyOf, stories);
    if (wrongStories.length) ctx.log(`story errors: ${wrongStories.join("; ")}`);
    for (const pair of found) if (!gold.has(pair)) ctx.log(`false duplicate pair: ${pair}`);
    for (const pair of gold) if (!found.has(pair)) ctx.log(`missed duplicate pair: ${pair}`);

    const sources = copiesAddNothing(ledger.claims);
    const stale = staleChecks(ledger, idOf);
    return [
      {
        suite: "stories",
        name: "labelled: story ARI",
        value: ari,
        threshold: 0.93,
        direction: "min",
        detail: `${new Set(stories.map((s) => s.id)).size} stories for ${new Set(items.map((l) => l.story)).size} labelled; every-article-alone baseline ${singletons.toFixed(3)}`,
      },
      {
        suite: "stories",
        name: "labelled: duplicate-pair precision",
        value: dup.p,
        threshold: 1,
        direction: "min",
        detail: `${dup.tp}/${found.size} pairs; exact-text baseline ${exactOnly.p.toFixed(3)}`,
      },
      {
        suite: "stories",
        name: "labelled: duplicate-pair recall",
        value: dup.r,
        threshold: 1,
        direction: "min",
        detail: `${dup.tp}/${gold.size} pairs; exact-text baseline ${exactOnly.r.toFixed(3)}`,
      },
      {
        suite: "stories",
        name: "labelled: copies add no independent source",
        value: sources.total ? sources.ok / sources.total : 1,
        threshold: 1,
        direction: "min",
        detail: `${sources.ok}/${sources.total} canonical claims`,
      },
      ...stale,
    ];
  } finally {
    await store.close();
  }
}

function describeErrors(
  labelled: Labelled[],
  storyOf: Map<string, string>,
  stories: StoryListItem[],
): string[] {
  const out: string[] = [];
  const byLabel = new Map<string, Set<string>>();
  for (const l of labelled) {
    const s = storyOf.get(l.id);
    if (s) byLabel.set(l.story, new Set([...(byLabel.get(l.story) ?? []), s]));
  }
  for (const [label, ids] of byLabel) if (ids.size > 1) out.push(`${label} split in ${ids.size}`);
  for (const s of stories) {
    const labels = new Set(labelled.filter((l) => storyOf.get(l.id) === s.id).map((l) => l.story));
    if (labels.size > 1) out.push(`${[...labels].join(" + ")} merged`);
  }
  return out;
}

/** The stale copy (kyj-stale) is flagged, and its claims' relative dates point at the original's Friday. */
function staleChecks(ledger: Ledger, idOf: Map<string, string>): EvalCheck[] {
  const stale = idOf.get("kyj-stale");
  const original = idOf.get("kyj-original");
  const flagged = ledger.discrepancies.some(
    (d) =>
      d.kind === "STALE_COPY" &&
      d.articleIds.includes(stale ?? "?") &&
      d.articleIds.includes(original ?? "?"),
  );
  const evidence = ledger.claims.flatMap((c) => c.evidence.filter((e) => e.articleId === stale));
  const relative = evidence.filter((e) => e.whenText && /friday/i.test(e.whenText));
  const reanchored = relative.filter(
    (e) => e.when === "2025-05-02" && e.reanchored?.against === "2025-05-04",
  );
  return [
    {
      suite: "stories",
      name: "labelled: stale copy flagged",
      value: flagged ? 1 : 0,
      threshold: 1,
      direction: "min",
    },
    {
      suite: "stories",
      name: "labelled: stale copy's 'on Friday' re-anchored",
      value: relative.length ? reanchored.length / relative.length : 0,
      threshold: 1,
      direction: "min",
      detail: `${reanchored.length}/${relative.length} claims dated "on Friday" in the stale copy resolve to the original's Friday`,
    },
  ];
}

interface CorpusRecord {
  id: string;
  url: string;
  title: string;
  published: string;
  text: string;
  kind?: string;
}

function readJsonl(path: string): CorpusRecord[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as CorpusRecord);
}

async function realCorpora(ctx: EvalContext, shared: string): Promise<EvalCheck[]> {
  const corpus = join(shared, "data/corpus");
  const kcnaPath = join(corpus, "kcna-2024.jsonl");
  const whPath = join(corpus, "whitehouse-dprk-2023-2024.jsonl");
  const seeds = ["000_fdcf19a823b46f64.txt", "004_d4a8d41ee1fb028e.txt"].map((f) => join(shared, "seeds", f));
  const kcna = readJsonl(kcnaPath);
  const wh = readJsonl(whPath);
  const key = (file: string, i: number) => `${file}#${i + 1}`;

  // A. Near-duplicates over both full corpora, straight from their texts (the KCNA texts are plain, the
  //    White House ones light markdown: close to what the clean stage keeps).
  const all = [
    ...kcna.map((r, i) => ({ id: key("kcna", i), body: r.text, published: r.published, outlet: "KCNA", r })),
    ...wh.map((r, i) => ({
      id: key("wh", i),
      body: r.text,
      published: r.published,
      outlet: "The White House",
      r,
    })),
  ];
  let t = Date.now();
  const links = findDuplicates(all);
  ctx.log(`near-duplicates over ${all.length} corpus documents in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  const byKey = new Map(all.map((d) => [d.id, d]));
  const root = new Map(links.map((l) => [l.articleId, l.duplicateOf]));
  const sameGroup = (a: string, b: string) => (root.get(a) ?? a) === (root.get(b) ?? b);
  const lines = links.map((l) => {
    const c = byKey.get(l.articleId)!;
    const o = byKey.get(l.duplicateOf)!;
    return `${c.published} ${c.id} "${c.r.title}"  copies (J=${l.similarity})  ${o.published} ${o.id} "${o.r.title}"`;
  });
  writeFileSync(join(ctx.outDir, "stories-corpus-duplicates.txt"), `${lines.join("\n")}\n`);
  ctx.log(`${lines.length} near-duplicate pairs (also in .eval-output/stories-corpus-duplicates.txt):`);
  for (const l of lines) ctx.log(`  ${l}`);

  // KCNA republications: one URL with two texts, or one (date, title) with two texts (see its README).
  const firstAt = new Map<string, number>();
  const known = new Set<string>();
  kcna.forEach((r, i) => {
    for (const k of [`u:${r.url}`, `t:${r.published}|${r.title}`]) {
      const first = firstAt.get(k);
      if (first === undefined) firstAt.set(k, i);
      else known.add(`${key("kcna", first)}|${key("kcna", i)}`);
    }
  });
  const knownPairs = [...known].map((p) => p.split("|") as [string, string]);
  const foundKnown = knownPairs.filter(([a, b]) => sameGroup(a, b));
  for (const [a, b] of knownPairs) if (!sameGroup(a, b)) ctx.log(`KCNA republication not found: ${a} ${b}`);
  // NSC statements on launches: one template, different launches (never copies of each other).
  const isNsc = (r: CorpusRecord) => /^Statement (by|from) NSC Spokesperson .* (Test|Launch)/i.test(r.title);
  const nsc = wh.map((r, i) => ({ r, id: key("wh", i) })).filter(({ r }) => isNsc(r));
  // White House texts that appear twice, NSC statements aside.
  const firstText = new Map<string, number>();
  const twice: [string, string][] = [];
  wh.forEach((r, i) => {
    if (isNsc(r)) return;
    const first = firstText.get(r.text.trim());
    if (first === undefined) firstText.set(r.text.trim(), i);
    else twice.push([key("wh", first), key("wh", i)]);
  });
  const foundTwice = twice.filter(([a, b]) => sameGroup(a, b));
  let nscPairs = 0;
  let nscCopies = 0;
  for (let i = 0; i < nsc.length; i++)
    for (let j = i + 1; j < nsc.length; j++) {
      if (nsc[i]!.r.published === nsc[j]!.r.published) continue;
      nscPairs++;
      if (sameGroup(nsc[i]!.id, nsc[j]!.id)) nscCopies++;
    }

  // B. Stories and the ledger through the real pipeline, over KCNA, the White House statements (the
  //    briefings are left out: their long transcripts would take most of the time) and the seeds.
  const { store, dir } = await freshStore(ctx, "stories-corpus");
  const statements = join(dir, "whitehouse-statements.jsonl");
  const statementRows = wh.map((r, i) => ({ r, i })).filter(({ r }) => r.kind === "statement");
  writeFileSync(statements, `${statementRows.map(({ r }) => JSON.stringify(r)).join("\n")}\n`);
  try {
    t = Date.now();
    await ingestInputs(store, { inputs: [kcnaPath, statements, ...seeds] });
    ctx.log(`KCNA, statements and seeds ingested and clustered in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const stories = await listStories(store);
    const ledger = await store.getLedger();
    const storyOf = new Map<string, string>();
    const fileOf = new Map<string, string>();
    const idAt = new Map<string, string>();
    for (const s of stories)
      for (const a of s.articles) {
        storyOf.set(a.id, s.id);
        const n = recordNumber(a.source);
        if (a.source.endsWith(".txt")) fileOf.set(a.id, "seed");
        else if (a.source.includes("whitehouse-statements") && n) {
          const original = statementRows[n - 1];
          if (original) idAt.set(key("wh", original.i), a.id);
        }
      }
    let nscStories = 0;
    for (let i = 0; i < nsc.length; i++)
      for (let j = i + 1; j < nsc.length; j++) {
        if (nsc[i]!.r.published === nsc[j]!.r.published) continue;
        const a = idAt.get(nsc[i]!.id);
        const b = idAt.get(nsc[j]!.id);
        if (a && b && storyOf.get(a) === storyOf.get(b)) {
          nscStories++;
          ctx.log(
            `NSC statements in one story: ${nsc[i]!.id} (${nsc[i]!.r.published}) and ${nsc[j]!.id} (${nsc[j]!.r.published})`,
          );
        }
      }
    const sizes = stories.map((s) => s.articles.length).sort((a, b) => b - a);
    const sources = copiesAddNothing(ledger.claims);
    return [
      {
        suite: "stories",
        name: "corpus: near-duplicate pairs found",
        value: lines.length,
        threshold: 1,
        direction: "min",
        detail: `over ${all.length} KCNA and White House documents (list in .eval-output)`,
      },
      {
        suite: "stories",
        name: "corpus: KCNA republications found",
        value: knownPairs.length ? foundKnown.length / knownPairs.length : 1,
        threshold: 0.8,
        direction: "min",
        detail: `${foundKnown.length}/${knownPairs.length} same-URL or same-date-and-title text pairs`,
      },
      {
        suite: "stories",
        name: "corpus: White House text published twice found",
        value: twice.length ? foundTwice.length / twice.length : 1,
        threshold: 1,
        direction: "min",
        detail: `${foundTwice.length}/${twice.length} pairs`,
      },
      {
        suite: "stories",
        name: "corpus: NSC launch statements not copies",
        value: nscCopies,
        threshold: 0,
        direction: "max",
        detail: `${nscCopies} of ${nscPairs} statement pairs on different dates linked as copies`,
      },
      {
        suite: "stories",
        name: "corpus: NSC launch statements not one story",
        value: nscStories,
        threshold: 0,
        direction: "max",
        detail: `${nscStories} of ${nscPairs} pairs in one story; ${stories.length} stories over ${storyOf.size} documents, largest ${sizes.slice(0, 3).join(", ")}`,
      },
      {
        suite: "stories",
        name: "corpus: copies add no independent source",
        value: sources.total ? sources.ok / sources.total : 1,
        threshold: 1,
        direction: "min",
        detail: `${sources.ok}/${sources.total} canonical claims`,
      },
      seedsSideBySide(ledger, fileOf),
    ];
  } finally {
    await store.close();
  }
}

/** The seed's arms-transfer claim: one canonical ARMS_TRANSFER claim from the seed articles with both an
 * asserting and a denying holder. */
function seedsSideBySide(ledger: Ledger, fileOf: Map<string, string>): EvalCheck {
  const seedIds = new Set([...fileOf].filter(([, f]) => f === "seed").map(([id]) => id));
  const claims = ledger.claims.filter(
    (c) => c.type === "ARMS_TRANSFER" && c.evidence.some((e) => seedIds.has(e.articleId)),
  );
  // Both sides in the seeds' own evidence (not only through other articles merged in).
  const seedSides = (c: CanonicalClaim) =>
    c.evidence.filter((e) => seedIds.has(e.articleId)).map((e) => `${e.holder} ${e.stance}`);
  const sideBySide = claims.filter((c) => {
    const stances = new Set(c.evidence.filter((e) => seedIds.has(e.articleId)).map((e) => e.stance));
    return stances.has("DENY") && (stances.has("ASSERT") || stances.has("HEDGE"));
  });
  const best = sideBySide[0];
  return {
    suite: "stories",
    name: "seeds: arms transfer shows accusers and denial together",
    value: sideBySide.length > 0 ? 1 : 0,
    threshold: 1,
    direction: "min",
    detail: best
      ? `${best.subject ?? "?"} → ${best.object ?? "?"}: ${[...new Set(seedSides(best))].join(", ")}; ${best.independentSources} independent asserting sources`
      : `${claims.length} ARMS_TRANSFER claims from the seeds, none with both stances (depends on extraction)`,
  };
}

export const suite: EvalSuite = {
  name: "stories",
  needsShared: false,
  async run(ctx) {
    const checks = await labelledSet(ctx);
    if (ctx.sharedDir) checks.push(...(await realCorpora(ctx, ctx.sharedDir)));
    else ctx.log("../shared not found: the real-corpus checks are skipped");
    return checks;
  },
};
