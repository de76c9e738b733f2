/**
 * The PolNeAR attribution metric of ../shared/data/attribution/README.md.
 *
 * 1. Per document, predictions and gold attributions are paired one-to-one, greedily: a pair is a candidate
 *    only when their cue token sets share a token; candidates rank by cue token Dice, then content Dice, then
 *    source Dice. A prediction without a cue never matches.
 * 2. Per role (source, cue, content), micro-averaged: precision over predicted attributions that have the
 *    role, recall over gold attributions that have it. Exact = same non-whitespace characters; partial =
 *    |P∩G|/|P| to precision and |P∩G|/|G| to recall over tokens.
 * 3. Whole attribution: a matched pair counts when source and content each share a token (or are both empty);
 *    all-exact needs all three roles exact (or both empty).
 * Tokens are runs of letters, digits and marks; every other non-space character is its own token.
 */
import type { Span } from "../src/types.js";

export interface SpanAttribution {
  source: Span[] | null | undefined;
  cue: Span[] | null | undefined;
  content: Span[] | null | undefined;
}

export interface RoleScore {
  exact: { p: number; r: number; f: number };
  partial: { p: number; r: number; f: number };
  predicted: number;
  gold: number;
}

export interface AttributionScore {
  source: RoleScore;
  cue: RoleScore;
  content: RoleScore;
  attribution: { p: number; r: number; f: number };
  attributionExact: { p: number; r: number; f: number };
  predicted: number;
  gold: number;
  matched: number;
}

const ROLES = ["source", "cue", "content"] as const;
type Role = (typeof ROLES)[number];

/** Start offsets of the metric's tokens in `text`. */
export function tokenStarts(text: string): { starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  const re = /[\p{L}\p{N}\p{M}]+|[^\s\p{L}\p{N}\p{M}]/gu;
  for (const m of text.matchAll(re)) {
    starts.push(m.index);
    ends.push(m.index + m[0].length);
  }
  return { starts, ends };
}

interface Doc {
  text: string;
  tokStarts: number[];
  tokEnds: number[];
}

function tokenSet(d: Doc, spans: Span[]): Set<number> {
  const out = new Set<number>();
  for (const [s, e] of spans) {
    // First token ending after s (binary search), then walk while tokens start before e.
    let lo = 0;
    let hi = d.tokEnds.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((d.tokEnds[mid] ?? 0) <= s) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < d.tokStarts.length && (d.tokStarts[i] ?? 0) < e; i++) out.add(i);
  }
  return out;
}

function charKey(d: Doc, spans: Span[]): string {
  const cover: number[] = [];
  for (const [s, e] of spans) for (let i = s; i < e; i++) if (!/\s/.test(d.text[i] ?? " ")) cover.push(i);
  return [...new Set(cover)].sort((a, b) => a - b).join(",");
}

function dice(a: Set<number>, b: Set<number>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return (2 * n) / (a.size + b.size);
}

function inter(a: Set<number>, b: Set<number>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}

interface Prepared {
  spans: Record<Role, Span[]>;
  tokens: Record<Role, Set<number>>;
  chars: Record<Role, string>;
}

function prepare(d: Doc, a: SpanAttribution): Prepared {
  const spans = {
    source: (a.source ?? []).filter(([s, e]) => e > s),
    cue: (a.cue ?? []).filter(([s, e]) => e > s),
    content: (a.content ?? []).filter(([s, e]) => e > s),
  };
  return {
    spans,
    tokens: {
      source: tokenSet(d, spans.source),
      cue: tokenSet(d, spans.cue),
      content: tokenSet(d, spans.content),
    },
    chars: {
      source: charKey(d, spans.source),
      cue: charKey(d, spans.cue),
      content: charKey(d, spans.content),
    },
  };
}

const prf = (tp: number, pd: number, tr: number, gd: number) => {
  const p = pd ? tp / pd : 0;
  const r = gd ? tr / gd : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
};

export interface ScoredDocument {
  text: string;
  gold: SpanAttribution[];
  predicted: SpanAttribution[];
}

/** Score predictions against gold over many documents (micro-averaged). */
export function scoreAttributions(docs: ScoredDocument[]): AttributionScore {
  const acc = Object.fromEntries(
    ROLES.map((r) => [r, { exact: 0, pp: 0, pr: 0, predicted: 0, gold: 0 }]),
  ) as Record<Role, { exact: number; pp: number; pr: number; predicted: number; gold: number }>;
  let predicted = 0;
  let gold = 0;
  let matched = 0;
  let whole = 0;
  let wholeExact = 0;
  for (const doc of docs) {
    const { starts, ends } = tokenStarts(doc.text);
    const d: Doc = { text: doc.text, tokStarts: starts, tokEnds: ends };
    const P = doc.predicted.map((a) => prepare(d, a));
    const G = doc.gold.map((a) => prepare(d, a));
    predicted += P.length;
    gold += G.length;
    for (const role of ROLES) {
      acc[role].predicted += P.filter((p) => p.spans[role].length > 0).length;
      acc[role].gold += G.filter((g) => g.spans[role].length > 0).length;
    }
    const cands: { i: number; j: number; k: [number, number, number] }[] = [];
    P.forEach((p, i) => {
      if (p.tokens.cue.size === 0) return;
      G.forEach((g, j) => {
        if (inter(p.tokens.cue, g.tokens.cue) === 0) return;
        cands.push({
          i,
          j,
          k: [
            dice(p.tokens.cue, g.tokens.cue),
            dice(p.tokens.content, g.tokens.content),
            dice(p.tokens.source, g.tokens.source),
          ],
        });
      });
    });
    cands.sort((a, b) => b.k[0] - a.k[0] || b.k[1] - a.k[1] || b.k[2] - a.k[2] || a.i - b.i || a.j - b.j);
    const usedP = new Set<number>();
    const usedG = new Set<number>();
    for (const c of cands) {
      if (usedP.has(c.i) || usedG.has(c.j)) continue;
      usedP.add(c.i);
      usedG.add(c.j);
      matched++;
      const p = P[c.i] as Prepared;
      const g = G[c.j] as Prepared;
      let allExact = true;
      let wholeOk = true;
      for (const role of ROLES) {
        const pe = p.spans[role].length > 0;
        const ge = g.spans[role].length > 0;
        if (pe && ge) {
          if (p.chars[role] === g.chars[role]) acc[role].exact++;
          else allExact = false;
          const n = inter(p.tokens[role], g.tokens[role]);
          if (p.tokens[role].size) acc[role].pp += n / p.tokens[role].size;
          if (g.tokens[role].size) acc[role].pr += n / g.tokens[role].size;
          if (role !== "cue" && n === 0) wholeOk = false;
        } else if (pe !== ge) {
          allExact = false;
          if (role !== "cue") wholeOk = false;
        }
      }
      if (wholeOk) whole++;
      if (allExact) wholeExact++;
    }
  }
  const role = (r: Role): RoleScore => ({
    exact: prf(acc[r].exact, acc[r].predicted, acc[r].exact, acc[r].gold),
    partial: prf(acc[r].pp, acc[r].predicted, acc[r].pr, acc[r].gold),
    predicted: acc[r].predicted,
    gold: acc[r].gold,
  });
  return {
    source: role("source"),
    cue: role("cue"),
    content: role("content"),
    attribution: prf(whole, predicted, whole, gold),
    attributionExact: prf(wholeExact, predicted, wholeExact, gold),
    predicted,
    gold,
    matched,
  };
}
