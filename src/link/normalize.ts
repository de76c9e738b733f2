/**
 * Name normalisation for matching: the same name written with other accents, hyphens, spacing,
 * case or common Korean/Russian romanisation variants folds to the same tokens.
 */

/**
 * Romanisation folds applied to whole tokens after lower-casing. Data: add a pair when two
 * spellings of one syllable/name are common in reporting (McCune–Reischauer vs Revised Romanisation,
 * Russian transliterations). Keys are variants, values the folded form.
 */
export const TOKEN_FOLDS: Readonly<Record<string, string>> = {
  yi: "ri",
  lee: "ri",
  rhee: "ri",
  li: "ri",
  pak: "park",
  bak: "park",
  choe: "choi",
  choi: "choi",
  jong: "jong",
  chong: "jong",
  ryong: "ryong",
  yong: "ryong",
  shoygu: "shoigu",
  sergey: "sergei",
};

/** Suffixes of organisation names that carry no identity ("Co. Ltd", "Corporation"). */
export const ORG_STOPWORDS: ReadonlySet<string> = new Set([
  "the",
  "of",
  "and",
  "co",
  "company",
  "corp",
  "corporation",
  "ltd",
  "limited",
  "inc",
  "llc",
  "group",
]);

/** Lower-case, strip accents and punctuation, split hyphenated syllables, fold romanisations. */
export function nameTokens(name: string): string[] {
  const plain = name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/['’`]s\b/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  if (plain === "") return [];
  return plain.split(" ").map((t) => TOKEN_FOLDS[t] ?? t);
}

/** Tokens that identify: organisation boilerplate words dropped (unless nothing else remains). */
export function keyTokens(name: string): string[] {
  const all = nameTokens(name);
  const kept = all.filter((t) => !ORG_STOPWORDS.has(t));
  return kept.length > 0 ? kept : all;
}

/** The folded name as one string (tokens joined by a space). */
export function normalizeName(name: string): string {
  return keyTokens(name).join(" ");
}

/** Levenshtein distance; hand-written because no installed library provides it (20 lines). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** A name prepared once for repeated comparisons: key tokens joined in written and in sorted order. */
export interface PreparedName {
  ordered: string;
  sorted: string;
}

export function prepareName(name: string): PreparedName {
  const tokens = keyTokens(name);
  return { ordered: tokens.join(""), sorted: [...tokens].sort().join("") };
}

function ratio(a: string, b: string, floor: number): number {
  const longest = Math.max(a.length, b.length);
  // The length difference bounds the similarity from above: skip the edit distance when it cannot reach `floor`.
  const bound = 1 - Math.abs(a.length - b.length) / longest;
  if (bound < floor) return bound;
  return 1 - editDistance(a, b) / longest;
}

/** `nameSimilarity` on prepared names; values below `floor` may be returned as an upper bound. */
export function preparedSimilarity(a: PreparedName, b: PreparedName, floor = 0): number {
  if (a.ordered === "" || b.ordered === "") return 0;
  return Math.max(ratio(a.ordered, b.ordered, floor), ratio(a.sorted, b.sorted, floor));
}

/**
 * Similarity of two names in [0, 1], order-insensitive for tokens (list names are often
 * "SURNAME GIVEN", articles "Given Surname"): tokens joined without spaces after sorting, so
 * "Won Ho"/"Wonho" and "Ri Won Ho"/"Won Ho Ri" agree.
 */
export function nameSimilarity(a: string, b: string): number {
  return preparedSimilarity(prepareName(a), prepareName(b));
}
