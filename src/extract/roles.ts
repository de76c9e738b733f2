/**
 * Comparing roles and the bodies they name: the role-qualifier comparison of the corpus-level ROLE_CONFLICT
 * (src/ledger/discrepancies.ts), as a helper the extract stage's in-article flag shares (and the ledger can).
 *
 * Two qualifiers name different bodies when both are given, neither contains the other, and they share no
 * word but the kind of body: "defense ministry" and "trade ministry" differ; "ministry" and "foreign
 * ministry" do not (one contains the other), nor "foreign ministry" and "foreign affairs ministry" (they share
 * "foreign"). Words are folded to one spelling first ("defence" → "defense", lexicons/text-quality.ts).
 */
import { SPELLING_FOLDS } from "./lexicons/text-quality.js";

/** Role nouns: two roles with the same noun but different qualifiers conflict. */
export const ROLE_NOUN_RE =
  /\b(spokes(?:man|woman|person)|minister|director|chairman|chairwoman|chair|chief|ambassador|commander|secretary|envoy|president|premier|head)\b/i;

/** Words that qualify nothing: a role "on president" (a parsing slip) has no qualifier. */
export const ROLE_FILLER: ReadonlySet<string> = new Set(
  "a an the on in at of for to by with and or did does was is its his her their former then new acting deputy vice senior top since under both after before during while when as also who which that".split(
    " ",
  ),
);

/** The kind of body a qualifier names; sharing only these does not make two qualifiers the same. */
export const ORG_NOUNS: ReadonlySet<string> = new Set(
  "ministry department office committee commission council agency bureau administration service staff command party government".split(
    " ",
  ),
);

const MAX_ROLE_WORDS = 6;

/** One word in its folded spelling, lower case. */
export function foldWord(word: string): string {
  const w = word.toLowerCase();
  return SPELLING_FOLDS[w] ?? w;
}

export interface RoleParts {
  /** The role as compared: lower case, folded, quotes and articles dropped. */
  text: string;
  /** Its role noun ("spokesman"). */
  noun: string;
  /** What qualifies it ("defense ministry"), "" when nothing does. */
  qualifier: string;
}

/** A role split for comparison; null when it has no role noun or is too long to be one role. */
export function roleParts(role: string): RoleParts | null {
  const words = role
    .replace(/["“”]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean)
    .map(foldWord);
  if (words.length === 0 || words.length > MAX_ROLE_WORDS) return null;
  const text = words.join(" ");
  const noun = ROLE_NOUN_RE.exec(text)?.[1]?.toLowerCase();
  if (!noun) return null;
  const qualifier = words
    .filter((w) => !ROLE_FILLER.has(w) && !ROLE_NOUN_RE.test(w))
    .join(" ")
    .trim();
  return { text: words.filter((w) => !["a", "an", "the"].includes(w)).join(" "), noun, qualifier };
}

/** Whether two qualifiers name different bodies (see the module comment). */
export function qualifiersDiffer(a: string, b: string): boolean {
  const fa = a.split(/\s+/).filter(Boolean).map(foldWord).join(" ");
  const fb = b.split(/\s+/).filter(Boolean).map(foldWord).join(" ");
  if (!fa || !fb || fa.includes(fb) || fb.includes(fa)) return false;
  const wa = new Set(fa.split(" ").filter((w) => !ORG_NOUNS.has(w)));
  return !fb.split(" ").some((w) => !ORG_NOUNS.has(w) && wa.has(w));
}

/** Two roles for the same kind of post whose qualifiers name different bodies. */
export function rolesConflict(a: RoleParts, b: RoleParts): boolean {
  return a.noun === b.noun && qualifiersDiffer(a.qualifier, b.qualifier);
}
