/**
 * Features for the two attribution taggers (see ./index.ts):
 * - the cue tagger labels every token of a paragraph O / B-CUE / I-CUE from the word, its lemma, stem and
 *   shape, its neighbours, its part of speech, whether it is inside quotation marks, whether it is a known
 *   speech or thought word, and what follows it (a quotation mark, "that", a colon, a comma), plus the
 *   WordNet classes of it and its neighbours (senses.ts: speech, thought, social act, person…), the kind of
 *   word before it that could be its speaker, and the word clusters of it and its neighbours (clusters.ts);
 * - the argument tagger labels, for one cue, the tokens around it (its sentence, one before, three after)
 *   O / B-S / I-S / B-C / I-C (source, content) from the first ARG_STATIC of those token features conjoined
 *   with where the token lies relative to the cue: side, distance, sentence, quotation marks, commas, verbs,
 *   "that" and other cues in between, and the cue word and its WordNet class.
 * A feature is a 32-bit hash built from numbers (the template's id and per-token word/tag hashes computed once
 * per text), never a string: the taggers run per token and per cue, and string keys made them slow. Features
 * are hashed into a fixed table (perceptron.ts); changing a template needs retraining.
 */
import { CUES } from "../lexicons/cues.js";
import { hashString, mix } from "./perceptron.js";
import { clusterOf, coarseCluster, fineCluster, middleCluster } from "./clusters.js";
import { hasVerbClass, nounClass, nounFlags, senseOf, VERB, verbClass } from "./senses.js";
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

/** Hash of a string, cached (words repeat across texts; the cache is dropped when it grows large). */
const ids = new Map<string, number>();
function id(s: string): number {
  let h = ids.get(s);
  if (h === undefined) {
    if (ids.size > 200_000) ids.clear();
    h = hashString(s);
    ids.set(s, h);
  }
  return h;
}

/** Template ids: one per feature template, from its name (stable across runs). */
let nextTemplate = 0;
const tpl = (): number => hashString(`t${nextTemplate++}`);

const H = (a: number, b: number): number => mix(a, b);
const H2 = (k: number, a: number, b: number): number => mix(mix(k, a), b);
const H3 = (k: number, a: number, b: number, c: number): number => mix(mix(mix(k, a), b), c);
const H4 = (k: number, a: number, b: number, c: number, d: number): number =>
  mix(mix(mix(mix(k, a), b), c), d);

const BOS = id("<s>");
const EOS = id("</s>");

function shape(t: string): number {
  if (/^\p{Lu}+$/u.test(t)) return t.length > 1 ? 1 : 2;
  if (/^\p{Lu}/u.test(t)) return 3;
  if (/^\p{Ll}/u.test(t)) return 4;
  if (/^\p{N}/u.test(t)) return 5;
  if (QUOTE_MARKS.has(t)) return 6;
  return id(t);
}

const QUOTE_MARKS = new Set(['"', "“", "”", "'", "‘", "’", "«", "»"]);
const BREAKS = new Set([",", ";", "—", "–"]);

/**
 * A coarse class of a token for boundary features: 0 none (paragraph edge), 1 sentence-final mark, 2 comma,
 * 3 semicolon or colon, 4 dash, 5 quotation mark, 6 bracket, 7 lower-case word, 8 capitalised word, 9 number,
 * 10 other.
 */
function tokenClass(t: string): number {
  if (t === "." || t === "?" || t === "!") return 1;
  if (t === ",") return 2;
  if (t === ";" || t === ":") return 3;
  if (t === "—" || t === "–" || t === "-") return 4;
  if (QUOTE_MARKS.has(t)) return 5;
  if (t === "(" || t === ")" || t === "[" || t === "]") return 6;
  if (/^\p{Ll}/u.test(t)) return 7;
  if (/^\p{Lu}/u.test(t)) return 8;
  if (/^\p{N}/u.test(t)) return 9;
  return 10;
}

interface WordInfo {
  w: number;
  st: number;
  s3: number;
  sh: number;
  cls: number;
  lex: number;
  /** Word clusters (clusters.ts): coarse, middle, fine; 0 unknown. */
  k1: number;
  k2: number;
  k3: number;
}

/** What depends on a token's text alone, cached by text (cleared when the cache grows large). */
const words = new Map<string, WordInfo>();
function wordInfo(text: string, lower: string): WordInfo {
  let r = words.get(text);
  if (r) return r;
  if (words.size > 200_000) words.clear();
  const w = /^\p{N}+$/u.test(text) ? "<num>" : lower;
  const s = stem(w);
  // Numbers are one word ("<num>"), which the cluster table does not know (its vectors have no numbers): 0.
  const k = clusterOf(w);
  r = {
    w: id(w),
    st: id(s),
    s3: id(`~${w.slice(-3)}`),
    sh: shape(text),
    cls: tokenClass(text),
    lex: CUE_STEMS.has(s) ? 1 : 0,
    k1: coarseCluster(k),
    k2: middleCluster(k),
    k3: fineCluster(k),
  };
  words.set(text, r);
  return r;
}

