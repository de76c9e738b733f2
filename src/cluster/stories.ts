/**
 * Story clustering: articles about one event. Incremental single pass in publication order (a new article
 * joins the most similar open story or starts one), over tf-idf vectors of title and lead terms, entity keys
 * and claim types, restricted to a time window. Copies always follow their original. User decisions (merge,
 * split) are applied last, in the order they were made, so they survive every re-run.
 *
 * Candidate stories come from an inverted index on each article's strongest features, each list cut to its
 * most recent stories, so the work per article is bounded and clustering grows close to linearly.
 */
import { createHash } from "node:crypto";
import { words } from "./shingles.js";
import type { DuplicateLink, Story, StoryDecision } from "../types.js";

export interface StoryInput {
  id: string;
  title: string;
  body: string;
  published: string | null;
  /** Canonical entity keys mentioned (repeats allowed: they raise the weight). */
  entityKeys: string[];
  claimTypes: string[];
}

export interface StoryOptions {
  /** Minimum cosine similarity between an article and a story's centroid to join it (default 0.3). */
  threshold?: number;
  /** An article more than this many days from a story's time span does not join it (default 10). */
  windowDays?: number;
}

const STOPWORDS = new Set(
  (
    "the a an and or but of to in on at for from by with as is are was were be been being has have had this that " +
    "these those it its their they them he she his her we our you your not no said says say will would could " +
    "may might also more than after before over about into out up new one two three who which what when where " +
    "while there here all any some such other last first year years week month day monday tuesday wednesday " +
    "thursday friday saturday sunday according told statement reported report news agency official officials"
  ).split(" "),
);

const LEAD_WORDS = 160;
const TOP_FEATURES = 8;
const CANDIDATES_PER_FEATURE = 200;
const DAY = 86_400_000;

type Vector = Map<string, number>;

function rawFeatures(doc: StoryInput): Map<string, number> {
  const tf = new Map<string, number>();
  const add = (f: string, w: number) => tf.set(f, (tf.get(f) ?? 0) + w);
  for (const w of words(doc.title)) if (w.length > 2 && !STOPWORDS.has(w)) add(`w:${w}`, 2);
  for (const w of words(doc.body).slice(0, LEAD_WORDS))
    if (w.length > 2 && !STOPWORDS.has(w)) add(`w:${w}`, 1);
  for (const k of doc.entityKeys) add(`e:${k}`, 1.5);
  for (const t of new Set(doc.claimTypes)) add(`c:${t}`, 1);
  return tf;
}

function normalize(v: Vector): Vector {
  let norm = 0;
  for (const x of v.values()) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  for (const [k, x] of v) v.set(k, x / norm);
  return v;
}

function cosine(a: Vector, b: Vector, bNorm: number): number {
  let dot = 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const [k, x] of small) {
    const y = large.get(k);
    if (y !== undefined) dot += x * y;
  }
  return bNorm > 0 ? dot / bNorm : 0;
}

function days(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY;
}

interface OpenStory {
  members: number[];
  centroid: Vector;
  norm: number;
  start: number | null;
  end: number | null;
}

export function storyId(anchorArticleId: string): string {
  return `st_${createHash("sha256").update(anchorArticleId).digest("hex").slice(0, 12)}`;
}

