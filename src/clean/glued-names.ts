/**
 * Names glued to the next or the previous word. Some wire copy (KCNA's English service above all) loses the
 * spaces around a name: "Kim Jong Unsaid", "Kim Jong Unwho", "ComradeKim Jong Un", "ofChoe Son Hui". The entity and attribution stages then see no
 * name and no cue. A capitalised run of two to four words whose last word is a name part with a lower-case word
 * stuck to it is split when the text itself attests both halves: the run without the tail stands alone
 * elsewhere in the text ("Kim Jong Un" followed by a space or punctuation), and the tail is a word the text
 * also uses on its own ("said"). A word glued before a name is split off the same way. Hand-written: the evidence is the document's own vocabulary, which no
 * tokenizer or spell-checker library consults; a dictionary would split real names ("Parkinson").
 */

/** A run of capitalised words (letters, inner hyphens) separated by single spaces, not preceded by a letter. */
const RUN = /(?<![\p{L}\p{N}])\p{Lu}[\p{Ll}\p{M}]+(?:[ -]\p{Lu}[\p{Ll}\p{M}]+)+(?![\p{L}\p{N}])/gu;
const TOKEN = /(?<![\p{L}\p{N}])\p{L}[\p{L}\p{M}]*(?![\p{L}\p{N}])/gu;

/** Shortest tail split off, and shortest name part left (letters). */
const MIN_TAIL = 2;
const MIN_HEAD = 2;

/** A run's words, each but the first with the space or hyphen before it ("Kim", " Jong", " Un"). */
const wordsOf = (run: string): string[] => run.split(/(?=[ -])/);
/** Words of a run joined back as written, without a leading separator. */
const joined = (parts: string[]): string => parts.join("").replace(/^[ -]/, "");

/** Every two- to four-word stretch of a capitalised run, as written ("Kim Jong Un", "Jong Un"). */
function nameParts(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(RUN)) {
    const words = wordsOf(m[0]);
    for (let a = 0; a < words.length; a++)
      for (let k = 2; k <= 4 && a + k <= words.length; k++) out.add(joined(words.slice(a, a + k)));
  }
  return out;
}

/** A word glued before a name: "ofKim Jong Un", "ComradeKim Jong Un", "HEKim Jong Un". */
const LEFT =
  /(?<![\p{L}\p{N}])(\p{L}[\p{L}\p{M}]*?)(\p{Lu}[\p{Ll}\p{M}]+(?:[ -]\p{Lu}[\p{Ll}\p{M}]+)+)(?![\p{L}\p{N}])/gu;

/**
 * The paragraphs with glued names split ("Kim Jong Unsaid" → "Kim Jong Un said"), judged over all of them
 * together (a name written properly in one paragraph vouches for its glued form in another).
 */
export function unglueNames(paragraphs: string[]): string[] {
  const text = paragraphs.join("\n");
  // A text with no run of two capitalised words or more has no name to split.
  const names = nameParts(text);
  if (names.size === 0) return paragraphs;
  // Words standing alone (a glued tail is all lower case, so it can only match a lower-case one).
  const tokens = new Set<string>();
  for (const m of text.matchAll(TOKEN)) tokens.add(m[0]);
  // "ofKim Jong Un" → "of Kim Jong Un": the word before and the name's first two to four words both stand
  // alone elsewhere.
  const left = (p: string): string =>
    p.replace(LEFT, (all, head: string, run: string) => {
      if (head.length < MIN_HEAD || !tokens.has(head)) return all;
      const parts = wordsOf(run);
      const shown = [2, 3, 4].some((k) => k <= parts.length && names.has(joined(parts.slice(0, k))));
      return shown ? `${head} ${run}` : all;
    });
  const fix = (p: string): string =>
    p.replace(RUN, (run) => {
      const parts = wordsOf(run);
      // Any word but the first may carry the glued tail ("Kim Jong Unvisited Pyongyang").
      for (let j = 1; j < parts.length; j++) {
        const part = parts[j] ?? "";
        const sep = part[0] ?? "";
        const word = part.slice(1);
        for (let cut = word.length - MIN_TAIL; cut >= MIN_HEAD; cut--) {
          const tail = word.slice(cut);
          if (!tokens.has(tail)) continue;
          const name = [...parts.slice(0, j), sep + word.slice(0, cut)];
          // The name as written elsewhere: its last two to four words, standing alone.
          const shown = [2, 3, 4].some((k) => k <= name.length && names.has(joined(name.slice(-k))));
          if (shown) return `${name.join("")} ${tail}${parts.slice(j + 1).join("")}`;
        }
      }
      return run;
    });
  return paragraphs.map((p) => fix(left(p)));
}