const posIds = new Map<string, number>();
function posId(pos: string): number {
  let h = posIds.get(pos);
  if (h === undefined) {
    h = hashString(`#${pos}`);
    posIds.set(pos, h);
  }
  return h;
}

/** Per-token numbers the taggers conjoin; computed once per paragraph. */
export interface TokenInfo {
  n: number;
  /** Hashes of the word (numbers as one word), stem, 3-letter suffix, lemma and POS tag. */
  w: Uint32Array;
  st: Uint32Array;
  s3: Uint32Array;
  lem: Uint32Array;
  pos: Uint32Array;
  /** Shape code (see shape()). */
  sh: Uint32Array;
  /** Token class (see tokenClass()). */
  cls: Uint8Array;
  /** 1 when the stem is in the cue lexicon. */
  lex: Uint8Array;
  /** 1 at the first token of a sentence; 1 at the last. */
  sentStart: Uint8Array;
  sentEnd: Uint8Array;
  /** 1 for a verb or auxiliary. */
  verb: Uint8Array;
  /** 1 for "that". */
  that: Uint8Array;
  /** 1 for a quotation mark; 1 for a comma, semicolon or dash. */
  mark: Uint8Array;
  brk: Uint8Array;
  /** 1 when the token's sentence holds a quotation mark. */
  sentQuote: Uint8Array;
  /** 1 for a token that can be part of a noun phrase (determiner, adjective, noun, name, number, pronoun). */
  nom: Uint8Array;
  /** Tokens after this one in its sentence. */
  toEnd: Int32Array;
  /**
   * WordNet classes (senses.ts): of a verb token, its first verb sense's class; of a noun, its first noun
   * sense's class plus 16; 0 otherwise. `vany`: bits for the verb classes of speech, thought, feeling,
   * perception and social acts that any sense of the lemma has. `nflag`: the noun-class bits. `bi`: the verb
   * class of the two-word verb this token starts ("count on"), 0 if none.
   */
  wn: Uint8Array;
  vany: Uint8Array;
  nflag: Uint8Array;
  bi: Uint8Array;
  /** Word clusters of the token (clusters.ts): coarse, middle and fine; and the fine cluster of its lemma. */
  k1: Uint16Array;
  k2: Uint16Array;
  k3: Uint16Array;
  kl: Uint16Array;
}

const NOMINAL = new Set(["DET", "ADJ", "NOUN", "PROPN", "NUM", "PRON"]);

export function tokenInfo(p: Paragraph): TokenInfo {
  const n = p.tokens.length;
  const info: TokenInfo = {
    n,
    w: new Uint32Array(n),
    st: new Uint32Array(n),
    s3: new Uint32Array(n),
    lem: new Uint32Array(n),
    pos: new Uint32Array(n),
    sh: new Uint32Array(n),
    cls: new Uint8Array(n),
    lex: new Uint8Array(n),
    sentStart: new Uint8Array(n),
    sentEnd: new Uint8Array(n),
    verb: new Uint8Array(n),
    that: new Uint8Array(n),
    mark: new Uint8Array(n),
    brk: new Uint8Array(n),
    sentQuote: new Uint8Array(n),
    nom: new Uint8Array(n),
    toEnd: new Int32Array(n),
    wn: new Uint8Array(n),
    vany: new Uint8Array(n),
    nflag: new Uint8Array(n),
    bi: new Uint8Array(n),
    k1: new Uint16Array(n),
    k2: new Uint16Array(n),
    k3: new Uint16Array(n),
    kl: new Uint16Array(n),
  };
  for (let i = 0; i < n; i++) {
    const t = p.tokens[i];
    if (!t) continue;
    const word = wordInfo(t.text, t.lower);
    info.w[i] = word.w;
    info.st[i] = word.st;
    info.s3[i] = word.s3;
    info.lem[i] = p.lemma[i] === t.lower ? word.w : id(p.lemma[i] ?? t.lower);
    const pos = p.pos[i] ?? "X";
    info.pos[i] = posId(pos);
    info.sh[i] = word.sh;
    info.cls[i] = word.cls;
    info.lex[i] = word.lex;
    info.k1[i] = word.k1;
    info.k2[i] = word.k2;
    info.k3[i] = word.k3;
    info.kl[i] = p.lemma[i] === t.lower ? word.k3 : fineCluster(clusterOf(p.lemma[i] ?? t.lower));
    info.sentStart[i] = i === 0 || p.sentence[i] !== p.sentence[i - 1] ? 1 : 0;
    info.sentEnd[i] = i === n - 1 || p.sentence[i] !== p.sentence[i + 1] ? 1 : 0;
    info.verb[i] = pos === "VERB" || pos === "AUX" ? 1 : 0;
    info.nom[i] = NOMINAL.has(pos) || t.lower === "s" ? 1 : 0;
    info.that[i] = t.lower === "that" ? 1 : 0;
    info.mark[i] = info.sh[i] === 6 ? 1 : 0;
    info.brk[i] = BREAKS.has(t.text) ? 1 : 0;
    const lemma = p.lemma[i] ?? t.lower;
    if (pos === "VERB" || pos === "NOUN" || pos === "AUX" || pos === "ADJ") {
      const v = senseOf(lemma);
      info.wn[i] = pos === "NOUN" ? (nounClass(v) ? 16 + nounClass(v) : 0) : verbClass(v);
      info.vany[i] =
        hasVerbClass(v, VERB.communication) |
        (hasVerbClass(v, VERB.cognition) << 1) |
        (hasVerbClass(v, VERB.emotion) << 2) |
        (hasVerbClass(v, VERB.perception) << 3) |
        (hasVerbClass(v, VERB.social) << 4);
      info.nflag[i] = nounFlags(v);
      const next = p.tokens[i + 1];
      if (pos === "VERB" && next && /^\p{Ll}+$/u.test(next.text))
        info.bi[i] = verbClass(senseOf(`${lemma} ${next.lower}`));
    }
  }
  for (let i = 0; i < n; ) {
    let j = i;
    let q = 0;
    while (j < n && (j === i || !info.sentStart[j])) q |= info.mark[j++] ?? 0;
    for (let k = i; k < j; k++) {
      info.sentQuote[k] = q;
      info.toEnd[k] = j - 1 - k;
    }
    i = j;
  }
  return info;
}

