/**
 * Name normalisation for matching: the same name written with other accents, hyphens, spacing,
 * case or common Korean/Russian romanisation variants folds to the same tokens.
 *
 * People are compared part by part (`personSimilarity`): a Korean name's syllables must agree exactly
 * after folding ("Kim Myong Chol" is not "KIM YONG CHOL", though only one letter differs), while other
 * names allow a small spelling difference per part and an extra middle name.
 */
import { explainKey, isKoreanName } from "../extract/entities/keys.js";
import { KOREAN_FAMILY_NAMES } from "../extract/entities/lexicon.js";
import { titleCase } from "../text.js";

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
    // McCune–Reischauer breves written as apostrophes ("Cho’ng") belong to the syllable.
    .replace(/(\p{L})['’`ʼ‘](\p{L})/gu, "$1$2")
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

/** Levenshtein distance, or `limit + 1` as soon as it must exceed `limit` (a band of width 2·limit+1). */
export function boundedEditDistance(a: string, b: string, limit: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1).fill(limit + 1);
    cur[0] = i;
    let rowMin = cur[0];
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    for (let j = from; j <= to; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(
        (prev[j] ?? limit + 1) + 1,
        (cur[j - 1] ?? limit + 1) + 1,
        (prev[j - 1] ?? limit + 1) + cost,
      );
      if ((cur[j] ?? 0) < rowMin) rowMin = cur[j] ?? 0;
    }
    if (rowMin > limit) return limit + 1;
    prev = cur;
  }
  return Math.min(prev[b.length] ?? limit + 1, limit + 1);
}

/** A name prepared once for repeated comparisons: key tokens joined in written and in sorted order. */
export interface PreparedName {
  ordered: string;
  sorted: string;
  /** Person-name parts after romanisation folding (Korean: McCune–Reischauer; others: transliteration folds). */
  parts: string[];
  /** True when the name has the shape of a Korean name (then parts must agree exactly). */
  korean: boolean;
  /** The parts read the other way round, when the order is ambiguous ("Chun Ryong Cho"). */
  alt?: string[];
}

function foldParts(written: string): { parts: string[]; korean: boolean } {
  const korean = isKoreanName(written);
  const parts = explainKey(written)
    .folded.split("-")
    .filter((t) => t !== "")
    .slice(0, 12);
  return { parts, korean };
}

function plainName(name: string): string {
  return titleCase(
    name
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .replace(/(\p{L})['’`ʼ‘](\p{L})/gu, "$1$2")
      .replace(/['’`]s\b/g, "")
      .replace(/[^\p{L}\p{N}\s-]+/gu, " ")
      .replace(/\s+/g, " ")
      .trim(),
  );
}

/** "Chun-Ryong Cho" → "Cho Chun-Ryong": a hyphenated given name written before a family name. */
function familyFirst(plain: string): string | null {
  const words = plain.split(" ");
  const last = words[words.length - 1] ?? "";
  if (words.length !== 2 || !/-/.test(words[0] ?? "") || !KOREAN_FAMILY_NAMES.has(last)) return null;
  const moved = `${last} ${words[0]}`;
  return isKoreanName(moved) ? moved : null;
}

/**
 * The folded parts of a person's name ("KIM CHO’NG-SIK" → kim, chong, sik). A Korean name written given
 * name first ("Chun-Ryong Cho") is read family name first, so both orders fold alike.
 */
export function personParts(name: string): { parts: string[]; korean: boolean } {
  const plain = plainName(name);
  if (plain === "") return { parts: [], korean: false };
  return foldParts(familyFirst(plain) ?? plain);
}

export function prepareName(name: string): PreparedName {
  const tokens = keyTokens(name);
  const plain = plainName(name);
  const first = familyFirst(plain);
  const { parts, korean } = foldParts(first ?? plain);
  // Both readings of an ambiguous order ("Chun Ryong Cho": family name first or last?).
  const words = plain.split(" ");
  const last = words[words.length - 1] ?? "";
  const other =
    !first && words.length >= 2 && KOREAN_FAMILY_NAMES.has(last)
      ? foldParts([last, ...words.slice(0, -1)].join(" "))
      : null;
  return {
    ordered: tokens.join(""),
    sorted: [...tokens].sort().join(""),
    parts,
    korean,
    ...(other?.korean ? { alt: other.parts } : {}),
  };
}

/**
 * Similarity of two people's names in [0, 1], part by part and in any order. Korean syllables must be
 * equal after folding; given names written joined ("Yongwon") equal the same syllables apart. Other
 * names allow one small spelling difference per part (ratio ≥ 0.8) and, when every part of the shorter
 * name is found, an extra middle name or patronymic ("Vladimir Vladimirovich Putin").
 */
export function personSimilarity(a: PreparedName, b: PreparedName): number {
  let best = partsSimilarity(a.parts, b.parts, a.korean || b.korean);
  if (a.alt) best = Math.max(best, partsSimilarity(a.alt, b.parts, true));
  if (b.alt) best = Math.max(best, partsSimilarity(a.parts, b.alt, true));
  return best;
}

function partsSimilarity(x: string[], y: string[], strict: boolean): number {
  const nx = x.length;
  const ny = y.length;
  if (nx === 0 || ny === 0) return 0;
  if (nx === ny) {
    let same = true;
    for (let i = 0; i < nx && same; i++) same = x[i] === y[i];
    if (same) return 1;
  }
  if (x[0] === y[0] && (nx !== ny || strict)) {
    // Family name plus a given name written joined or apart: "jo yongwon" = "jo yong won".
    if (x.slice(1).join("") === y.slice(1).join("")) return 1;
  }
  const [short, long] = nx <= ny ? [x, y] : [y, x];
  let used = 0;
  let matched = 0;
  let shortFound = 0;
  for (const t of short) {
    let best = 0;
    let at = -1;
    for (let j = 0; j < long.length; j++) {
      if (used & (1 << j)) continue;
      const u = long[j] as string;
      let s = t === u ? 1 : 0;
      if (s === 0 && !strict && t.length >= 4 && u.length >= 4 && t[0] === u[0]) {
        // A ratio of 0.8 allows this many edits; the length difference alone may already exceed it.
        const longest = t.length > u.length ? t.length : u.length;
        const allowed = Math.floor(0.2 * longest);
        if (Math.abs(t.length - u.length) <= allowed) {
          const d = boundedEditDistance(t, u, allowed);
          if (d <= allowed) s = 1 - d / longest;
        }
      }
      if (s > best) {
        best = s;
        at = j;
        if (s === 1) break;
      }
    }
    if (at >= 0) {
      used |= 1 << at;
      matched += best;
      shortFound += 1;
    }
  }
  const dice = (2 * matched) / (nx + ny);
  if (!strict && short.length >= 2 && shortFound === short.length && long.length - short.length <= 2) {
    return Math.max(dice, (0.92 * matched) / short.length);
  }
  return dice;
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
