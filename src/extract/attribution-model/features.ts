/**
 * Features for the two attribution taggers (see ./index.ts):
 * - the cue tagger labels every token of a paragraph O / B-CUE / I-CUE from the word, its stem and shape, its
 *   neighbours, whether it is inside quotation marks and whether it is a known speech or thought word;
 * - the argument tagger labels, for one cue, every other token of the paragraph O / B-S / I-S / B-C / I-C
 *   (source, content) from the same token features conjoined with where the token lies relative to the cue:
 *   side, distance, sentence, quotation marks, commas and other cues in between, and the cue word itself.
 * Features are strings hashed into a fixed table (perceptron.ts); adding a template needs retraining.
 */
import { CUES } from "../lexicons/cues.js";
import { hashString, mix } from "./perceptron.js";
import type { Paragraph, Sequence } from "./types.js";

/** Speech and thought words from the analyst's cue lexicon, as one-word stems (a feature, not a rule). */
const CUE_STEMS = new Set(
  CUES.flatMap((c) => c.forms)
    .filter((f) => !f.includes(" "))
    .map(stem),
);

export function stem(w: string): string {
  if (w.length <= 4) return w;
  return w.replace(/(?:ing|ed|es|s)$/, "").replace(/(.)\1$/, "$1");
}

function shape(t: string): string {
  if (/^\p{Lu}+$/u.test(t)) return t.length > 1 ? "XX" : "X";
  if (/^\p{Lu}/u.test(t)) return "Xx";
  if (/^\p{Ll}/u.test(t)) return "x";
  if (/^\p{N}/u.test(t)) return "d";
  if (/^["“”'‘’«»]$/.test(t)) return "q";
  return t;
}

/** Per-token strings the taggers conjoin; computed once per paragraph. */
export interface TokenInfo {
  w: string[];
  st: string[];
  sh: string[];
  lex: boolean[];
  sentStart: boolean[];
}

export function tokenInfo(p: Paragraph): TokenInfo {
  const n = p.tokens.length;
  const w = p.tokens.map((t) => (/^\p{N}+$/u.test(t.text) ? "<num>" : t.lower));
  const st = w.map(stem);
  const sh = p.tokens.map((t) => shape(t.text));
  const lex = st.map((s) => CUE_STEMS.has(s));
  const sentStart = Array.from({ length: n }, (_, i) => i === 0 || p.sentence[i] !== p.sentence[i - 1]);
  return { w, st, sh, lex, sentStart };
}

const at = (a: string[], i: number): string => (i < 0 ? "<s>" : i >= a.length ? "</s>" : (a[i] ?? ""));

function finish(perToken: number[][], bits: number): Sequence {
  const mask = (1 << bits) - 1;
  const offs = new Int32Array(perToken.length + 1);
  let total = 0;
  for (let t = 0; t < perToken.length; t++) {
    offs[t] = total;
    total += perToken[t]?.length ?? 0;
  }
  offs[perToken.length] = total;
  const feats = new Int32Array(total);
  let k = 0;
  for (const fs of perToken) for (const f of fs) feats[k++] = f & mask;
  return { feats, offs };
}

/** Static per-token feature hashes shared by both taggers. */
export function staticHashes(p: Paragraph, info: TokenInfo): number[][] {
  const { w, st, sh, lex, sentStart } = info;
  const out: number[][] = [];
  for (let i = 0; i < w.length; i++) {
    const q = p.quoted[i] ? "q" : "-";
    out.push(
      [
        "b",
        `w=${w[i]}`,
        `st=${st[i]}`,
        `sh=${sh[i]}`,
        `s3=${(w[i] ?? "").slice(-3)}`,
        `p1=${at(w, i - 1)}`,
        `n1=${at(w, i + 1)}`,
        `p2=${at(w, i - 2)}`,
        `n2=${at(w, i + 2)}`,
        `p1w=${at(w, i - 1)}|${w[i]}`,
        `wn1=${w[i]}|${at(w, i + 1)}`,
        `p2p1=${at(w, i - 2)}|${at(w, i - 1)}`,
        `n1n2=${at(w, i + 1)}|${at(w, i + 2)}`,
        `shp=${at(sh, i - 1)}|${sh[i]}|${at(sh, i + 1)}`,
        `q=${q}`,
        `qw=${q}|${st[i]}`,
        `lex=${lex[i]}|${q}`,
        `lexp1=${lex[i - 1] ?? false}`,
        `lexn1=${lex[i + 1] ?? false}`,
        `ss=${sentStart[i]}|${sh[i]}`,
        `pos=${p.pos[i]}`,
        `lem=${p.lemma[i]}`,
        `lempos=${p.lemma[i]}|${p.pos[i]}`,
        `pp1=${at(p.pos, i - 1)}|${p.pos[i]}`,
        `pn1=${p.pos[i]}|${at(p.pos, i + 1)}`,
        `pp3=${at(p.pos, i - 1)}|${p.pos[i]}|${at(p.pos, i + 1)}`,
        `pn2=${at(p.pos, i + 1)}|${at(p.pos, i + 2)}`,
        `pp2=${at(p.pos, i - 2)}|${at(p.pos, i - 1)}`,
        `lemn1=${p.lemma[i]}|${at(p.pos, i + 1)}`,
        `posq=${p.pos[i]}|${q}|${sentStart[i]}`,
        `pw3=${at(p.pos, i - 3)}|${at(p.pos, i - 2)}|${at(p.pos, i - 1)}|${p.pos[i]}`,
        `nw3=${p.pos[i]}|${at(p.pos, i + 1)}|${at(p.pos, i + 2)}|${at(p.pos, i + 3)}`,
        `qd=${quoteNear(sh, i)}|${p.pos[i]}`,
      ].map(hashString),
    );
  }
  return out;
}

/** The cue tagger's sequence: the static features alone. */
/** Where the nearest quotation mark is: just before, just after, both, in the sentence, none. */
function quoteNear(sh: string[], i: number): string {
  const before = sh[i - 1] === "q" || sh[i - 2] === "q";
  const after = sh[i + 1] === "q" || sh[i + 2] === "q";
  return before && after ? "ba" : before ? "b" : after ? "a" : "-";
}

export function cueSequence(stat: number[][], bits: number): Sequence {
  return finish(stat, bits);
}

function bucket(d: number): string {
  if (d <= 3) return String(d);
  if (d <= 5) return "4-5";
  if (d <= 10) return "6-10";
  if (d <= 20) return "11-20";
  if (d <= 40) return "21-40";
  return "40+";
}

/**
 * The argument tagger's sequence for the cue tokens [cs, ce): every paragraph token, with `otherCue` marking
 * tokens of the paragraph's other cues.
 */
export function argSequence(
  p: Paragraph,
  info: TokenInfo,
  stat: number[][],
  cs: number,
  ce: number,
  otherCue: Uint8Array,
  bits: number,
): Sequence {
  const n = p.tokens.length;
  const { w, st, sh } = info;
  const cueWord = w.slice(cs, ce).join(" ");
  const cueStem = p.lemma.slice(cs, ce).join(" ");
  const cuePos = p.pos.slice(cs, ce).join(" ");
  const cn1 = at(w, ce);
  const cp1 = at(w, cs - 1);
  const qc = p.quoted[cs] ? "q" : "-";
  // Running counts from the cue outwards: other cue tokens, commas, quote-mark crossings.
  const others = new Int32Array(n);
  const commas = new Int32Array(n);
  const marks = new Int32Array(n);
  for (let i = cs - 1, o = 0, c = 0, m = 0; i >= 0; i--) {
    others[i] = o;
    commas[i] = c;
    marks[i] = m;
    if (otherCue[i]) o++;
    const t = w[i] ?? "";
    if (t === "," || t === ";" || t === "—" || t === "–") c++;
    if (sh[i] === "q") m++;
  }
  for (let i = ce, o = 0, c = 0, m = 0; i < n; i++) {
    others[i] = o;
    commas[i] = c;
    marks[i] = m;
    if (otherCue[i]) o++;
    const t = w[i] ?? "";
    if (t === "," || t === ";" || t === "—" || t === "–") c++;
    if (sh[i] === "q") m++;
  }
  const cueSent = p.sentence[cs] ?? 0;
  // Distance from each token to the nearest token of another cue.
  const otherDist = new Int32Array(n).fill(1 << 20);
  for (let i = 0, last = -(1 << 20); i < n; i++) {
    if (otherCue[i]) last = i;
    otherDist[i] = i - last;
  }
  for (let i = n - 1, next = 1 << 21; i >= 0; i--) {
    if (otherCue[i]) next = i;
    otherDist[i] = Math.min(otherDist[i] ?? 0, next - i);
  }
  const perToken: number[][] = [];
  for (let i = 0; i < n; i++) {
    if (i >= cs && i < ce) {
      perToken.push([hashString("incue")]);
      continue;
    }
    const r = i < cs ? "B" : "A";
    const dist = i < cs ? cs - i : i - ce + 1;
    const d = bucket(dist);
    const sd = Math.max(-2, Math.min(2, (p.sentence[i] ?? 0) - cueSent));
    const qi = p.quoted[i] ? "q" : "-";
    const oc = Math.min(2, others[i] ?? 0);
    const cm = Math.min(3, commas[i] ?? 0);
    const mk = Math.min(3, marks[i] ?? 0);
    const nearer = (otherDist[i] ?? 0) < dist ? "other" : "mine";
    const rel = [
      `r=${r}`,
      `r=${r}|near=${nearer}|sd=${sd}`,
      `r=${r}|near=${nearer}|oc=${oc}|qi=${qi}`,
      `r=${r}|sd=${sd}|cm=${cm}|pos=${p.pos[i]}`,
      `r=${r}|d=${d}`,
      `r=${r}|sd=${sd}`,
      `r=${r}|sd=${sd}|qi=${qi}|qc=${qc}`,
      `r=${r}|oc=${oc}`,
      `r=${r}|oc=${oc}|sd=${sd}`,
      `r=${r}|cm=${cm}|sd=${sd}`,
      `r=${r}|mk=${mk}|qi=${qi}`,
      `r=${r}|cm=${cm}|mk=${mk}|oc=${oc}`,
      `r=${r}|d=${d}|cue=${cueStem}`,
      `r=${r}|sd=${sd}|cue=${cueStem}`,
      `r=${r}|qi=${qi}|cue=${cueStem}`,
      `r=${r}|cue=${cueWord}|cn1=${cn1}|qi=${qi}`,
      `r=${r}|cp1=${cp1}|qi=${qi}`,
      `r=${r}|cn1=${cn1}|cm=${cm}`,
      `r=${r}|d=${d}|w=${w[i]}`,
      `r=${r}|pos=${p.pos[i]}|sd=${sd}`,
      `r=${r}|pos=${p.pos[i]}|d=${d}`,
      `r=${r}|pos=${p.pos[i]}|cm=${cm}|qi=${qi}`,
      `r=${r}|pos=${p.pos[i]}|cpos=${cuePos}`,
      `r=${r}|pp=${at(p.pos, i - 1)}|pos=${p.pos[i]}|pn=${at(p.pos, i + 1)}`,
      `r=${r}|sd=${sd}|sh=${sh[i]}|cm=${cm}`,
      dist === 1 ? `adj=${r}|w=${w[i]}|cue=${cueStem}` : "adj=no",
      dist <= 3 ? `near=${r}|${dist}|w=${w[i]}` : "near=no",
    ].map(hashString);
    const rHash = hashString(`r=${r}|sd=${sd === 0 ? 0 : 1}`);
    const fs = rel;
    for (const h of stat[i] ?? []) fs.push(mix(rHash, h));
    perToken.push(fs);
  }
  return finish(perToken, bits);
}