const get = (a: Uint32Array, i: number): number => (i < 0 ? BOS : i >= a.length ? EOS : (a[i] ?? 0));
const cl = (a: Uint8Array, i: number): number => (i < 0 || i >= a.length ? 0 : (a[i] ?? 0));
const cl16 = (a: Uint16Array, i: number): number => (i < 0 ? 4096 : i >= a.length ? 4097 : (a[i] ?? 0));

// Cue tagger (static) templates.
const S_T = Array.from({ length: 63 }, tpl);
/** Word-cluster templates of the cue tagger, named apart so that the templates after them keep their ids. */
const K_T = Array.from({ length: 14 }, (_, k) => hashString(`cluster${k}`));
/** Number of static features per token. */
export const STATIC = S_T.length + K_T.length;
/**
 * How many of them (the first) the argument tagger conjoins with a token's context: the word-class features
 * after them help find cues, and leaving them out of the argument tagger keeps its cost per token.
 */
export const ARG_STATIC = 48;

/** Whether any of tokens (i, i+k] (k > 0) or [i+k, i) (k < 0) has flag a set. */
function within(a: Uint8Array, i: number, k: number): number {
  if (k > 0) {
    for (let j = i + 1; j <= i + k && j < a.length; j++) if (a[j]) return 1;
  } else {
    for (let j = i - 1; j >= i + k && j >= 0; j--) if (a[j]) return 1;
  }
  return 0;
}

