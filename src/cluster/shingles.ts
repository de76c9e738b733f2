/**
 * Text → word shingles → 32-bit hashes. Normalisation folds case, accents, curly quotes, dashes and
 * punctuation so a copy that only changed typography or added a site name still shares almost every
 * shingle with its original.
 *
 * Shingle hashes are built from per-word hashes (FNV-1a of each word, mixed position by position), so a
 * text is hashed in one pass without building a string per shingle: this is the hot loop of duplicate
 * detection over large corpora.
 */

const NEEDS_FOLDING = /[^\x00-\x7f`]/;

/** Words of a text after folding case, accents and punctuation. */
export function words(text: string): string[] {
  // Plain ASCII (most English copy) needs no Unicode normalisation, which is the slow part.
  const folded = NEEDS_FOLDING.test(text)
    ? text
        .normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "")
        .replace(/[’‘`´]/g, "'")
    : text;
  return folded.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
}

/** FNV-1a, 32 bit: fast and well spread for short strings; no library needed for twelve lines. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** MurmurHash3's 32-bit finaliser: a cheap bijective mix. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Sorted distinct values of `values` (in place), as a view of the same buffer. */
function sortedUnique(values: Uint32Array): Uint32Array {
  values.sort();
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    if (i === 0 || values[i] !== values[n - 1]) values[n++] = values[i]!;
  }
  return values.subarray(0, n);
}

/** Hashes of the distinct `k`-word shingles of a text, sorted ascending (a text shorter than `k` words
 * yields one shingle of all its words). */
export function shingleSet(text: string, k = 5): Uint32Array {
  return shingleHashes(words(text), k);
}

/** `shingleSet` over words already split by `words`. */
export function shingleHashes(ws: readonly string[], k = 5): Uint32Array {
  if (ws.length === 0) return new Uint32Array(0);
  const hashes = new Uint32Array(ws.length);
  for (let i = 0; i < ws.length; i++) hashes[i] = fnv1a(ws[i]!);
  const span = Math.min(k, ws.length);
  const out = new Uint32Array(ws.length - span + 1);
  for (let i = 0; i < out.length; i++) {
    let h = 0x9747b28c;
    for (let j = 0; j < span; j++) h = Math.imul(h ^ hashes[i + j]!, 0x5bd1e995) ^ (j + 1);
    // 30 bits: small integers for V8 (see minhash.ts); collisions stay negligible at this set size.
    out[i] = fmix32(h) & 0x3fffffff;
  }
  return sortedUnique(out);
}

/** A fingerprint of the normalised text: equal for exact copies that differ only in case and punctuation. */
export function textFingerprint(text: string): string {
  return wordsFingerprint(words(text));
}

/** `textFingerprint` over words already split by `words`. */
export function wordsFingerprint(ws: readonly string[]): string {
  const joined = ws.join(" ");
  return `${fnv1a(joined).toString(16)}:${fnv1a(joined, 0x12345678).toString(16)}:${joined.length}`;
}

/** Size of the intersection of two sorted hash sets. */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

// ───────────────────────────── details ─────────────────────────────

const MONTHS = new Set(
  "january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec".split(
    " ",
  ),
);
const WEEKDAYS = new Set("monday tuesday wednesday thursday friday saturday sunday".split(" "));

/** The kinds of detail a run holds: n number, m month, w weekday (a bit set). */
type Kinds = number;
const NUMBER = 1;
const MONTH = 2;
const WEEKDAY = 4;

/**
 * The details of a text, keyed by the word before them: "about [742]", "on [August 27]", "on [Thursday]".
 * Two texts written from one template about different events share those contexts with different values;
 * a copy keeps them (or drops them when it is truncated). `dates` holds the full dates (month and day).
 */
export interface Details {
  contexts: Map<string, { values: Set<string>; kinds: Kinds }>;
  dates: Set<string>;
  /** Capitalised names by the word before them ("a [Russian] delegation", "in [Minsk]"), worked out on
   * first use (most comparisons are settled before). */
  readonly names: Map<string, Set<string>>;
}

/** How much of a text its details are read from: the facts that tell two events apart are up front, and a
 * long text this similar to another is compared on its wording (see `verbatim` in duplicates.ts). */
const DETAIL_CHARS = 6000;

const NAME_STOP = new Set(
  "the a an and or but of to in on at for from by with as is are was were this that these those it its their they he she his her we our you i mr ms mrs dr".split(
    " ",
  ),
);

