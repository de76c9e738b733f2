/**
 * Paragraph-level cleaning shared by plain text and HTML: normalise whitespace, rejoin hard-wrapped lines,
 * drop boilerplate lines (credits, captions, teasers, share bars…) with the reason each was dropped.
 */
import type { RemovedText } from "../types.js";
import { LINE_PATTERNS, PICTURE_CUES } from "./patterns.js";

/** Words separated by whitespace; linear. */
export function wordCount(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/** Invisible characters scrapes carry: zero-width spaces/joiners, soft hyphens, word joiners, BOMs. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

/** Whitespace that is not one plain space: what normalizeLine has to rewrite. */
const ODD_SPACE = /[\t\u00A0\u2000-\u200A\u202F\u205F\u3000]| {2}/;
const SPACES = /[ \t\u00A0\u2000-\u200A\u202F\u205F\u3000]+/g;
const HAS_INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/;

export function normalizeLine(line: string): string {
  // Test before replacing: on a 10 MB line of ordinary words, rewriting every single space costs seconds.
  let out = HAS_INVISIBLE.test(line) ? line.replace(INVISIBLE, "") : line;
  if (ODD_SPACE.test(out)) out = out.replace(SPACES, " ");
  return out.trim();
}

const ENDS_SENTENCE = /[.!?…:;"”’)\]]$/;
const WRAP_TAIL = /(?:,|-|\b(?:the|a|an|of|and|or|to|in|on|at|for|with|by|from|that|as|its|his|her|their))$/i;

/**
 * A block whose lines were wrapped at a fixed width (e-mail, markdown exports): every line but the last is
 * 40–100 characters long, and most of them stop mid-sentence.
 */
function looksHardWrapped(lines: string[]): boolean {
  if (lines.length < 2) return false;
  const inner = lines.slice(0, -1);
  if (!inner.every((l) => l.length >= 40 && l.length <= 100)) return false;
  const midSentence = inner.filter((l) => !ENDS_SENTENCE.test(l)).length;
  return midSentence * 2 >= inner.length;
}

/**
 * Text → paragraphs. A blank line always ends a paragraph. Inside a blank-line separated block, a line break
 * is kept as a paragraph break unless the line was visibly hard-wrapped (it does not end a sentence and the
 * next line continues it in lower case, or it ends on a comma or a function word). Text with no blank lines
 * has one paragraph a line, unless the whole of it is wrapped at a fixed width (press releases exported as
 * 70-column text): then its lines are rejoined the same way, and a line that ends a sentence before one that
 * starts a new one stays a break.
 */
export function splitParagraphs(text: string): string[] {
  const unified = text.replace(/\r\n?/g, "\n");
  const hasBlankLines = /\n[ \t\u00A0]*\n/.test(unified);
  const out: string[] = [];
  for (const block of unified.split(/\n[ \t\u00A0]*\n/)) {
    const lines = block
      .split("\n")
      .map(normalizeLine)
      .filter((l) => l !== "");
    const hardWrapped = looksHardWrapped(lines);
    if (hasBlankLines && hardWrapped) {
      out.push(lines.join(" "));
      continue;
    }
    const rejoin = hasBlankLines || hardWrapped;
    let current = "";
    for (const line of lines) {
      if (current === "") {
        current = line;
        continue;
      }
      const wrapped =
        rejoin && !ENDS_SENTENCE.test(current) && (/^[\p{Ll}\p{N}(]/u.test(line) || WRAP_TAIL.test(current));
      if (wrapped) current = `${current} ${line}`;
      else {
        out.push(current);
        current = line;
      }
    }
    if (current !== "") out.push(current);
  }
  return out;
}

/** A short line that does not end like a sentence: a heading, a caption, a site name. */
export function isShortFragment(line: string, maxWords = 25): boolean {
  return wordCount(line) <= maxWords && line.length <= 220 && !/[.!?…"”’:;]$/.test(line);
}

/** Which boilerplate pattern a line matches, if any. */
export function boilerplateReason(line: string): RemovedText["reason"] | null {
  const words = wordCount(line);
  for (const p of LINE_PATTERNS) {
    if (words <= p.maxWords && p.pattern.test(line)) return p.reason;
  }
  if (words > 0 && !/[\p{L}\p{N}]/u.test(line)) return "empty";
  return null;
}

/**
 * Only names and connecting words, with at least two capitalised name groups joined by "and"/"with"/",":
 * "North Korean leader X and Russian President Y in September 2023" — a line that just says who is pictured.
 */
function namesWhoIsPictured(line: string): boolean {
  if (wordCount(line) > 22) return false;
  const tokens = line.split(/\s+/);
  const connectors =
    /^(?:and|with|,|of|the|in|at|on|during|during|after|before|from|to|for|de|van|von|a|an|meets?|greets?|shakes?|hands|attend|attends|visits?|speaks?|talks?|leader|president|minister|chairman|secretary|general|foreign|defense|defence|prime|\d{1,4}|\d{1,2}(?:st|nd|rd|th))[,]?$/i;
  let capitals = 0;
  for (const token of tokens) {
    if (/^[\p{Lu}][\p{L}'’.-]*,?$/u.test(token)) capitals++;
    else if (!connectors.test(token)) return false;
  }
  // Two name groups joined by "and"/"with", set in a time or place: "X and Y in September 2023", "X with Y at …".
  return (
    capitals >= 4 &&
    /\b(?:and|with)\b/.test(line) &&
    /\b(?:in|at|during|on)\b|\b(?:1[89]|20)\d{2}\b/.test(line) &&
    !/,$/.test(line)
  );
}

/**
 * Remove boilerplate paragraphs. Captions are recognised by where they stand (next to a photo credit), by
 * picture cue words, or because they only name who is pictured; all of them are short and end without a
 * full stop.
 */
/** Letter/number words, up to a bound: "Eat + Drink" has two. */
function tokenCount(text: string, atMost: number): number {
  // Counts up to `atMost + 1` and stops: the rules only ask "two words or fewer?", and a 10 MB paragraph
  // would otherwise be split into millions of matches.
  const token = /[\p{L}\p{N}]+/gu;
  let n = 0;
  while (n <= atMost && token.exec(text) !== null) n++;
  return n;
}

/**
 * Structural rules over the sequence: menus and tables of one-word cells (runs of at least MENU_RUN
 * paragraphs of at most two words), and the short link lines that follow a "Related"/"More"/"Tags" heading.
 */
const MENU_RUN = 4;

function markSequences(paragraphs: string[], reasons: (RemovedText["reason"] | null)[]): void {
  let runStart = -1;
  for (let i = 0; i <= paragraphs.length; i++) {
    const reason = reasons[i];
    const tiny =
      i < paragraphs.length &&
      (reason === null || reason === "navigation" || reason === "share-bar") &&
      tokenCount(paragraphs[i] ?? "", 2) <= 2;
    if (tiny && runStart < 0) runStart = i;
    if (!tiny && runStart >= 0) {
      // Menus sit at the edges of the text; inside it, only a very long run is one (a short list of
      // countries or names in the story is kept).
      const atEdge = runStart === 0 || i === paragraphs.length;
      if (i - runStart >= (atEdge ? MENU_RUN : 2 * MENU_RUN)) {
        for (let k = runStart; k < i; k++) reasons[k] ??= "navigation";
      }
      runStart = -1;
    }
  }
  for (let i = 0; i < paragraphs.length; i++) {
    const reason = reasons[i];
    if (reason !== "related" && !(reason === "see-also" && /[:»›]\s*$/.test(paragraphs[i] ?? ""))) continue;
    for (let k = i + 1; k < paragraphs.length; k++) {
      const line = paragraphs[k] ?? "";
      if (reasons[k] !== null) continue;
      if (wordCount(line) > 20 || /[.!?…"”]$/.test(line)) break;
      reasons[k] = "related";
    }
  }
}

export function stripBoilerplate(paragraphs: string[], removed: RemovedText[]): string[] {
  const reasons = paragraphs.map(boilerplateReason);
  markSequences(paragraphs, reasons);
  const isCredit = (i: number) => reasons[i] === "photo-credit";
  // Inline credits at the end of a paragraph: "… the site. (Photo: Jane Roe/Reuters)".
  const kept: string[] = [];
  paragraphs.forEach((paragraph, i) => {
    const reason = reasons[i];
    if (reason) {
      removed.push({ text: paragraph, reason });
      return;
    }
    if (isShortFragment(paragraph, 30)) {
      const nextToCredit = isCredit(i - 1) || isCredit(i + 1);
      if (nextToCredit || PICTURE_CUES.test(paragraph) || namesWhoIsPictured(paragraph)) {
        removed.push({ text: paragraph, reason: "caption" });
        return;
      }
    }
    // Only the tail is searched: an unanchored pattern over a 10 MB line would be quadratic.
    const tailStart = Math.max(0, paragraph.length - 160);
    const inline = /\((?:photo|image|picture|credit)s?\s*:[^()]{1,120}\)$/i.exec(paragraph.slice(tailStart));
    if (inline && tailStart + inline.index > 0) {
      removed.push({ text: inline[0], reason: "photo-credit" });
      kept.push(paragraph.slice(0, tailStart + inline.index).trimEnd());
      return;
    }
    kept.push(paragraph);
  });
  return kept;
}