/** Group articles (given in ingest order) into stories. */
export function clusterStories(
  docs: StoryInput[],
  duplicates: DuplicateLink[],
  decisions: StoryDecision[] = [],
  options: StoryOptions = {},
): Story[] {
  const threshold = options.threshold ?? 0.3;
  const window = options.windowDays ?? 10;
  const index = new Map(docs.map((d, i) => [d.id, i]));
  const originalOf = new Map<number, number>();
  for (const link of duplicates) {
    const a = index.get(link.articleId);
    const o = index.get(link.duplicateOf);
    if (a !== undefined && o !== undefined) originalOf.set(a, o);
  }

  // Document frequencies over the whole corpus, so that "North Korea" in every article weighs little.
  const raw = docs.map(rawFeatures);
  const df = new Map<string, number>();
  raw.forEach((features, i) => {
    if (originalOf.has(i)) return;
    for (const f of features.keys()) df.set(f, (df.get(f) ?? 0) + 1);
  });
  const n = Math.max(1, docs.length - originalOf.size);
  const vectors = raw.map((features) => {
    const v: Vector = new Map();
    for (const [f, tf] of features) v.set(f, (1 + Math.log(tf)) * Math.log(1 + n / (df.get(f) ?? 1)));
    return normalize(v);
  });

  // Publication order; undated articles after dated ones, in ingest order.
  const order = docs
    .map((_, i) => i)
    .sort((a, b) => {
      const pa = docs[a]!.published;
      const pb = docs[b]!.published;
      if (pa && pb && pa !== pb) return pa < pb ? -1 : 1;
      if (pa && !pb) return -1;
      if (!pa && pb) return 1;
      return a - b;
    });

  const stories: OpenStory[] = [];
  const storyOf = new Map<number, number>();
  const postings = new Map<string, number[]>();

  for (const i of order) {
    if (originalOf.has(i)) continue;
    const v = vectors[i]!;
    const published = docs[i]!.published;
    const at = published ? days(published) : null;
    const top = [...v.entries()].sort((x, y) => y[1] - x[1]).slice(0, TOP_FEATURES);
    const candidates = new Set<number>();
    for (const [f] of top) {
      const list = postings.get(f);
      if (!list) continue;
      for (let p = list.length - 1; p >= 0 && p >= list.length - CANDIDATES_PER_FEATURE; p--)
        candidates.add(list[p]!);
    }
    let best = -1;
    let bestScore = threshold;
    for (const s of candidates) {
      const story = stories[s]!;
      if (at !== null && story.start !== null && story.end !== null) {
        if (at < story.start - window || at > story.end + window) continue;
      }
      const score = cosine(v, story.centroid, story.norm);
      if (score >= bestScore) {
        bestScore = score;
        best = s;
      }
    }
    if (best < 0) {
      best = stories.length;
      stories.push({ members: [], centroid: new Map(), norm: 0, start: null, end: null });
    }
    const story = stories[best]!;
    story.members.push(i);
    storyOf.set(i, best);
    for (const [f, x] of v) story.centroid.set(f, (story.centroid.get(f) ?? 0) + x);
    let norm = 0;
    for (const x of story.centroid.values()) norm += x * x;
    story.norm = Math.sqrt(norm);
    if (at !== null) {
      story.start = story.start === null ? at : Math.min(story.start, at);
      story.end = story.end === null ? at : Math.max(story.end, at);
    }
    for (const [f] of top) {
      const list = postings.get(f);
      if (!list) postings.set(f, [best]);
      else if (list[list.length - 1] !== best) list.push(best);
    }
  }

  // Copies follow their original.
  for (const [copy, original] of originalOf) storyOf.set(copy, storyOf.get(original) ?? 0);

  applyDecisions(
    storyOf,
    index,
    decisions,
    () => stories.push({ members: [], centroid: new Map(), norm: 0, start: null, end: null }) - 1,
  );
  return buildStories(docs, storyOf);
}

function applyDecisions(
  storyOf: Map<number, number>,
  index: Map<string, number>,
  decisions: StoryDecision[],
  newStory: () => number,
): void {
  const sorted = [...decisions].sort((a, b) =>
    a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0,
  );
  for (const decision of sorted) {
    const members = decision.articleIds
      .map((id) => index.get(id))
      .filter((i): i is number => i !== undefined);
    if (members.length === 0) continue;
    if (decision.kind === "split") {
      for (const m of members) storyOf.set(m, newStory());
    } else {
      const target = storyOf.get(members[0]!)!;
      const merged = new Set(members.map((m) => storyOf.get(m)!));
      for (const [doc, s] of storyOf) if (merged.has(s)) storyOf.set(doc, target);
    }
  }
}

function buildStories(docs: StoryInput[], storyOf: Map<number, number>): Story[] {
  const groups = new Map<number, number[]>();
  for (const [doc, s] of storyOf) {
    const g = groups.get(s);
    if (g) g.push(doc);
    else groups.set(s, [doc]);
  }
  const out: Story[] = [];
  for (const members of groups.values()) {
    members.sort((a, b) => a - b);
    const dated = members
      .map((m) => docs[m]!.published)
      .filter((p): p is string => p !== null)
      .sort();
    // The anchor (earliest published, then first ingested) gives the story its id and title.
    let anchor = members[0]!;
    for (const m of members) {
      const pm = docs[m]!.published;
      const pa = docs[anchor]!.published;
      if (pm && (!pa || pm < pa)) anchor = m;
    }
    out.push({
      id: storyId(docs[anchor]!.id),
      title: docs[anchor]!.title,
      start: dated[0] ?? null,
      end: dated[dated.length - 1] ?? null,
      articleIds: members.map((m) => docs[m]!.id),
    });
  }
  // Latest stories first; undated last.
  return out.sort((a, b) => {
    if (a.end !== b.end) return (b.end ?? "") < (a.end ?? "") ? -1 : 1;
    return a.id < b.id ? -1 : 1;
  });
}
