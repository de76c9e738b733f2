/**
 * Offsets in a cleaned body mapped back to the raw document text it was cleaned from. Cleaning collapses
 * whitespace, drops invisible characters and boilerplate lines, and (for HTML) leaves markup behind, so the
 * body is not a substring of the raw text; but each body paragraph, or failing that each of its words, appears
 * in the raw text in order. This aligns paragraph by paragraph on whitespace-collapsed text, falls back to
 * word-by-word alignment within a window, and maps every aligned character to its raw index.
 */
import type { Span } from "../types.js";

const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/;
const SPACE = /[\s\u00A0\u2000-\u200A\u202F\u205F\u3000]/;

interface Collapsed {
  text: string;
  /** Index in the original string of each character of `text`. */
  at: number[];
}

/** Whitespace runs become one space, invisible characters go; `at` keeps where each character came from. */
function collapse(s: string, from = 0, to = s.length): Collapsed {
  let text = "";
  const at: number[] = [];
  let space = false;
  for (let i = from; i < to; i++) {
    const ch = s[i] ?? "";
    if (INVISIBLE.test(ch)) continue;
    if (SPACE.test(ch)) {
      space = true;
      continue;
    }
    if (space && text.length > 0) {
      text += " ";
      at.push(i - 1);
    }
    space = false;
    text += ch;
    at.push(i);
  }
  return { text, at };
}

/** How far ahead in the raw text a word may be looked for when a paragraph does not align whole. */
const WORD_WINDOW = 4000;

/**
 * For each character of `body`, its index in `raw`, or -1 when it could not be placed (whitespace that
 * cleaning inserted, text that does not appear verbatim in the raw document).
 */
export function alignBodyToRaw(raw: string, body: string): Int32Array {
  const map = new Int32Array(body.length).fill(-1);
  const r = collapse(raw);
  let cursor = 0;
  const re = /[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g;
  for (const m of body.matchAll(re)) {
    const b = collapse(body, m.index, m.index + m[0].length);
    if (!b.text) continue;
    const found = r.text.indexOf(b.text, cursor);
    if (found >= 0 && found - cursor <= Math.max(WORD_WINDOW, b.text.length * 4)) {
      for (let k = 0; k < b.text.length; k++) map[b.at[k] ?? 0] = r.at[found + k] ?? -1;
      cursor = found + b.text.length;
      continue;
    }
    // Word by word: markup, entities or edits between words no longer break the alignment.
    for (const w of b.text.matchAll(/\S+/g)) {
      const at = r.text.indexOf(w[0], cursor);
      if (at < 0 || at - cursor > WORD_WINDOW) continue;
      for (let k = 0; k < w[0].length; k++) map[b.at[w.index + k] ?? 0] = r.at[at + k] ?? -1;
      cursor = at + w[0].length;
    }
  }
  return map;
}

/**
 * A body span as a raw span: from the first placed character to one past the last placed one. Null when no
 * character of the span could be placed, or when the placed characters do not run forward.
 */
export function spanToRaw(map: Int32Array, [s, e]: Span): Span | null {
  let a = s;
  while (a < e && (map[a] ?? -1) < 0) a++;
  let b = e - 1;
  while (b >= a && (map[b] ?? -1) < 0) b--;
  if (a > b) return null;
  const rs = map[a] ?? -1;
  const re = (map[b] ?? -1) + 1;
  return re > rs ? [rs, re] : null;
}
