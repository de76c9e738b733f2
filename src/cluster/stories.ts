/**
 * Story clustering: articles about one event. Incremental single pass in publication order: a new article
 * joins the story of its most similar earlier article, or starts one. Two articles are compared on three
 * kinds of evidence, each a tf-idf cosine: their words (title and lead), the events they report (claim type
 * with the state behind the acting party: "WEAPONS_TEST|state:KP", so that a KCNA account of Kim Jong Un's
 * test meets the JCS report of North Korea's launch), and the entities they name; the score falls with the
 * days between them, and beyond `windowDays` they are not compared at all (template statements about two
 * launches weeks apart stay apart however alike their wording). Copies (see duplicates.ts) always follow their
 * original. User decisions (merge, split) are applied last, in the order they were made, so they survive every
 * re-run.
 *
 * Nearest-neighbour linking was chosen over story centroids on the labelled set (eval/data/stories): same-event
 * reports are often worded very differently (a state-media account and a foreign ministry's), and a centroid
 * blurs exactly the few specific terms they share.
 *
 * Candidate articles come from an inverted index on each article's strongest features; each posting list is
 * read from its newest entry back, at most `CANDIDATES_PER_FEATURE` entries and never past the time window,
 * so the work per article is bounded and clustering grows close to linearly with the corpus. Vectors of
 * articles that fell out of the window are dropped, which bounds memory the same way.
 */
import { createHash } from "node:crypto";
import { names, namesConflict, words } from "./shingles.js";
import type { DuplicateLink, Story, StoryDecision } from "../types.js";

export interface StoryInput {
  id: string;
  title: string;
  body: string;
  published: string | null;
  /** Canonical entity keys mentioned (repeats allowed: they raise the weight). */
  entityKeys: string[];
  claimTypes: string[];
  /** Events the article reports: claim type with the state behind its acting party ("WEAPONS_TEST|state:KP"). */
  events?: string[];
  /** The publishing outlet: one outlet's items from one template about different places or people are
   * different events ("New houses built in Haeju City", "… in Unryul County"). */
  outlet?: string | null;
}

export interface StoryOptions {
  /** Minimum score for an article to join the story of its nearest earlier article (default 0.1). */
  threshold?: number;
  /** Articles more than this many days apart are never compared (default 10). */
  windowDays?: number;
  /** Score lost per day between two articles (default 0.02). */
  dayPenalty?: number;
  /** Compare an article with a story's recent members on average (default) or with the closest one. */
  linkage?: "average" | "max";
  /** How much each kind of similarity counts (default words 1, entities 0.1, events 0.2). */
  weights?: { words: number; entities: number; events: number };
}

const STOPWORDS = new Set(
  (
    "the a an and or but of to in on at for from by with as is are was were be been being has have had this that " +
    "these those it its their they them he she his her we our you your not no said says say will would could " +
    "may might also more than after before over about into out up new one two three who which what when where " +
    "while there here all any some such other last first year years week month day monday tuesday wednesday " +
    "thursday friday saturday sunday according told statement reported report news agency official officials " +
    "january february march april june july august september october november december"
  ).split(" "),
);

const LEAD_WORDS = 160;
const TOP_WORDS = 24;
const TOP_ENTITIES = 3;
const TOP_EVENTS = 4;
const CANDIDATES_PER_FEATURE = 20;
const MEMBERS_COMPARED = 12;
const LEAD_NAMES_CHARS = 600;
const DAY = 86_400_000;

/** Feature groups: a feature id carries its group in the low two bits. */
const WORDS = 0;
const ENTITIES = 1;
const EVENTS = 2;

/** An article's features: ids sorted ascending, with weights (each group a unit vector of its own). */
interface Vector {
  ids: Int32Array;
  weights: Float64Array;
  /** The features it is indexed under. */
  top: number[];
}

class Interner {
  private readonly ids = new Map<string, number>();
  get size(): number {
    return this.ids.size;
  }
  id(feature: string, group: number): number {
    let id = this.ids.get(feature);
    if (id === undefined) {
      id = this.ids.size * 4 + group;
      this.ids.set(feature, id);
    }
    return id;
  }
}

function rawFeatures(doc: StoryInput, interner: Interner): Map<number, number> {
  const tf = new Map<number, number>();
  const add = (f: string, group: number, w: number) => {
    const id = interner.id(f, group);
    tf.set(id, (tf.get(id) ?? 0) + w);
  };
  for (const w of words(doc.title)) if (w.length > 2 && !STOPWORDS.has(w)) add(`w:${w}`, WORDS, 2);
  const lead = words(doc.body.slice(0, LEAD_WORDS * 12));
  for (let i = 0; i < Math.min(LEAD_WORDS, lead.length); i++) {
    const w = lead[i]!;
    if (w.length > 2 && !STOPWORDS.has(w) && !/^\d+$/.test(w)) add(`w:${w}`, WORDS, 1);
  }
  for (const k of doc.entityKeys) add(`e:${k}`, ENTITIES, 1);
  for (const e of new Set(doc.events ?? doc.claimTypes)) add(`x:${e}`, EVENTS, 1);
  return tf;
}

