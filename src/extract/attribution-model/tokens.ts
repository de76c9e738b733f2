/**
 * Tokens and paragraphs with offsets for the attribution tagger. A token is a run of letters, digits and
 * combining marks, or any other single non-space character (the token unit of the PolNeAR metric, so that
 * predicted span edges fall where gold edges can). Paragraphs are blank-line (or, in one-paragraph-a-line
 * text, line) separated stretches; an attribution is looked for within one paragraph. Part-of-speech tags
 * and lemmas come from wink-nlp's small English model (an npm package, no download at run time), aligned to
 * these tokens by offset; the whole text is read by wink once, not paragraph by paragraph.
 */
import winkNLP from "wink-nlp";
import winkModel from "wink-eng-lite-web-model";
import { splitSentences } from "../sentences.js";

let nlp: ReturnType<typeof winkNLP> | null = null;

/**
 * Universal POS tag and lemma of each token of the whole text (the wink token that holds the token's first
 * character gives the lemma; every token it covers gets its tag).
 */
function tagTokens(text: string, tokens: Token[]): { pos: string[]; lemma: string[] } {
  nlp ??= winkNLP(winkModel);
  const its = nlp.its;
  const doc = nlp.readDoc(text);
  const values = doc.tokens().out(its.value) as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  // The lemma accessor's type asks for model add-ons the out() signature does not pass; it works as is.
  const lemmas = doc.tokens().out(its.lemma as unknown as typeof its.value) as string[];
  const pos = new Array<string>(tokens.length).fill("X");
  const lemma = tokens.map((t) => t.lower);
  let at = 0;
  let k = 0;
  for (let w = 0; w < values.length; w++) {
    const v = values[w] ?? "";
    if (v.length === 0) continue;
    const found = text.indexOf(v, at);
    // A token wink changed (it may normalise some characters) is skipped; a far-off match would misalign.
    if (found < 0 || (found - at > 64 && text.slice(at, found).trim() !== "")) continue;
    const e = found + v.length;
    at = e;
    while (k < tokens.length && (tokens[k]?.start ?? 0) < found) k++;
    // wink keeps a possessive whole ("Trump's") once its lexicon has met the word that way (after "like
    // Trump's." it has), and splits it before: which one depends on what the process read earlier. Always
    // read it split, so the same text gets the same tags whatever came before it.
    const clitic = CLITIC.exec(v);
    const cut = clitic?.[1] ? found + clitic[1].length : e;
    for (let j = k; j < tokens.length && (tokens[j]?.start ?? 0) < e; j++) {
      const inClitic = (tokens[j]?.start ?? 0) >= cut;
      pos[j] = inClitic ? "PART" : (tags[w] ?? "X");
      if (j === k) {
        const l = (lemmas[w] ?? "").toLowerCase();
        lemma[j] = (clitic ? l.replace(CLITIC_END, "") : l) || lemma[j] || "";
      } else if (inClitic && (tokens[j]?.start ?? 0) === cut) lemma[j] = (clitic?.[2] ?? "").toLowerCase();
    }
  }
  return { pos, lemma };
}

/** A word with a possessive clitic, as one wink token: the word and the clitic. */
const CLITIC = /^(\p{L}[\p{L}\p{M}.-]*)(['’][sS])$/u;
const CLITIC_END = /['’]s$/;

export interface Token {
  start: number;
  end: number;
  text: string;
  /** Lower-cased text. */
  lower: string;
}

export interface Paragraph {
  start: number;
  end: number;
  tokens: Token[];
  /** Sentence index (within the paragraph) of each token. */
  sentence: Int32Array;
  /** 1 when the token is inside a pair of quotation marks (the marks themselves count as inside). */
  quoted: Uint8Array;
  /** Universal POS tag of each token. */
  pos: string[];
  lemma: string[];
}

const TOKEN_RE = /[\p{L}\p{N}\p{M}]+|[^\s\p{L}\p{N}\p{M}]/gu;

export function tokenize(text: string, offset = 0): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const start = offset + m.index;
    out.push({ start, end: start + m[0].length, text: m[0], lower: m[0].toLowerCase() });
  }
  return out;
}

const OPEN = new Set(["“", "«"]);
const CLOSE = new Set(["”", "»"]);

/** Whether token i and the next are two apostrophes written together ('' — a double quotation mark). */
export function apostrophePair(tokens: readonly Token[], i: number): boolean {
  const tok = tokens[i];
  const next = tokens[i + 1];
  return tok?.text === "'" && next?.text === "'" && next.start === tok.end;
}

/**
 * Which tokens sit inside quotation marks: curly marks pair up, straight double quotes alternate, and so do two
 * apostrophes written together ('' — the newspaper style of some wires and archives).
 */
function quoteMask(tokens: Token[]): Uint8Array {
  const mask = new Uint8Array(tokens.length);
  let open = -1;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    const t = tok?.text ?? "";
    const pair = apostrophePair(tokens, i);
    const straight = t === '"' || pair;
    const last = pair ? i + 1 : i;
    if (OPEN.has(t) || (straight && open < 0)) {
      open = i;
    } else if ((CLOSE.has(t) || straight) && open >= 0) {
      for (let k = open; k <= last; k++) mask[k] = 1;
      open = -1;
    }
    if (pair) i++;
  }
  // An unclosed quote at the paragraph's start runs to its end (multi-paragraph quotes).
  if (open === 0) for (let k = 0; k < tokens.length; k++) mask[k] = 1;
  return mask;
}

/** Paragraphs of `text` with their tokens, sentence indices, quote mask, tags and lemmas. */
export function paragraphsOf(text: string): Paragraph[] {
  const all = tokenize(text);
  if (all.length === 0) return [];
  const tagged = tagTokens(text, all);
  const out: Paragraph[] = [];
  let k = 0;
  for (const m of text.matchAll(/[^\n]+/g)) {
    const start = m.index;
    const end = start + m[0].length;
    while (k < all.length && (all[k]?.start ?? 0) < start) k++;
    const first = k;
    while (k < all.length && (all[k]?.start ?? 0) < end) k++;
    if (k === first) continue;
    const tokens = all.slice(first, k);
    const sentence = new Int32Array(tokens.length);
    const sents = splitSentences(m[0]);
    let si = 0;
    for (let i = 0; i < tokens.length; i++) {
      const rel = (tokens[i]?.start ?? 0) - start;
      while (si < sents.length - 1 && rel >= (sents[si]?.end ?? 0)) si++;
      sentence[i] = si;
    }
    out.push({
      start,
      end,
      tokens,
      sentence,
      quoted: quoteMask(tokens),
      pos: tagged.pos.slice(first, k),
      lemma: tagged.lemma.slice(first, k),
    });
  }
  return out;
}