/** Static per-token feature hashes shared by both taggers: STATIC per token, token i at [i*STATIC, …). */
export function staticHashes(p: Paragraph, info: TokenInfo): Uint32Array {
  const { n, w, st, s3, lem, pos, sh, cls, lex, sentStart, sentEnd, sentQuote, wn, vany, nflag, bi } = info;
  const { k1: k1a, k2: k2a, kl: kla, k3: k3a } = info;
  const out = new Uint32Array(n * STATIC);
  const T = S_T as number[];
  for (let i = 0; i < n; i++) {
    const q = p.quoted[i] ?? 0;
    const wi = w[i] ?? 0;
    const li = lem[i] ?? 0;
    const pi = pos[i] ?? 0;
    const p1 = get(w, i - 1);
    const n1 = get(w, i + 1);
    const pp1 = get(pos, i - 1);
    const pn1 = get(pos, i + 1);
    const ss = sentStart[i] ?? 0;
    const quoteNext = within(info.mark, i, 3);
    const quotePrev = within(info.mark, i, -3);
    const thatNext = within(info.that, i, 3);
    const nc1 = cl(cls, i + 1);
    const pc1 = cl(cls, i - 1);
    let o = i * STATIC;
    out[o++] = T[0] as number;
    out[o++] = H(T[1] ?? 0, wi);
    out[o++] = H(T[2] ?? 0, st[i] ?? 0);
    out[o++] = H(T[3] ?? 0, sh[i] ?? 0);
    out[o++] = H(T[4] ?? 0, s3[i] ?? 0);
    out[o++] = H(T[5] ?? 0, p1);
    out[o++] = H(T[6] ?? 0, n1);
    out[o++] = H(T[7] ?? 0, get(w, i - 2));
    out[o++] = H(T[8] ?? 0, get(w, i + 2));
    out[o++] = H2(T[9] ?? 0, p1, wi);
    out[o++] = H2(T[10] ?? 0, wi, n1);
    out[o++] = H2(T[11] ?? 0, get(w, i - 2), p1);
    out[o++] = H2(T[12] ?? 0, n1, get(w, i + 2));
    out[o++] = H3(T[13] ?? 0, get(sh, i - 1), sh[i] ?? 0, get(sh, i + 1));
    out[o++] = H(T[14] ?? 0, q);
    out[o++] = H2(T[15] ?? 0, q, st[i] ?? 0);
    out[o++] = H2(T[16] ?? 0, lex[i] ?? 0, q);
    out[o++] = H(T[17] ?? 0, cl(lex, i - 1));
    out[o++] = H(T[18] ?? 0, cl(lex, i + 1));
    out[o++] = H2(T[19] ?? 0, ss, sh[i] ?? 0);
    out[o++] = H(T[20] ?? 0, pi);
    out[o++] = H(T[21] ?? 0, li);
    out[o++] = H2(T[22] ?? 0, li, pi);
    out[o++] = H2(T[23] ?? 0, pp1, pi);
    out[o++] = H2(T[24] ?? 0, pi, pn1);
    out[o++] = H3(T[25] ?? 0, pp1, pi, pn1);
    out[o++] = H2(T[26] ?? 0, pn1, get(pos, i + 2));
    out[o++] = H2(T[27] ?? 0, get(pos, i - 2), pp1);
    out[o++] = H2(T[28] ?? 0, li, pn1);
    out[o++] = H3(T[29] ?? 0, pi, q, ss);
    out[o++] = H4(T[30] ?? 0, get(pos, i - 3), get(pos, i - 2), pp1, pi);
    out[o++] = H4(T[31] ?? 0, pi, pn1, get(pos, i + 2), get(pos, i + 3));
    out[o++] = H3(
      T[32] ?? 0,
      cl(info.mark, i - 1) | cl(info.mark, i - 2),
      cl(info.mark, i + 1) | cl(info.mark, i + 2),
      pi,
    );
    // What follows and precedes a cue word: "said that", "said:", "…,” said", "according to".
    out[o++] = H2(T[33] ?? 0, li, n1);
    out[o++] = H2(T[34] ?? 0, li, get(w, i + 2));
    out[o++] = H2(T[35] ?? 0, p1, li);
    out[o++] = H3(T[36] ?? 0, li, quoteNext, quotePrev);
    out[o++] = H2(T[37] ?? 0, li, sentQuote[i] ?? 0);
    out[o++] = H2(T[38] ?? 0, li, thatNext);
    out[o++] = H3(T[39] ?? 0, li, nc1, pc1);
    out[o++] = H2(T[40] ?? 0, get(lem, i - 1), li);
    out[o++] = H3(T[41] ?? 0, li, pp1, q);
    out[o++] = H4(T[42] ?? 0, pi, nc1, pc1, q);
    out[o++] = H3(T[43] ?? 0, pi, quoteNext, quotePrev);
    out[o++] = H3(T[44] ?? 0, pi, thatNext, sentQuote[i] ?? 0);
    out[o++] = H3(T[45] ?? 0, lex[i] ?? 0, nc1, pc1);
    out[o++] = H3(T[46] ?? 0, pi, ss, sentEnd[i] ?? 0);
    out[o++] = H3(T[47] ?? 0, s3[i] ?? 0, pi, pn1);
    // WordNet classes (senses.ts): a verb of speech or thought the training data never showed still looks
    // like one it did; and what the words around it take.
    const c = wn[i] ?? 0;
    const ct = complementType(p, info, i + 1, 1);
    const pt = complementType(p, info, i - 1, -1);
    out[o++] = H2(T[48] ?? 0, c, pi);
    out[o++] = H3(T[49] ?? 0, vany[i] ?? 0, pi, q);
    out[o++] = H3(T[50] ?? 0, c, quoteNext, quotePrev);
    out[o++] = H3(T[51] ?? 0, c, thatNext, sentQuote[i] ?? 0);
    out[o++] = H3(T[52] ?? 0, c, nc1, pc1);
    out[o++] = H2(T[53] ?? 0, cl(wn, i - 1), c);
    out[o++] = H3(T[54] ?? 0, cl(wn, i + 1), c, pn1);
    out[o++] = H2(T[55] ?? 0, bi[i] ?? 0, cl(bi, i - 1));
    out[o++] = H3(T[56] ?? 0, nflag[i] ?? 0, pi, q);
    out[o++] = H3(T[57] ?? 0, pi, ct, pt);
    out[o++] = H3(T[58] ?? 0, c, ct, pt);
    out[o++] = H2(T[59] ?? 0, li, ct);
    out[o++] = H3(T[60] ?? 0, vany[i] ?? 0, ct, quoteNext);
    // Who could be saying it: the kind of word just before (a name, a pronoun, a person or group noun).
    const sk = subjectKind(p, info, i);
    out[o++] = H3(T[61] ?? 0, sk, c, pi);
    out[o++] = H3(T[62] ?? 0, sk, li, ct);
    // Word clusters (clusters.ts): the same questions asked of words used alike.
    const K = K_T as number[];
    const k2 = k2a[i] ?? 0;
    const k3 = k3a[i] ?? 0;
    const kl = kla[i] ?? 0;
    out[o++] = H(K[0] ?? 0, k3);
    out[o++] = H2(K[1] ?? 0, k2, pi);
    out[o++] = H2(K[2] ?? 0, kl, pi);
    out[o++] = H3(K[3] ?? 0, k2, quoteNext, quotePrev);
    out[o++] = H3(K[4] ?? 0, kl, thatNext, sentQuote[i] ?? 0);
    out[o++] = H3(K[5] ?? 0, k2, nc1, pc1);
    out[o++] = H2(K[6] ?? 0, cl16(k2a, i - 1), k2);
    out[o++] = H2(K[7] ?? 0, k2, cl16(k2a, i + 1));
    out[o++] = H3(K[8] ?? 0, kl, ct, pt);
    out[o++] = H3(K[9] ?? 0, sk, k2, pi);
    out[o++] = H2(K[10] ?? 0, cl16(k1a, i - 1), k3);
    out[o++] = H2(K[11] ?? 0, k3, cl16(k1a, i + 1));
    out[o++] = H2(K[12] ?? 0, kl, n1);
    out[o++] = H3(K[13] ?? 0, k1a[i] ?? 0, pi, q);
  }
  return out;
}