/** Runs of capitalised words that do not start a sentence, keyed by the lower-case word before them. */
export function names(text: string): Map<string, Set<string>> {
  const tokens = text.match(/\p{L}[\p{L}'’-]*|\d+|[.!?"“”—–\n]/gu) ?? [];
  const out = new Map<string, Set<string>>();
  let prev = "^";
  let sentenceStart = true;
  for (let i = 0; i < tokens.length; ) {
    const run: string[] = [];
    for (; i < tokens.length; i++) {
      const t = tokens[i]!;
      const lower = t.toLowerCase();
      // (Dates are details, compared as such: not names.)
      if (
        t === lower ||
        /^\d/.test(t) ||
        NAME_STOP.has(lower) ||
        MONTHS.has(lower) ||
        WEEKDAYS.has(lower) ||
        (sentenceStart && run.length === 0)
      )
        break;
      run.push(lower);
    }
    if (run.length > 0) {
      const set = out.get(prev);
      if (set) set.add(run.join(" "));
      else out.set(prev, new Set([run.join(" ")]));
      sentenceStart = false;
      continue;
    }
    const t = tokens[i]!;
    i++;
    if (/^[.!?"“”—–\n]$/.test(t)) {
      sentenceStart = true;
      continue;
    }
    sentenceStart = false;
    if (t === t.toLowerCase() || NAME_STOP.has(t.toLowerCase())) prev = t.toLowerCase();
  }
  return out;
}

export function details(full: string): Details {
  const text = full.length > DETAIL_CHARS ? full.slice(0, DETAIL_CHARS) : full;
  const tokens = text.toLowerCase().match(/\d[\d,.]*\d|\d|\p{L}[\p{L}'’]*/gu) ?? [];
  const contexts: Details["contexts"] = new Map();
  const dates = new Set<string>();
  let prev = "^";
  for (let i = 0; i < tokens.length; ) {
    const run: string[] = [];
    let kinds = 0;
    for (; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (/^\d/.test(t)) {
        run.push(t.replace(/[,.]/g, ""));
        kinds |= NUMBER;
      } else if (MONTHS.has(t) && (t !== "may" || /^\d/.test(tokens[i + 1] ?? ""))) {
        run.push(t.slice(0, 3));
        kinds |= MONTH;
      } else if (WEEKDAYS.has(t)) {
        run.push(t);
        kinds |= WEEKDAY;
      } else break;
    }
    if (run.length > 0) {
      const value = run.join(" ");
      if ((kinds & (NUMBER | MONTH)) === (NUMBER | MONTH)) dates.add(value);
      const entry = contexts.get(prev);
      if (entry) {
        entry.values.add(value);
        entry.kinds |= kinds;
      } else contexts.set(prev, { values: new Set([value]), kinds });
      continue;
    }
    prev = tokens[i]!;
    i++;
  }
  let found: Map<string, Set<string>> | null = null;
  return {
    contexts,
    dates,
    get names() {
      found ??= names(text);
      return found;
    },
  };
}

/**
 * Whether two texts report different facts in the same frame: shared contexts with different details of
 * the same kind ("about 742" against "about 431"; "on Thursday" against "on Saturday"; but not "on Friday"
 * against "on June 14", as a copy may spell a date out), at least one in five of the contexts they share;
 * different names in a third or more of the places both texts put a name ("a [Russian] delegation arrived
 * in [Pyongyang]" against "a [Myanmar] delegation arrived in [Minsk]"); or each naming a full date the
 * other does not.
 */
export function detailsConflict(a: Details, b: Details): boolean {
  let conflicts = 0;
  let shared = 0;
  const [small, large] = a.contexts.size <= b.contexts.size ? [a, b] : [b, a];
  for (const [context, x] of small.contexts) {
    const y = large.contexts.get(context);
    if (!y) continue;
    shared++;
    if ((x.kinds & y.kinds) === 0) continue;
    let common = false;
    for (const v of x.values) if (y.values.has(v)) common = true;
    if (!common) conflicts++;
  }
  if (conflicts > 0 && conflicts >= 0.2 * shared) return true;
  let onlyA = false;
  let onlyB = false;
  for (const d of a.dates) if (!b.dates.has(d)) onlyA = true;
  for (const d of b.dates) if (!a.dates.has(d)) onlyB = true;
  if (onlyA && onlyB) return true;
  return namesConflict(a.names, b.names);
}

/**
 * Whether two texts put different names in the places both put one ("a [Russian] delegation arrived in
 * [Pyongyang]" against "a [Myanmar] delegation arrived in [Minsk]"). Translations and rewrites spell a name
 * differently now and then; a template filled in for another event changes a third or more of them.
 */
export function namesConflict(a: Map<string, Set<string>>, b: Map<string, Set<string>>): boolean {
  let conflicts = 0;
  let shared = 0;
  for (const [context, x] of a) {
    const y = b.get(context);
    if (!y) continue;
    shared++;
    let common = false;
    for (const v of x) if (y.has(v)) common = true;
    if (!common) conflicts++;
  }
  return conflicts > 0 && conflicts * 3 >= shared;
}
