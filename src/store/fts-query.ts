/**
 * Turn what a person types into a search box into a safe SQLite FTS5 query.
 *
 * FTS5 has its own syntax (AND/OR/NOT, NEAR, `*`, `^`, column filters, parentheses) and raises an error on
 * anything malformed, so user text is never passed through: it is read with the same small grammar Postgres'
 * `websearch_to_tsquery` uses, and every term is emitted as a quoted FTS5 phrase.
 *
 *   words           all must match            arms shells
 *   "a phrase"      words next to each other   "artillery shells"
 *   or              either side                 Russia or Iran
 *   -word           must not match              munitions -drone
 *   and, not        ignored (stop words in Postgres' English configuration; AND is implied)
 *
 * Punctuation inside a term (`U.S.`, `*`, `:`) separates words, as the tokenizer would; a term with no letter
 * or digit is dropped. Returns null when nothing searchable is left.
 */

interface Group {
  include: string[];
  exclude: string[];
}

const TOKEN = /(-?)"([^"]*)"?|(-?)([^\s"]+)/gu;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

function phrase(text: string): string | null {
  const words = text.match(WORD);
  if (!words || words.length === 0) return null;
  // Tokens hold only letters, digits and marks, so no quote can reach the FTS5 string.
  return `"${words.join(" ")}"`;
}

export function toFts5Query(text: string): string | null {
  const groups: Group[] = [{ include: [], exclude: [] }];
  for (const match of text.matchAll(TOKEN)) {
    const isPhrase = match[2] !== undefined;
    const negate = (isPhrase ? match[1] : match[3]) === "-";
    const raw = (isPhrase ? match[2] : match[4]) ?? "";
    if (!isPhrase) {
      const lower = raw.toLowerCase();
      if (lower === "or") {
        groups.push({ include: [], exclude: [] });
        continue;
      }
      if (lower === "and" || lower === "not") continue;
    }
    const term = phrase(raw);
    if (!term) continue;
    const group = groups[groups.length - 1]!;
    (negate ? group.exclude : group.include).push(term);
  }
  // A group of exclusions only cannot stand alone in FTS5 (NOT is binary); it is dropped.
  const parts = groups
    .filter((g) => g.include.length > 0)
    .map((g) => `(${[g.include.join(" "), ...g.exclude.map((x) => `NOT ${x}`)].join(" ")})`);
  return parts.length === 0 ? null : parts.join(" OR ");
}
