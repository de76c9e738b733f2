/**
 * Homoglyph names: "Kіm Jоng Un" with a Cyrillic і and о looks like Kim Jong Un to a reader, and is how
 * scraped and re-branded copies (or someone hiding a name from a keyword filter) can slip past a desk. A word
 * that mixes Latin letters with Cyrillic or Greek look-alikes is folded to Latin for recognition, so the name is
 * found and linked, and the mention keeps the text as written (the evidence) with `via: "homoglyph"`.
 *
 * Written by hand: the full Unicode confusables table (UTS #39, as the `confusables` or `unicode-security`
 * packages carry it) maps thousands of characters to multi-character skeletons, which would move offsets;
 * here only letters that look the same as one Latin letter are folded, one UTF-16 unit for one, so every
 * offset into the folded text is an offset into the original. Words wholly in Cyrillic or Greek are
 * left alone: they are real text in those scripts, not disguised Latin.
 */

/** Cyrillic and Greek letters drawn like one Latin letter, to that letter. */
const LOOKALIKES: Record<string, string> = {
  // Cyrillic
  а: "a",
  в: "b",
  е: "e",
  ё: "e",
  һ: "h",
  і: "i",
  ї: "i",
  ј: "j",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  р: "p",
  с: "c",
  т: "t",
  у: "y",
  х: "x",
  ѕ: "s",
  ԁ: "d",
  ԛ: "q",
  ԝ: "w",
  А: "A",
  В: "B",
  Е: "E",
  Ё: "E",
  Һ: "H",
  І: "I",
  Ї: "I",
  Ј: "J",
  К: "K",
  М: "M",
  Н: "H",
  О: "O",
  Р: "P",
  С: "C",
  Т: "T",
  У: "Y",
  Х: "X",
  Ѕ: "S",
  Ԛ: "Q",
  Ԝ: "W",
  // Greek
  α: "a",
  ο: "o",
  ρ: "p",
  ν: "v",
  ι: "i",
  κ: "k",
  τ: "t",
  υ: "u",
  χ: "x",
  Α: "A",
  Β: "B",
  Ε: "E",
  Ζ: "Z",
  Η: "H",
  Ι: "I",
  Κ: "K",
  Μ: "M",
  Ν: "N",
  Ο: "O",
  Ρ: "P",
  Τ: "T",
  Υ: "Y",
  Χ: "X",
};

const WORD = /[\p{L}\p{M}]+/gu;
const LATIN = /\p{Script=Latin}/u;
const DISGUISE = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;

export interface Folded {
  /** The text with disguised letters replaced by their Latin look-alikes (same length). */
  text: string;
  /** The [start, end) spans of the words that were folded, in order. */
  words: [number, number][];
}

/** Fold the look-alike letters of words that mix Latin with Cyrillic or Greek; other text is unchanged. */
export function foldHomoglyphs(text: string): Folded {
  // Most text has no Cyrillic or Greek at all: nothing to do.
  if (!DISGUISE.test(text)) return { text, words: [] };
  const words: [number, number][] = [];
  let out = "";
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    if (!LATIN.test(word) || !DISGUISE.test(word)) continue;
    let folded = "";
    for (const ch of word) folded += LOOKALIKES[ch] ?? ch;
    // A letter with no single Latin look-alike (a Cyrillic ж): not a disguise, a garbled word; left alone.
    if (folded.length !== word.length || DISGUISE.test(folded)) continue;
    const start = m.index ?? 0;
    out += text.slice(last, start) + folded;
    last = start + word.length;
    words.push([start, last]);
  }
  return words.length ? { text: out + text.slice(last), words } : { text, words };
}
