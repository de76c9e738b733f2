/**
 * Sentence splitting with offsets. Hand-written: Intl.Segmenter splits after "U.S." and "Dr.", and the
 * sentence libraries on npm either drop offsets or need a model download. Rules: a sentence ends at . ! ?
 * (optionally followed by closing quotes/brackets) before whitespace and an upper-case letter, a digit or an
 * opening quote, unless the word before the stop is a known abbreviation or a single initial.
 */
import type { Span } from "../types.js";

/** Words that end with a period but do not end a sentence. Data: add entries in lower case, no period. */
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  "u.s",
  "u.n",
  "u.k",
  "dr",
  "mr",
  "mrs",
  "ms",
  "gen",
  "lt",
  "col",
  "sgt",
  "capt",
  "adm",
  "maj",
  "sen",
  "rep",
  "gov",
  "st",
  "jr",
  "sr",
  "no",
  "vs",
  "etc",
  "inc",
  "corp",
  "co",
  "ltd",
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
  "mon",
  "tue",
  "wed",
  "thu",
  "fri",
  "sat",
  "sun",
  "a.m",
  "p.m",
  "e.g",
  "i.e",
  "approx",
  "dept",
  "est",
  "fig",
  "mt",
]);

/** Abbreviations that may close a sentence ("… at 7 a.m.", "… in the U.S."). */
const SENTENCE_FINAL: ReadonlySet<string> = new Set([
  "u.s",
  "u.n",
  "u.k",
  "a.m",
  "p.m",
  "etc",
  "inc",
  "corp",
  "co",
  "ltd",
  "jr",
]);
/** Words that open a sentence and rarely follow an abbreviation inside one ("U.S. Army" does, "U.S. The" not). */
const OPENERS: ReadonlySet<string> = new Set(
  "The A An He She It They We I But And His Her Its Their This That These Those There Some Many Officials Analysts However Meanwhile".split(
    " ",
  ),
);

/** The word after a sentence stop (past a space and an opening quote or bracket). */
function wordAfter(text: string, at: number): string {
  return /^\s+["“‘(]?([A-Za-z]+)/.exec(text.slice(at, at + 40))?.[1] ?? "";
}

export interface Sentence {
  start: number;
  end: number;
  text: string;
  /** Index of the paragraph (blank-line separated) the sentence is in. */
  paragraph: number;
}

/** Paragraph spans of a body whose paragraphs are separated by blank lines. */
export function paragraphs(body: string): Span[] {
  const out: Span[] = [];
  const re = /[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g;
  for (const m of body.matchAll(re)) {
    if (m[0].trim()) out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

export function splitSentences(body: string): Sentence[] {
  const out: Sentence[] = [];
  paragraphs(body).forEach(([ps, pe], paragraph) => {
    const text = body.slice(ps, pe);
    let start = 0;
    const re = /[.!?]+["'”’)\]]*(?=\s+["“‘(]?[A-Z0-9])/g;
    for (const m of text.matchAll(re)) {
      const stop = m.index;
      if (m[0].startsWith(".")) {
        const before = /([A-Za-z.]+)$/.exec(text.slice(start, stop))?.[1] ?? "";
        const word = before.toLowerCase().replace(/^\.+/, "");
        // "… at 7:10 a.m. The missile flew …", "… in the U.S. But …": an abbreviation that can end a sentence
        // does, before a word that only opens one.
        if (
          ABBREVIATIONS.has(word) &&
          !(SENTENCE_FINAL.has(word) && OPENERS.has(wordAfter(text, stop + m[0].length)))
        )
          continue;
        if (/^[A-Z]$/.test(before)) continue;
      }
      const end = stop + m[0].length;
      push(out, body, ps + start, ps + end, paragraph);
      start = end;
    }
    push(out, body, ps + start, pe, paragraph);
  });
  return out;
}

function push(out: Sentence[], body: string, s: number, e: number, paragraph: number): void {
  while (s < e && /\s/.test(body[s] ?? "")) s++;
  while (e > s && /\s/.test(body[e - 1] ?? "")) e--;
  if (e > s) out.push({ start: s, end: e, text: body.slice(s, e), paragraph });
}