/**
 * The kind of the nominal word before token i in its sentence, adverbs and auxiliaries skipped, at most four
 * tokens back: 1 a pronoun, 2 a name, 3 a noun of a person or group, 4 another noun, 0 none.
 */
function subjectKind(p: Paragraph, info: TokenInfo, i: number): number {
  for (let j = i - 1; j >= 0 && j >= i - 4 && !info.sentEnd[j]; j--) {
    const pos = p.pos[j];
    if (pos === "ADV" || pos === "AUX" || pos === "PART") continue;
    if (pos === "PRON") return 1;
    if (pos === "PROPN") return 2;
    if (pos === "NOUN") return (info.nflag[j] ?? 0) & 3 ? 3 : 4;
    return 0;
  }
  return 0;
}

/** The cue tagger's sequence: the static features alone. */
export function cueSequence(stat: Uint32Array, bits: number): Sequence {
  const mask = (1 << bits) - 1;
  const n = stat.length / STATIC;
  const feats = new Int32Array(stat.length);
  for (let k = 0; k < stat.length; k++) feats[k] = (stat[k] ?? 0) & mask;
  const offs = new Int32Array(n + 1);
  for (let t = 0; t <= n; t++) offs[t] = t * STATIC;
  return { feats, offs };
}

function bucket(d: number): number {
  if (d <= 3) return d;
  if (d <= 5) return 4;
  if (d <= 10) return 5;
  if (d <= 20) return 6;
  if (d <= 40) return 7;
  return 8;
}

/**
 * The kind of token a cue takes next to it, looking from token i in direction dir (1: after the cue, skipping
 * adverbs; -1: before it): 1 "that", 2 a quotation mark, 3 a colon, 4 a comma, 5 "to" + verb, 6 a noun phrase,
 * 7 a preposition, 8 a verb, 9 anything else, 0 the paragraph's edge.
 */
function complementType(p: Paragraph, info: TokenInfo, i: number, dir: number): number {
  const n = p.tokens.length;
  while (dir > 0 && i < n && p.pos[i] === "ADV") i++;
  if (i < 0 || i >= n) return 0;
  const t = p.tokens[i]?.lower ?? "";
  const pos = p.pos[i] ?? "X";
  if (t === "that") return 1;
  if (info.mark[i]) return 2;
  if (t === ":") return 3;
  if (t === ",") return 4;
  if (t === "to" && (p.pos[i + 1] === "VERB" || p.pos[i + 1] === "AUX")) return 5;
  if (info.nom[i]) return 6;
  if (pos === "ADP") return 7;
  if (pos === "VERB" || pos === "AUX") return 8;
  return 9;
}

/** The tokens [from, to) of a paragraph the argument tagger looks at for the cue [cs, ce). */
export function argWindow(p: Paragraph, cs: number, ce: number): [number, number] {
  const n = p.tokens.length;
  const sent = p.sentence[cs] ?? 0;
  let from = cs;
  // The sentence before and three after, and on to the end of a quotation the window's edge falls into.
  while (
    from > 0 &&
    cs - from < MAX_REACH &&
    ((p.sentence[from - 1] ?? 0) >= sent - 1 || (p.quoted[from - 1] && p.quoted[from]))
  )
    from--;
  let to = ce;
  while (
    to < n &&
    to - ce < MAX_REACH &&
    ((p.sentence[to] ?? 0) <= sent + 3 || (p.quoted[to] && p.quoted[to - 1]))
  )
    to++;
  return [from, to];
}

/** At most this many tokens on either side of a cue are looked at (sources and contents lie much closer). */
const MAX_REACH = 160;

