/**
 * Exact and near-duplicate detection. Exact: equal normalised-text fingerprints. Near: MinHash/LSH candidates
 * verified on their estimated Jaccard similarity and containment (a truncated copy shares most of its own
 * shingles with the original even when it holds only a part of it). Copies are grouped with union-find; the
 * earliest published member of a group (ingest order breaks ties) is its original.
 */
import { estimateJaccard, LshIndex, signature } from "./minhash.js";
import { shingleSet, textFingerprint } from "./shingles.js";
import type { DuplicateLink } from "../types.js";

export interface DuplicateInput {
  id: string;
  body: string;
  published: string | null;
}

export interface DuplicateOptions {
  /** Minimum Jaccard similarity of word shingles for a near copy (default 0.5). */
  jaccard?: number;
  /** Minimum share of the shorter text's shingles found in the longer one (default 0.8). */
  containment?: number;
  /** Shingle length in words (default 3). */
  shingle?: number;
}

/** A document's fingerprint, kept so that a later run could add documents without recomputing old ones. */
interface Sketch {
  fingerprint: string;
  sig: Uint32Array;
  size: number;
}

function sketch(body: string, k: number): Sketch {
  const shingles = shingleSet(body, k);
  return { fingerprint: textFingerprint(body), sig: signature(shingles), size: shingles.length };
}

class UnionFind {
  private readonly parent: number[] = [];
  add(): number {
    this.parent.push(this.parent.length);
    return this.parent.length - 1;
  }
  find(x: number): number {
    let root = x;
    while (this.parent[root] !== root) root = this.parent[root]!;
    while (this.parent[x] !== root) {
      const next = this.parent[x]!;
      this.parent[x] = root;
      x = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** Order in which a group's original is chosen: earliest publication date first, undated last, then input order. */
function earlier(a: DuplicateInput, ai: number, b: DuplicateInput, bi: number): boolean {
  if (a.published && b.published && a.published !== b.published) return a.published < b.published;
  if (a.published && !b.published) return true;
  if (!a.published && b.published) return false;
  return ai < bi;
}

/** Near and exact copies among `docs` (given in ingest order). One link per copy, pointing at its original. */
export function findDuplicates(docs: DuplicateInput[], options: DuplicateOptions = {}): DuplicateLink[] {
  const minJaccard = options.jaccard ?? 0.5;
  const minContainment = options.containment ?? 0.8;
  const k = options.shingle ?? 3;
  const sketches: Sketch[] = [];
  const exact = new Map<string, number>();
  const lsh = new LshIndex();
  const uf = new UnionFind();

  docs.forEach((doc, i) => {
    uf.add();
    const s = sketch(doc.body, k);
    sketches.push(s);
    const same = exact.get(s.fingerprint);
    if (same !== undefined && s.size > 0) uf.union(same, i);
    else exact.set(s.fingerprint, i);
    if (s.size === 0) return;
    for (const other of lsh.addAndQuery(i, s.sig)) {
      if (uf.find(other) === uf.find(i)) continue;
      if (isNearCopy(s, sketches[other]!, minJaccard, minContainment)) uf.union(other, i);
    }
  });

  const groups = new Map<number, number[]>();
  docs.forEach((_, i) => {
    const root = uf.find(i);
    const members = groups.get(root);
    if (members) members.push(i);
    else groups.set(root, [i]);
  });

  const links: DuplicateLink[] = [];
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    let original = members[0]!;
    for (const m of members) if (earlier(docs[m]!, m, docs[original]!, original)) original = m;
    for (const m of members) {
      if (m === original) continue;
      const a = sketches[m]!;
      const b = sketches[original]!;
      const isExact = a.fingerprint === b.fingerprint;
      links.push({
        articleId: docs[m]!.id,
        duplicateOf: docs[original]!.id,
        similarity: isExact ? 1 : round(estimateJaccard(a.sig, b.sig)),
        kind: isExact ? "exact" : "near",
      });
    }
  }
  return links.sort((x, y) => (x.articleId < y.articleId ? -1 : x.articleId > y.articleId ? 1 : 0));
}

/** Jaccard J and the set sizes give the intersection: |A∩B| = J·(|A|+|B|)/(1+J). */
function isNearCopy(a: Sketch, b: Sketch, minJaccard: number, minContainment: number): boolean {
  const j = estimateJaccard(a.sig, b.sig);
  if (j >= minJaccard) return true;
  const smaller = Math.min(a.size, b.size);
  if (smaller < 12) return false;
  const intersection = (j * (a.size + b.size)) / (1 + j);
  return intersection / smaller >= minContainment;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
