/**
 * Clustering time (near-duplicates, then stories) at 1k, 10k and 100k documents, to show it grows close to
 * linearly. Documents come from the synthetic generator (about one in six is a syndicated copy), in chunks
 * of 1,000 whose dates are shifted by two years per chunk, so the archive grows in time at a steady rate, as
 * a real one does. Entities and claim types are found by plain string matching on the generator's own
 * vocabulary (running the full pipeline over 100k documents would take far longer than the clustering).
 *
 * Baseline in the same run: the per-1,000-document CPU time at the smallest size; the ratio of a larger
 * size's per-1,000-document time to it is 1 for perfectly linear growth. CPU time of this process is the
 * figure (wall time is in the detail): the machine is shared, and wall time says more about the neighbours.
 * The detail also gives how many of the generator's own syndicated copies were found; its stories are not
 * scored (the generator draws each report's facts at random, but from so few templates that reports of one
 * kind in one week read alike). The 100k case runs only without --quick.
 */
import { findDuplicates } from "../src/cluster/duplicates.js";
import { clusterStories, type StoryInput } from "../src/cluster/stories.js";
import { SYNTHETIC_ENTITIES, syntheticDocuments } from "./synthetic.js";
import type { Benchmark, BenchRow } from "./types.js";

interface Doc extends StoryInput {
  outlet: string | null;
}

const CHUNK = 1000;
const SHIFT_DAYS = 730;

const CLAIM_CUES: [RegExp, string][] = [
  [/\b(shipped|delivered|sent|arming|flow)\b/i, "ARMS_TRANSFER"],
  [/\b(launched|fires|test)\b/i, "WEAPONS_TEST"],
  [/\b(drills|exercises?)\b/i, "MILITARY_EXERCISE"],
  [/\bsanctions\b/i, "SANCTIONS_ACTION"],
  [/\bdelegation\b/i, "DIPLOMATIC_CONTACT"],
];

const ENTITY_PATTERNS = SYNTHETIC_ENTITIES.map((e) => ({
  key: e.key,
  type: e.type,
  re: new RegExp(`\\b${e.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, "g"),
}));
const STATE_PATTERNS = ENTITY_PATTERNS.filter((p) => p.type === "STATE").map((p) => ({
  key: p.key,
  re: new RegExp(p.re.source),
}));

function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function stripHtml(html: string): {
  title: string;
  body: string;
  published: string | null;
  outlet: string | null;
} {
  const title = /<h1>([^<]*)<\/h1>/.exec(html)?.[1] ?? "";
  const published = /published_time" content="(\d{4}-\d{2}-\d{2})/.exec(html)?.[1] ?? null;
  const outlet = /og:site_name" content="([^"]*)"/.exec(html)?.[1] ?? null;
  const body = [...html.matchAll(/<p>([^<]*)<\/p>/g)].map((m) => unescapeHtml(m[1]!)).join("\n\n");
  return { title: unescapeHtml(title), body, published, outlet };
}

/** `count` light documents: chunks of the generator with their dates moved two years apart. */
export function clusterDocuments(count: number): Doc[] {
  const docs: Doc[] = [];
  for (let chunk = 0; docs.length < count; chunk++) {
    const size = Math.min(CHUNK, count - docs.length);
    let n = 0;
    for (const raw of syntheticDocuments(size, 1000 + chunk)) {
      n++;
      const parsed =
        raw.contentType === "text/html"
          ? stripHtml(raw.content)
          : {
              title: raw.hints.title ?? "",
              body: raw.content,
              published: raw.hints.published ?? null,
              outlet: raw.hints.outlet ?? null,
            };
      const text = `${parsed.title}\n${parsed.body}`;
      const entityKeys: string[] = [];
      for (const { key, re } of ENTITY_PATTERNS) {
        const hits = text.match(re)?.length ?? 0;
        for (let i = 0; i < Math.min(3, hits); i++) entityKeys.push(key);
      }
      // Events as the pipeline gives them: claim type with the acting state (the first state of the lead).
      const lead = parsed.body.slice(0, 300);
      const actor = STATE_PATTERNS.map((p) => ({ key: p.key, at: lead.search(p.re) }))
        .filter((p) => p.at >= 0)
        .sort((a, b) => a.at - b.at)[0]?.key;
      const claimTypes = CLAIM_CUES.filter(([re]) => re.test(parsed.body)).map(([, t]) => t);
      docs.push({
        id: `c${chunk}-${n}`,
        title: parsed.title,
        body: parsed.body,
        published: parsed.published ? shiftDate(parsed.published, chunk * SHIFT_DAYS) : null,
        outlet: parsed.outlet,
        entityKeys,
        claimTypes,
        events: claimTypes.map((t) => `${t}|${actor ?? "-"}`),
      });
    }
  }
  return docs;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** The generator marks its syndicated copies' titles (all capitals, or "– report" added). */
const isCopy = (title: string) => title === title.toUpperCase() || title.endsWith(" – report");

function time(docs: Doc[]) {
  let wall = performance.now();
  let cpu = cpuMs();
  const duplicates = findDuplicates(docs);
  const dupMs = cpuMs() - cpu;
  cpu = cpuMs();
  const stories = clusterStories(docs, duplicates);
  const storyMs = cpuMs() - cpu;
  wall = performance.now() - wall;
  const titles = new Map(docs.map((d) => [d.id, d.title]));
  const truth = docs.filter((d) => isCopy(d.title)).length;
  const right = duplicates.filter((l) => isCopy(titles.get(l.articleId)!)).length;
  return { dupMs, storyMs, wall, duplicates: duplicates.length, stories: stories.length, truth, right };
}

export const benchmark: Benchmark = {
  name: "cluster",
  needsShared: false,
  async run(ctx) {
    const quick = ctx.scale < 1;
    const sizes = quick ? [1000, 10_000] : [1000, 10_000, 100_000];
    const rows: BenchRow[] = [];
    // Warm up the JIT on a small corpus so the smallest size is not charged for compilation.
    time(clusterDocuments(500));
    let baseline: number | null = null;
    for (const size of sizes) {
      const docs = clusterDocuments(size);
      const r = time(docs);
      // CPU time of this process: the figure that does not depend on what else the machine runs.
      const total = r.dupMs + r.storyMs;
      const perThousand = (total / size) * 1000;
      baseline ??= perThousand;
      rows.push({
        bench: "cluster",
        case: `duplicates + stories, ${size} docs`,
        value: perThousand,
        unit: "ms CPU/1k docs",
        baseline: { name: `${sizes[0]} docs`, value: baseline },
        detail:
          `CPU ${(total / 1000).toFixed(1)} s (duplicates ${(r.dupMs / 1000).toFixed(1)} s, stories ${(r.storyMs / 1000).toFixed(1)} s), wall ${(r.wall / 1000).toFixed(1)} s; ` +
          `${r.duplicates} copies found, ${r.right} of the generator's ${r.truth}; ${r.stories} stories`,
      });
      ctx.log(`${size} docs: ${(total / 1000).toFixed(2)} s CPU`);
    }
    return rows;
  },
};
