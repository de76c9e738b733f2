/**
 * Tokens and paragraphs with offsets for the attribution tagger. A token is a run of letters, digits and
 * combining marks, or any other single non-space character (the token unit of the PolNeAR metric, so that
 * predicted span edges fall where gold edges can). Paragraphs are blank-line (or, in one-paragraph-a-line
 * text, line) separated stretches; an attribution is looked for within one paragraph. Part-of-speech tags
 * and lemmas come from wink-nlp's small English model (an npm package, no download at run time), aligned to
 * these tokens by offset.
 */
import winkNLP from "wink-nlp";
import winkModel from "wink-eng-lite-web-model";
import { splitSentences } from "../sentences.js";

let nlp: ReturnType<typeof winkNLP> | null = null;

/** Universal POS tag and lemma of each token (the wink token that holds the token's first character). */
function tagTokens(text: string, offset: number, tokens: Token[]): { pos: string[]; lemma: string[] } {
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
    const found = text.indexOf(v, at);
    if (found < 0 || v.length === 0) continue;
    const s = offset + found;
    const e = s + v.length;
    at = found + v.length;
    while (k < tokens.length && (tokens[k]?.start ?? 0) < s) k++;
    for (let j = k; j < tokens.length && (tokens[j]?.start ?? 0) < e; j++) {
      pos[j] = tags[w] ?? "X";
      if (j === k) lemma[j] = (lemmas[w] ?? "").toLowerCase() || lemma[j] || "";
    }
  }
  return { pos, lemma };
}

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

/** Which tokens sit inside quotation marks: curly marks pair up, straight double quotes alternate. */
function quoteMask(tokens: Token[]): Uint8Array {
  const mask = new Uint8Array(tokens.length);
  let open = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]?.text ?? "";
    if (OPEN.has(t) || (t === '"' && open < 0)) {
      open = i;
    } else if ((CLOSE.has(t) || t === '"') && open >= 0) {
      for (let k = open; k <= i; k++) mask[k] = 1;
      open = -1;
    }
  }
  // An unclosed quote at the paragraph's start runs to its end (multi-paragraph quotes).
  if (open === 0) for (let k = 0; k < tokens.length; k++) mask[k] = 1;
  return mask;
}

/** Paragraphs of `text` with their tokens, sentence indices and quote mask. */
export function paragraphsOf(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  for (const m of text.matchAll(/[^\n]+/g)) {
    if (!m[0].trim()) continue;
    const tokens = tokenize(m[0], m.index);
    if (tokens.length === 0) continue;
    const sentence = new Int32Array(tokens.length);
    const sents = splitSentences(m[0]);
    let si = 0;
    for (let i = 0; i < tokens.length; i++) {
      const rel = (tokens[i]?.start ?? 0) - m.index;
      while (si < sents.length - 1 && rel >= (sents[si]?.end ?? 0)) si++;
      sentence[i] = si;
    }
    const { pos, lemma } = tagTokens(m[0], m.index, tokens);
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      tokens,
      sentence,
      quoted: quoteMask(tokens),
      pos,
      lemma,
    });
  }
  return out;
}
