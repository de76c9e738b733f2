/**
 * Exact and near-duplicate detection. Exact: equal normalised-text fingerprints. Near: MinHash/LSH
 * candidates, verified on their real shingle sets: Jaccard similarity, or containment (a truncated copy
 * shares most of its own shingles with the original even when it holds only a part of it).
 *
 * Two guards keep texts written from one template about different events apart (NSC statements on two
 * launches, "delegation arrives" and "delegation leaves"):
 * - details: when the texts share a context but give it different numbers, dates or weekdays
 *   ("flew about 742 km" / "flew about 431 km"), they report different facts, however similar the wording;
 * - the same outlet does not syndicate itself weeks later: the same outlet publishing the same wording
 *   `sameOutletDays` or more apart is issuing a new statement, not copying an old one.
 *
 * A document joins at most one group: that of its most similar verified candidate, provided it also
 * passes against the group's first member (so groups never chain through a series of templated texts).
 * The earliest published member of a group (ingest order breaks ties) is its original.
 */
import { BANDS, LshIndex, PERMUTATIONS, signature, Tally } from "./minhash.js";
import {
  type Details,
  detailsConflict,
  details,
  intersectionSize,
  shingleHashes,
  words,
  wordsFingerprint,
} from "./shingles.js";
import type { DuplicateLink } from "../types.js";

export interface DuplicateInput {
  id: string;
  body: string;
  published: string | null;
  /** The publishing outlet, when known (see `sameOutletDays`). */
  outlet?: string | null;
}

export interface DuplicateOptions {
  /** Minimum Jaccard similarity of word shingles for a near copy (default 0.4). */
  jaccard?: number;
  /** Minimum share of the shorter text's shingles found in the longer one (default 0.8). */
  containment?: number;
  /** Shingle length in words (default 3). */
  shingle?: number;
  /** The same outlet publishing the same text this many days apart or more is a new statement (default 7). */
  sameOutletDays?: number;
  /** Above this Jaccard similarity, differing details are edits of one text, not different facts (0.9). */
  verbatim?: number;
}

const DAY = 86_400_000;
const LEAD_WORDS = 60;
const MAX_CANDIDATES = 32;

/** Order in which a group's original is chosen: earliest publication date first, undated last, then input order. */
function earlier(a: DuplicateInput, ai: number, b: DuplicateInput, bi: number): boolean {
  if (a.published && b.published && a.published !== b.published) return a.published < b.published;
  if (a.published && !b.published) return true;
  if (!a.published && b.published) return false;
  return ai < bi;
}

function daysApart(a: string, b: string): number {
  return Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / DAY;
}

/** The (at most) `max` keys with the highest counts, found through a histogram of the counts (they are
 * small integers) rather than a sort: this runs once per document over hundreds of candidates. */
function mostShared(shared: Tally, max: number): number[] {
  if (shared.touched.length <= max) return [...shared.touched];
  const histogram = new Uint32Array(BANDS * 2 + 2);
  for (const doc of shared.touched) histogram[Math.min(shared.get(doc), histogram.length - 1)]!++;
  let threshold = histogram.length - 1;
  for (let total = 0; threshold > 0; threshold--) {
    total += histogram[threshold]!;
    if (total >= max) break;
  }
  const out: number[] = [];
  for (const doc of shared.touched) if (shared.get(doc) > threshold) out.push(doc);
  for (const doc of shared.touched) if (shared.get(doc) === threshold && out.length < max) out.push(doc);
  return out;
}