// Argument tagger templates: relative features, and the context the static features are conjoined with.
const R_T = Array.from({ length: 61 }, tpl);
const CTX_T = tpl();
const IN_CUE = tpl();

/**
 * The contexts static features are conjoined with in the argument tagger, by index 1..4: before the cue in
 * its sentence, before it in another sentence, after it in its sentence, after it in another (0: a cue token).
 */
export const CONTEXTS = [0, H2(CTX_T, 1, 1), H2(CTX_T, 1, 2), H2(CTX_T, 2, 1), H2(CTX_T, 2, 2)];

export interface ArgFeatures {
  /** Relative features of each window token, flattened; token t at [offs[t], offs[t+1]). */
  seq: Sequence;
  /** The static-feature context of each window token (an index into CONTEXTS), 0 for cue tokens. */
  ctx: Uint8Array;
}

/**
 * The argument tagger's features for the cue tokens [cs, ce) over the window [from, to) of the paragraph;
 * `otherCue` marks tokens of the paragraph's other cues. The relative features come in `seq`; the static
 * features of token i conjoined with ctx[i] complete them (see withStatic()).
 */
export function argFeatures(
  p: Paragraph,
  info: TokenInfo,
  cs: number,
  ce: number,
  from: number,
  to: number,
  otherCue: Uint8Array,
  bits: number,
): ArgFeatures {
  const m = to - from;
  const mask = (1 << bits) - 1;
  const { w, lem, pos, sh, cls, verb, that, mark, brk, sentEnd } = info;
  const T = R_T as number[];
  let cueWord = 0x1234;
  let cueStem = 0x4321;
  let cuePos = 0x2468;
  // The cue's WordNet class: of its first verb, else of its first noun.
  let cueSense = 0;
  for (let i = cs; i < ce && cueSense < 16; i++) {
    const c = info.wn[i] ?? 0;
    if (c && (cueSense === 0 || c < 16)) cueSense = c;
  }
  for (let i = cs; i < ce; i++) {
    cueWord = mix(cueWord, w[i] ?? 0);
    cueStem = mix(cueStem, lem[i] ?? 0);
    cuePos = mix(cuePos, pos[i] ?? 0);
  }
  const cn1 = get(w, ce);
  const cp1 = get(w, cs - 1);
  const qc = p.quoted[cs] ?? 0;
  // What the cue takes: the kind of token right after it (adverbs skipped) and right before it.
  const ct = complementType(p, info, ce, 1);
  const pt = complementType(p, info, cs - 1, -1);
  const semis = new Int32Array(m);
  for (let i = cs - 1, c = 0; i >= from; i--) {
    semis[i - from] = c;
    const t = p.tokens[i]?.text;
    if (t === ";" || t === ":") c++;
  }
  for (let i = ce, c = 0; i < to; i++) {
    semis[i - from] = c;
    const t = p.tokens[i]?.text;
    if (t === ";" || t === ":") c++;
  }
  // Running counts from the cue outwards: other cue tokens, commas, quote marks, verbs, "that".
  const others = new Int32Array(m);
  const commas = new Int32Array(m);
  const marks = new Int32Array(m);
  const verbs = new Int32Array(m);
  const thats = new Int32Array(m);
  // Outwards from the cue: leftwards from the token before it down to `from`, rightwards from `ce` to `to`.
  const count = (start: number, stop: number, step: 1 | -1) => {
    for (let i = start, o = 0, c = 0, k = 0, v = 0, th = 0; step < 0 ? i >= stop : i < stop; i += step) {
      const j = i - from;
      others[j] = o;
      commas[j] = c;
      marks[j] = k;
      verbs[j] = v;
      thats[j] = th;
      o += otherCue[i] ?? 0;
      c += brk[i] ?? 0;
      k += mark[i] ?? 0;
      v += verb[i] ?? 0;
      th += that[i] ?? 0;
    }
  };
  count(cs - 1, from, -1);
  count(ce, to, 1);
  // Noun-phrase-like runs wholly between the cue and each token; whether "that" comes within 6 tokens.
  const { nom, toEnd } = info;
  const runs = new Int32Array(m);
  for (let i = ce, c = 0; i < to; i++) {
    if (i > ce && nom[i - 1] && !nom[i]) c++;
    runs[i - from] = c;
  }
  for (let i = cs - 1, c = 0; i >= from; i--) {
    if (i < cs - 1 && nom[i + 1] && !nom[i]) c++;
    runs[i - from] = c;
  }
  const thatAhead = new Uint8Array(m);
  for (let i = to - 1, next = 1 << 20; i >= from; i--) {
    thatAhead[i - from] = next - i <= 6 && p.sentence[next] === p.sentence[i] ? 1 : 0;
    if (that[i]) next = i;
  }
  const cueSent = p.sentence[cs] ?? 0;
  // Distance from each token to the nearest token of another cue.
  const otherDist = new Int32Array(m).fill(1 << 20);
  for (let i = from, last = -(1 << 20); i < to; i++) {
    if (otherCue[i]) last = i;
    otherDist[i - from] = i - last;
  }
  for (let i = to - 1, next = 1 << 21; i >= from; i--) {
    if (otherCue[i]) next = i;
    otherDist[i - from] = Math.min(otherDist[i - from] ?? 0, next - i);
  }
  const per = R_T.length;
  const feats = new Int32Array(m * per);
  const offs = new Int32Array(m + 1);
  const ctx = new Uint8Array(m);
  let k = 0;
  for (let i = from; i < to; i++) {
    const j = i - from;
    offs[j] = k;
    if (i >= cs && i < ce) {
      feats[k++] = IN_CUE & mask;
      continue;
    }
    const r = i < cs ? 1 : 2;
    const dist = i < cs ? cs - i : i - ce + 1;
    const d = bucket(dist);
    const sdRaw = (p.sentence[i] ?? 0) - cueSent;
    const sd = 3 + Math.max(-2, Math.min(2, sdRaw));
    const qi = p.quoted[i] ?? 0;
    const oc = Math.min(2, others[j] ?? 0);
    const cm = Math.min(3, commas[j] ?? 0);
    const mk = Math.min(3, marks[j] ?? 0);
    const vb = Math.min(2, verbs[j] ?? 0);
    const th = Math.min(1, thats[j] ?? 0);
    const nearer = (otherDist[j] ?? 0) < dist ? 1 : 2;
    const pi = pos[i] ?? 0;
    const wi = w[i] ?? 0;
    const rs = r * 8 + sd;
    const nc = cl(cls, i + 1);
    const pc = cl(cls, i - 1);
    const dc = dist <= 3 ? 1 : dist <= 10 ? 2 : 3;
    feats[k++] = H(T[0] ?? 0, r) & mask;
    feats[k++] = H3(T[1] ?? 0, r, nearer, sd) & mask;
    feats[k++] = H4(T[2] ?? 0, r, nearer, oc, qi) & mask;
    feats[k++] = H4(T[3] ?? 0, rs, cm, pi, 0) & mask;
    feats[k++] = H2(T[4] ?? 0, r, d) & mask;
    feats[k++] = H(T[5] ?? 0, rs) & mask;
    feats[k++] = H3(T[6] ?? 0, rs, qi, qc) & mask;
    feats[k++] = H2(T[7] ?? 0, r, oc) & mask;
    feats[k++] = H2(T[8] ?? 0, rs, oc) & mask;
    feats[k++] = H2(T[9] ?? 0, rs, cm) & mask;
    feats[k++] = H3(T[10] ?? 0, r, mk, qi) & mask;
    feats[k++] = H4(T[11] ?? 0, r, cm, mk, oc) & mask;
    feats[k++] = H3(T[12] ?? 0, r, d, cueStem) & mask;
    feats[k++] = H2(T[13] ?? 0, rs, cueStem) & mask;
    feats[k++] = H3(T[14] ?? 0, r, qi, cueStem) & mask;
    feats[k++] = H4(T[15] ?? 0, r, cueWord, cn1, qi) & mask;
    feats[k++] = H3(T[16] ?? 0, r, cp1, qi) & mask;
    feats[k++] = H3(T[17] ?? 0, r, cn1, cm) & mask;
    feats[k++] = H3(T[18] ?? 0, r, d, wi) & mask;
    feats[k++] = H2(T[19] ?? 0, rs, pi) & mask;
    feats[k++] = H3(T[20] ?? 0, r, pi, d) & mask;
    feats[k++] = H4(T[21] ?? 0, r, pi, cm, qi) & mask;
    feats[k++] = H3(T[22] ?? 0, r, pi, cuePos) & mask;
    feats[k++] = H4(T[23] ?? 0, r, get(pos, i - 1), pi, get(pos, i + 1)) & mask;
    feats[k++] = H3(T[24] ?? 0, rs, sh[i] ?? 0, cm) & mask;
    feats[k++] = (dist === 1 ? H3(T[25] ?? 0, r, wi, cueStem) : (T[25] ?? 0)) & mask;
    feats[k++] = (dist <= 3 ? H3(T[26] ?? 0, r, dist, wi) : (T[26] ?? 0)) & mask;
    // Clause structure between the token and the cue: verbs, "that", sentence ends, what borders it.
    feats[k++] = H4(T[27] ?? 0, rs, vb, pi, 0) & mask;
    feats[k++] = H4(T[28] ?? 0, r, vb, cm, qi) & mask;
    feats[k++] = H3(T[29] ?? 0, rs, th, pi) & mask;
    feats[k++] = H3(T[30] ?? 0, r, cueStem, vb) & mask;
    feats[k++] = H4(T[31] ?? 0, rs, sentEnd[i] ?? 0, qi, cls[i] ?? 0) & mask;
    feats[k++] = H4(T[32] ?? 0, rs, nc, pi, qi) & mask;
    feats[k++] = H4(T[33] ?? 0, r, cueStem, cn1, dc) & mask;
    feats[k++] = H4(T[34] ?? 0, rs, mk, qi, qc) & mask;
    feats[k++] = H3(T[35] ?? 0, r, lem[i] ?? 0, dc) & mask;
    feats[k++] = H4(T[36] ?? 0, r, cm, vb, d) & mask;
    feats[k++] = H4(T[37] ?? 0, rs, pc, pi, qi) & mask;
    feats[k++] = H4(T[38] ?? 0, rs, cueStem, pi, 0) & mask;
    feats[k++] = H4(T[39] ?? 0, r, th, vb, cueStem) & mask;
    // Where a content ends: the noun phrases passed, "that" or a quotation ahead, the sentence's end.
    const np = Math.min(2, runs[j] ?? 0);
    const te = toEnd[i] ?? 0;
    const teb = te === 0 ? 0 : te === 1 ? 1 : te <= 3 ? 2 : te <= 7 ? 3 : 4;
    feats[k++] = H4(T[40] ?? 0, rs, thatAhead[j] ?? 0, th, pi) & mask;
    feats[k++] = H4(T[41] ?? 0, rs, within(mark, i, 3), qi, pi) & mask;
    feats[k++] = H4(T[42] ?? 0, r, np, nom[i] ?? 0, cueStem) & mask;
    feats[k++] = H4(T[43] ?? 0, r, np, vb, pi) & mask;
    feats[k++] = H4(T[44] ?? 0, rs, teb, cls[i] ?? 0, qi) & mask;
    feats[k++] = H4(T[45] ?? 0, r, cueStem, nc, pi) & mask;
    feats[k++] = H4(T[46] ?? 0, rs, teb, pi, vb) & mask;
    feats[k++] = H4(T[47] ?? 0, r, np, th, wi) & mask;
    // The cue's complement type conjoined with the clause structure up to the token.
    const side = r === 1 ? pt : ct;
    const sc = Math.min(2, semis[j] ?? 0);
    const lower = p.tokens[i]?.lower ?? "";
    const coord =
      (lower === "and" || lower === "but" || lower === "or") &&
      (p.pos[i + 1] === "VERB" || p.pos[i + 1] === "AUX")
        ? 1
        : 0;
    feats[k++] = H4(T[48] ?? 0, rs, side, np, vb) & mask;
    feats[k++] = H4(T[49] ?? 0, r, side, pi, cm) & mask;
    feats[k++] = H4(T[50] ?? 0, rs, side, cls[i] ?? 0, teb) & mask;
    feats[k++] = H4(T[51] ?? 0, r, side, th, qi) & mask;
    feats[k++] = H4(T[52] ?? 0, r, side, mk, qc) & mask;
    feats[k++] = H4(T[53] ?? 0, rs, sc, pi, side) & mask;
    feats[k++] = H4(T[54] ?? 0, r, coord, np, vb) & mask;
    // The cue's WordNet class in place of the cue word: what a rare cue takes, learnt from common ones.
    feats[k++] = H3(T[55] ?? 0, r, d, cueSense) & mask;
    feats[k++] = H2(T[56] ?? 0, rs, cueSense) & mask;
    feats[k++] = H3(T[57] ?? 0, r, qi, cueSense) & mask;
    feats[k++] = H4(T[58] ?? 0, r, side, cueSense, np) & mask;
    feats[k++] = H4(T[59] ?? 0, rs, info.nflag[i] ?? 0, pi, cm) & mask;
    feats[k++] = H4(T[60] ?? 0, r, cueSense, vb, th) & mask;

    ctx[j] = 1 + (r === 1 ? 0 : 2) + (sdRaw === 0 ? 0 : 1);
  }
  offs[m] = k;
  return { seq: { feats: feats.subarray(0, k), offs }, ctx };
}

/**
 * The full feature sequence of an argument instance (training): each window token's relative features plus
 * its static features conjoined with its context.
 */
export function withStatic(a: ArgFeatures, stat: Uint32Array, from: number, bits: number): Sequence {
  const mask = (1 << bits) - 1;
  const m = a.seq.offs.length - 1;
  let total = 0;
  for (let j = 0; j < m; j++)
    total += (a.seq.offs[j + 1] ?? 0) - (a.seq.offs[j] ?? 0) + (a.ctx[j] ? ARG_STATIC : 0);
  const feats = new Int32Array(total);
  const offs = new Int32Array(m + 1);
  let k = 0;
  for (let j = 0; j < m; j++) {
    offs[j] = k;
    for (let x = a.seq.offs[j] ?? 0; x < (a.seq.offs[j + 1] ?? 0); x++) feats[k++] = a.seq.feats[x] ?? 0;
    const c = CONTEXTS[a.ctx[j] ?? 0] ?? 0;
    if (!c) continue;
    const base = (from + j) * STATIC;
    for (let s = 0; s < ARG_STATIC; s++) feats[k++] = mix(c, stat[base + s] ?? 0) & mask;
  }
  offs[m] = k;
  return { feats, offs };
}
