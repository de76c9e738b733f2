/**
 * Names glued to the next or the previous word. Some wire copy (KCNA's English service above all) loses the
 * spaces around a name: "Kim Jong Unsaid", "Kim Jong Unwho", "ComradeKim Jong Un", "ofChoe Son Hui". The entity and attribution stages then see no
 * name and no cue. A capitalised run of two to four words whose last word is a name part with a lower-case word
 * stuck to it is split when the text itself attests both halves: the run without the tail stands alone
 * elsewhere in the text ("Kim Jong Un" followed by a space or punctuation), and the tail is a word the text
 * also uses on its own ("said"). A word glued before a name is split off the same way. A Korean name (a known
 * family name, then romanised syllables) needs no proper copy elsewhere: KCNA often glues every mention of its
 * leaders ("ComradeKim Jong Unvisited", "byKim Jong Unto"), and the name's own shape is the evidence, so only
 * the tail must be a word the text uses alone, the part kept must still be a syllable ("Un", not "Unw"), and the
 * glued word must not be a syllable itself ("Keon" in "Kim Keon Hee" is not "Ke on"). A tail the text never
 * writes alone is split off a Korean name's last word when the word-cluster vocabulary knows the tail and not
 * the glued word (see dictionaryTail).
 * Hand-written: the evidence is the document's own vocabulary, which no tokenizer or spell-checker library
 * consults; a dictionary would split real names ("Parkinson").
 */
// The name-shape test of the entity stage (pure morphology) and the vocabulary of the word-cluster table (the
// lower-case words of a news-trained word-vector set), shared rather than written twice.
import { clusterOf } from "../extract/attribution-model/clusters.js";
import { isKoreanName, isSyllable } from "../extract/entities/keys.js";

/**
 * A tail the text never writes alone that is still a word: three letters or more, no syllable itself, in the
 * word-cluster vocabulary ("Unreceived" → "received"; the glued word itself must be none, so "Unification" and
 * "Unpaid" stay whole). False when the table is absent.
 */
function dictionaryTail(tail: string): boolean {
  return tail.length >= 3 && !isSyllable(tail) && isWord(tail);
}

/** Whether the word-cluster vocabulary holds the word (lower-cased). */
const isWord = (w: string): boolean => clusterOf(w.toLowerCase()) !== 0;

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

/** Whether the first (or, `fromEnd`, the last) two, three or four of the words pass `test`, joined as written. */
function leadingOrTrailing(parts: string[], fromEnd: boolean, test: (name: string) => boolean): boolean {
  return [2, 3, 4].some(
    (k) => k <= parts.length && test(joined(fromEnd ? parts.slice(-k) : parts.slice(0, k))),
  );
}

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
      if (head.length < MIN_HEAD) return all;
      const parts = wordsOf(run);
      // A Korean name vouches for itself and for the split ("ComradeKim Jong Un"); another name must stand
      // alone elsewhere, and so must the word before it.
      const korean = leadingOrTrailing(parts, false, isKoreanName);
      const shown = tokens.has(head) && leadingOrTrailing(parts, false, (n) => names.has(n));
      return korean || shown ? `${head} ${run}` : all;
    });
  const fix = (p: string): string =>
    p.replace(RUN, (run: string, at: number) => {
      const parts = wordsOf(run);
      // The run's last word ends the name: a lower-case word or punctuation follows, not a hyphen.
      const endsName = p[at + run.length] !== "-";
      // Any word but the first may carry the glued tail ("Kim Jong Unvisited Pyongyang").
      for (let j = 1; j < parts.length; j++) {
        const part = parts[j] ?? "";
        const sep = part[0] ?? "";
        const word = part.slice(1);
        // What does not depend on where the word is cut: whether it is a syllable or a word (never split on a
        // Korean name's shape alone), and whether it ends the run (the vocabulary test's condition).
        const whole = isSyllable(word) || isWord(word);
        const last = j === parts.length - 1 && endsName;
        for (let cut = word.length - MIN_TAIL; cut >= MIN_HEAD; cut--) {
          const tail = word.slice(cut);
          const alone = tokens.has(tail);
          // Most cuts leave a tail that is no word at all: skip them before building the name.
          if (!alone && (whole || !last)) continue;
          const name = [...parts.slice(0, j), sep + word.slice(0, cut)];
          const korean = !whole && leadingOrTrailing(name, true, isKoreanName);
          // The tail stands alone in the text, and so does the name, or it has a Korean name's shape and the
          // glued word is no syllable nor word itself ("Ilon" is "Il on"; "Keon" is a syllable and "Kim Chaek
          // Iron" a word, left whole). Or, a Korean name ending its run, the tail is an English word.
          const shown =
            (alone && (korean || leadingOrTrailing(name, true, (n) => names.has(n)))) ||
            (korean && last && dictionaryTail(tail));
          // The rest of the run may hold another glued name ("Kim Il Sungand Chairman Kim Jong Ilon").
          if (shown) return `${name.join("")} ${tail}${fix(parts.slice(j + 1).join(""))}`;
        }
      }
      return run;
    });
  return paragraphs.map((p) => fix(left(p)));
}