/** Near and exact copies among `docs` (given in ingest order). One link per copy, pointing at its original. */
export function findDuplicates(docs: DuplicateInput[], options: DuplicateOptions = {}): DuplicateLink[] {
  const minJaccard = options.jaccard ?? 0.4;
  const minContainment = options.containment ?? 0.8;
  const k = options.shingle ?? 3;
  const sameOutletDays = options.sameOutletDays ?? 7;
  const verbatim = options.verbatim ?? 0.9;
  // Per document, in flat arrays (read for every candidate, so kept close together): its shingle count, a
  // number for its exact text, its signature at i × PERMUTATIONS; shingle sets and details beside them.
  const n = docs.length;
  const sizes = new Int32Array(n);
  const textId = new Int32Array(n);
  const sigs = new Uint32Array(n * PERMUTATIONS);
  const shingleSets: Uint32Array[] = new Array(n);
  const detailCache: (Details | undefined)[] = new Array(n);
  const exact = new Map<string, { id: number; members: number[] }>();
  const lsh = new LshIndex();
  const leads = new LshIndex();
  const shared = new Tally();
  const groupOf = new Int32Array(docs.length).fill(-1);
  const groups: number[][] = [];

  const detailsOf = (i: number): Details => {
    detailCache[i] ??= details(docs[i]!.body);
    return detailCache[i]!;
  };
  const estimate = (a: number, b: number): number => {
    let same = 0;
    const pa = a * PERMUTATIONS;
    const pb = b * PERMUTATIONS;
    for (let j = 0; j < PERMUTATIONS; j++) if (sigs[pa + j] === sigs[pb + j]) same++;
    return same / PERMUTATIONS;
  };

  /** The Jaccard similarity when `a` and `b` are copies of each other, else null. */
  const verify = (a: number, b: number): number | null => {
    const da = docs[a]!;
    const db = docs[b]!;
    if (
      da.outlet &&
      db.outlet &&
      da.published &&
      db.published &&
      da.outlet.toLowerCase() === db.outlet.toLowerCase() &&
      daysApart(da.published, db.published) >= sameOutletDays
    )
      return null;
    if (textId[a] === textId[b]) return 1;
    const inter = intersectionSize(shingleSets[a]!, shingleSets[b]!);
    const union = sizes[a]! + sizes[b]! - inter;
    const jaccard = union > 0 ? inter / union : 0;
    const smaller = Math.min(sizes[a]!, sizes[b]!);
    const contained = smaller >= 12 && inter / smaller >= minContainment;
    if (jaccard < minJaccard && !contained) return null;
    if (jaccard < verbatim) {
      if (detailsConflict(detailsOf(a), detailsOf(b))) return null;
    }
    return jaccard;
  };

  docs.forEach((doc, i) => {
    const ws = words(doc.body);
    const shingles = shingleHashes(ws, k);
    const fingerprint = wordsFingerprint(ws);
    let same = exact.get(fingerprint);
    if (!same) {
      same = { id: exact.size, members: [] };
      exact.set(fingerprint, same);
    }
    textId[i] = same.id;
    sizes[i] = shingles.length;
    shingleSets[i] = shingles;
    const sig = signature(shingles);
    sigs.set(sig, i * PERMUTATIONS);
    if (shingles.length === 0) return;
    // Candidates with the number of bands they share; a truncated copy shares little of a long original's
    // shingles but all of its opening, so the opening words have their own index.
    shared.reset();
    for (const c of same.members) shared.add(c, BANDS * 2);
    same.members.push(i);
    lsh.addAndQuery(i, sig, shared);
    // (Only for a text long enough that its whole signature does not already stand for its opening.)
    if (ws.length > LEAD_WORDS * 2)
      leads.addAndQuery(i, signature(shingleHashes(ws.slice(0, LEAD_WORDS), k)), shared);
    // Templated texts share bands with many others; a copy shares more of them than any of its template
    // siblings, so only the candidates sharing the most bands are looked at.
    const candidates = mostShared(shared, MAX_CANDIDATES);

    // Most similar first (estimated from the signatures), then the exact check. The estimate's spread is
    // about ±0.09 at 126 positions, hence the margins.
    const ranked = candidates
      .map((c) => {
        if (textId[c] === textId[i]) return { c, est: 2, contained: 1 };
        const est = estimate(i, c);
        const inter = (est * (sizes[i]! + sizes[c]!)) / (1 + est);
        return { c, est, contained: inter / Math.max(1, Math.min(sizes[i]!, sizes[c]!)) };
      })
      .filter((x) => x.est >= minJaccard - 0.1 || x.contained >= minContainment - 0.15)
      .sort((x, y) => y.est - x.est || x.c - y.c);
    const tried = new Set<number>();
    for (const { c } of ranked) {
      const g = groupOf[c]!;
      const key = g >= 0 ? g : -1 - c;
      if (tried.has(key)) continue;
      tried.add(key);
      if (verify(i, c) === null) continue;
      const anchor = g >= 0 ? groups[g]![0]! : c;
      if (anchor !== c && verify(i, anchor) === null) continue;
      if (g >= 0) {
        groups[g]!.push(i);
        groupOf[i] = g;
      } else {
        groupOf[c] = groupOf[i] = groups.length;
        groups.push([c, i]);
      }
      break;
    }
  });

  const links: DuplicateLink[] = [];
  for (const members of groups) {
    let original = members[0]!;
    for (const m of members) if (earlier(docs[m]!, m, docs[original]!, original)) original = m;
    for (const m of members) {
      if (m === original) continue;
      const isExact = textId[m] === textId[original];
      const inter = intersectionSize(shingleSets[m]!, shingleSets[original]!);
      const union = sizes[m]! + sizes[original]! - inter;
      links.push({
        articleId: docs[m]!.id,
        duplicateOf: docs[original]!.id,
        similarity: isExact ? 1 : round(union > 0 ? inter / union : 0),
        kind: isExact ? "exact" : "near",
      });
    }
  }
  return links.sort((x, y) => (x.articleId < y.articleId ? -1 : x.articleId > y.articleId ? 1 : 0));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
