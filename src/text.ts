/** Small string helpers shared by the stages. */

/** "KIM JONG-UN" → "Kim Jong-Un": each word (and each part after a hyphen) capitalised. */
export function titleCase(s: string): string {
  return s
    .toLowerCase()
    .replace(/(^|[\s\u2010\u2011-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());
}

/** `s` as a literal inside a regular expression. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A lexicon phrase as a pattern: literal, any run of white space for a space, and either apostrophe for one
 * ("don't" finds "don’t", which news text mostly writes).
 */
export function phrasePattern(phrase: string): string {
  return escapeRegExp(phrase).replace(/\s+/g, "\\s+").replace(/['’]/g, "['’]");
}

/** A word list as one case-insensitive alternation at word boundaries (longest first; see phrasePattern). */
export function wordsRegExp(words: readonly string[], flags = "i"): RegExp {
  const alt = [...words]
    .sort((a, b) => b.length - a.length)
    .map(phrasePattern)
    .join("|");
  return new RegExp(`\\b(?:${alt})\\b`, flags);
}