function days(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY;
}

export function storyId(anchorArticleId: string): string {
  return `st_${createHash("sha256").update(anchorArticleId).digest("hex").slice(0, 12)}`;
}

/** Publication order; undated articles after dated ones, in ingest order. */
function publicationOrder(docs: { published: string | null }[]): number[] {
  return docs
    .map((_, i) => i)
    .sort((a, b) => {
      const pa = docs[a]!.published;
      const pb = docs[b]!.published;
      if (pa && pb && pa !== pb) return pa < pb ? -1 : 1;
      if (pa && !pb) return -1;
      if (!pa && pb) return 1;
      return a - b;
    });
}

/** The weighted sum of the per-group cosines of two articles (merge join over their sorted ids). */
function similarity(a: Vector, b: Vector, share: readonly number[]): number {
  let score = 0;
  let i = 0;
  let j = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) {
      score += share[x & 3]! * a.weights[i]! * b.weights[j]!;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return score;
}

/** Group articles (given in ingest order) into stories. */
export function clusterStories(
  docs: StoryInput[],
  duplicates: DuplicateLink[],
  decisions: StoryDecision[] = [],
  options: StoryOptions = {},
): Story[] {
  const threshold = options.threshold ?? 0.1;
  const window = options.windowDays ?? 10;
  const dayPenalty = options.dayPenalty ?? 0.02;
  const w = options.weights ?? { words: 1, entities: 0.1, events: 0.2 };
  const share = [w.words, w.entities, w.events, 0];
  const index = new Map(docs.map((d, i) => [d.id, i]));
  const originalOf = new Map<number, number>();
  for (const link of duplicates) {
    const a = index.get(link.articleId);
    const o = index.get(link.duplicateOf);
    if (a !== undefined && o !== undefined && a !== o) originalOf.set(a, o);
  }

  // Document frequencies over the originals, so that "North Korea" in every article weighs little.
  const interner = new Interner();
  const raw: (Map<number, number> | null)[] = docs.map((d, i) =>
    originalOf.has(i) ? null : rawFeatures(d, interner),
  );
  // Feature ids are dense (index × 4 + group), so document frequencies and idf live in flat arrays.
  const df = new Int32Array(interner.size);
  for (const features of raw) {
    if (!features) continue;
    for (const f of features.keys()) df[f >> 2]!++;
  }
  const n = Math.max(1, docs.length - originalOf.size);
  const idf = Float64Array.from(df, (d) => Math.log(1 + n / Math.max(1, d)));
  const limits = [TOP_WORDS, TOP_ENTITIES, TOP_EVENTS, 0];
  const vectorOf = (i: number): Vector => {
    const features = raw[i]!;
    const ids = Int32Array.from(features.keys()).sort();
    const weights = new Float64Array(ids.length);
    // Each group (words, entities, events) is a unit vector of its own.
    const norms = [0, 0, 0, 0];
    for (let j = 0; j < ids.length; j++) {
      const f = ids[j]!;
      const x = (1 + Math.log(features.get(f)!)) * idf[f >> 2]!;
      weights[j] = x;
      norms[f & 3]! += x * x;
    }
    for (let j = 0; j < ids.length; j++) weights[j]! /= Math.sqrt(norms[ids[j]! & 3]!) || 1;
    // The strongest features of each group (a small insertion sort per group; no full sort needed).
    const best: number[][] = [[], [], [], []];
    for (let j = 0; j < ids.length; j++) {
      const g = ids[j]! & 3;
      const list = best[g]!;
      const limit = limits[g]!;
      if (limit === 0) continue;
      if (list.length === limit && weights[j]! <= weights[list[limit - 1]!]!) continue;
      let at = list.length;
      while (at > 0 && weights[list[at - 1]!]! < weights[j]!) at--;
      list.splice(at, 0, j);
      if (list.length > limit) list.pop();
    }
    return { ids, weights, top: best.flatMap((list) => list.map((j) => ids[j]!)) };
  };

  // The names in an article's title and in its lead, each compared on its own (see `outlet` above).
  const nameCache = new Map<number, [Map<string, Set<string>>, Map<string, Set<string>>]>();
  const namesOf = (i: number) => {
    let found = nameCache.get(i);
    if (!found) {
      // A headline in title case capitalises every word: only the names after a lower-case word count there.
      const title = names(docs[i]!.title);
      title.delete("^");
      found = [title, names(docs[i]!.body.slice(0, LEAD_NAMES_CHARS))];
      nameCache.set(i, found);
    }
    return found;
  };
  const templateSiblings = (a: number, b: number): boolean => {
    const [ta, la] = namesOf(a);
    const [tb, lb] = namesOf(b);
    return namesConflict(ta, tb) || namesConflict(la, lb);
  };
  const storyOf = new Map<number, number>();
  let stories = 0;
  /** Each story's latest members (the ones compared with a new article). */
  const recent = new Map<number, number[]>();
  const linkage = options.linkage ?? "average";
  const vectors = new Map<number, Vector>();
  const dayOf = new Map<number, number>();
  const postings = new Map<number, { doc: number[]; day: number[] }>();
  let processed = 0;

  for (const i of publicationOrder(docs)) {
    if (originalOf.has(i)) continue;
    const v = vectorOf(i);
    raw[i] = null;
    const published = docs[i]!.published;
    const at = published ? days(published) : null;

    const candidates = new Set<number>();
    for (const f of v.top) {
      const list = postings.get(f);
      if (!list) continue;
      const stop = Math.max(0, list.doc.length - CANDIDATES_PER_FEATURE);
      for (let p = list.doc.length - 1; p >= stop; p--) {
        if (at !== null && list.day[p]! < at - window) break;
        candidates.add(list.doc[p]!);
      }
    }
    // Score each candidate story: the mean pairwise score over its members still within reach (at most the
    // last MEMBERS_COMPARED), so a story is not stretched one loose link at a time into a chain.
    const outlet = docs[i]!.outlet?.toLowerCase() ?? null;
    const scoreOf = (c: number): number => {
      const other = vectors.get(c);
      if (!other) return Number.NEGATIVE_INFINITY;
      const dc = dayOf.get(c);
      const gap = at !== null && dc !== undefined ? Math.abs(at - dc) : 0;
      if (gap > window) return Number.NEGATIVE_INFINITY;
      const score = similarity(v, other, share) - dayPenalty * gap;
      if (score >= threshold && outlet && docs[c]!.outlet?.toLowerCase() === outlet) {
        if (templateSiblings(i, c)) return Number.NEGATIVE_INFINITY;
      }
      return score;
    };
    const byStory = new Map<number, number[]>();
    for (const c of candidates) {
      const s = storyOf.get(c)!;
      if (!byStory.has(s)) byStory.set(s, []);
    }
    let best = -1;
    let bestScore = threshold;
    for (const s of byStory.keys()) {
      const members = recent.get(s) ?? [];
      let sum = 0;
      let count = 0;
      let max = Number.NEGATIVE_INFINITY;
      for (const m of members) {
        const x = scoreOf(m);
        if (x === Number.NEGATIVE_INFINITY) continue;
        sum += x;
        count++;
        if (x > max) max = x;
      }
      if (count === 0) continue;
      const score = linkage === "max" ? max : sum / count;
      if (score > bestScore || (score === bestScore && best >= 0 && s < best)) {
        bestScore = score;
        best = s;
      }
    }
    const story = best >= 0 ? best : stories++;
    storyOf.set(i, story);
    const members = recent.get(story);
    if (members) {
      members.push(i);
      if (members.length > MEMBERS_COMPARED) members.shift();
    } else recent.set(story, [i]);
    vectors.set(i, v);
    if (at !== null) dayOf.set(i, at);
    for (const f of v.top) {
      const list = postings.get(f);
      if (list) {
        list.doc.push(i);
        list.day.push(at ?? Number.POSITIVE_INFINITY);
      } else postings.set(f, { doc: [i], day: [at ?? Number.POSITIVE_INFINITY] });
    }
    // Now and then, forget the vectors and postings no later (dated) article can reach.
    if (at !== null && ++processed % 1024 === 0) {
      for (const [doc, d] of dayOf) {
        if (d < at - window) {
          vectors.delete(doc);
          dayOf.delete(doc);
          nameCache.delete(doc);
        }
      }
      for (const [f, list] of postings) {
        let keep = 0;
        while (keep < list.day.length && list.day[keep]! < at - window) keep++;
        if (keep === list.day.length) postings.delete(f);
        else if (keep > 0) {
          list.doc.splice(0, keep);
          list.day.splice(0, keep);
        }
      }
    }
  }

  // Copies follow their original (a copy of a copy follows the first original).
  for (const [copy, original] of originalOf) {
    let o = original;
    for (let hops = 0; originalOf.has(o) && hops < 10; hops++) o = originalOf.get(o)!;
    storyOf.set(copy, storyOf.get(o) ?? stories++);
  }

  applyDecisions(storyOf, index, originalOf, decisions, () => stories++);
  return buildStories(docs, storyOf);
}

/**
 * Merge: every story holding one of the articles becomes one. Split: the articles (with their copies) leave
 * their stories together and form a new one. Decisions naming articles no longer stored are skipped.
 */
function applyDecisions(
  storyOf: Map<number, number>,
  index: Map<string, number>,
  originalOf: Map<number, number>,
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
      const moving = new Set(members);
      for (const [copy, original] of originalOf) if (moving.has(original)) moving.add(copy);
      const target = newStory();
      for (const m of moving) storyOf.set(m, target);
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
