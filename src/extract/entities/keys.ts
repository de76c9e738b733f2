/**
 * Canonical keys for names the gazetteer does not know, so that the same person written with other
 * hyphens, spacing, case or romanisation gets the same key in every article — and two different people
 * who only share a family name never do (the key keeps every syllable of the given name, in order).
 *
 * Korean names (a known family name followed by romanised syllables) are folded to one spelling:
 * McCune–Reischauer without diacritics, the way KCNA writes them ("Pak Jong Chon"). South Korean and
 * Revised-Romanisation spellings fold onto it ("Park" → "pak", "Jeong" → "jong", "Baek" → "paek"),
 * and initial voicing, which KCNA itself writes both ways ("Kim Chol Pom" / "Kim Chol Bom"), is folded
 * (b→p, g→k, d→t). Two names that fold to one key are written identically in plain McCune–Reischauer,
 * so folding never joins names that an analyst could tell apart from the spelling alone.
 * Other names get a few transliteration folds for Russian and other names ("Sergey" → "sergei",
 * "Shoygu" → "shoigu"). Every fold is data below; `explainKey` says which ones a form needed.
 */
import { KOREAN_FAMILY_NAMES } from "./lexicon.js";

/** Family-name spellings → the folded form. Data: add a pair when reporting uses another spelling. */
export const FAMILY_NAME_FOLDS: Readonly<Record<string, string>> = {
  park: "pak",
  bak: "pak",
  choi: "choe",
  choy: "choe",
  lee: "ri",
  rhee: "ri",
  yi: "ri",
  cho: "jo",
  chung: "jong",
  jung: "jong",
  jeong: "jong",
  yoon: "yun",
  lim: "rim",
  im: "rim",
  noh: "no",
  roh: "no",
  shin: "sin",
  moon: "mun",
  jeon: "jon",
  hyun: "hyon",
  koh: "ko",
  oh: "o",
  sohn: "son",
  baek: "paek",
  paik: "paek",
  heo: "ho",
  huh: "ho",
  seo: "so",
  suh: "so",
  ahn: "an",
  kwak: "kwak",
  koo: "ku",
  gu: "ku",
  chang: "jang",
};

/** Syllable spellings of Revised Romanisation and South Korean usage → McCune–Reischauer. Applied in order. */
export const SYLLABLE_FOLDS: readonly [RegExp, string, string][] = [
  [/eo/g, "o", "eo→o"],
  [/eu/g, "u", "eu→u"],
  [/oo/g, "u", "oo→u"],
  [/ou/g, "o", "ou→o"],
  [/^b/, "p", "b→p"],
  [/^g/, "k", "g→k"],
  [/^d/, "t", "d→t"],
];

/** Transliteration folds for other names (Russian above all), applied to each lower-cased token. */
export const WESTERN_FOLDS: readonly [RegExp, string, string][] = [
  [/^aleksandr$|^alexandr$/, "alexander", "Alexandr→Alexander"],
  [/^aleksei$|^aleksey$|^alexey$/, "alexei", "Alexey→Alexei"],
  [/ey$/, "ei", "ey→ei"],
  [/iy$/, "i", "iy→i"],
  [/ry$/, "ri", "ry→ri"],
  [/yy$/, "y", "yy→y"],
  // Russian ой before a consonant or at the end: Shoygu/Shoigu, Boyko/Boiko, Tolstoy/Tolstoi.
  [/oy(?![aeiouy])/g, "oi", "oy→oi"],
];

/**
 * A romanised Korean syllable: optional initial consonant(s), a vowel group, an optional final.
 * Used to tell a Korean given name ("Jong Chon", "Byoung-sam") from ordinary capitalised words
 * ("Heavy Machine Complex", "Pump Factory"), which rarely parse as syllables.
 */
const SYLLABLE =
  /^(?:ssh|tch|kk|tt|pp|ss|jj|ch|kh|ph|th|sh|[bcdghjklmnprstw])?(?:y|w)?(?:eo|eu|ae|oe|ui|ai|oo|ou|ee|ie|a|e|i|o|u)(?:e|i|u)?(?:ng|n|l|k|p|m|t|r|b|g)?$/;

export function isSyllable(token: string): boolean {
  return token.length <= 6 && SYLLABLE.test(token.toLowerCase());
}

/** The given-name parts of a name token: "Byoung-sam" → ["Byoung", "sam"]. */
function parts(name: string): string[] {
  return name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/['’`]s$/u, "")
    .split(/[\s\u2010\u2011-]+/)
    .filter((t) => t !== "");
}

/**
 * True when `name` looks like a Korean personal name: a known family name, then one to three romanised
 * syllables (spaced or hyphenated): "Koo Byoung-sam", "Kim Jong Un", "Ri Kil".
 */
export function isKoreanName(name: string): boolean {
  const tokens = parts(name);
  const family = tokens[0];
  if (!family || !KOREAN_FAMILY_NAMES.has(family) || tokens.length < 2 || tokens.length > 4) return false;
  return tokens.slice(1).every((t) => /^[A-Za-z]+$/.test(t) && isSyllable(t));
}

export interface KeyExplanation {
  /** The folded tokens, joined by "-", which become the key after the type prefix. */
  folded: string;
  /** The folds the form needed ("Park→Pak", "b→p", "hyphen/space", "case"). */
  rules: string[];
}

function foldKorean(tokens: string[], rules: Set<string>): string[] {
  return tokens.map((token, i) => {
    let t = token.toLowerCase();
    if (i === 0) {
      const folded = FAMILY_NAME_FOLDS[t];
      if (folded && folded !== t) {
        rules.add(`family name ${token}→${folded}`);
        t = folded;
      }
      return t;
    }
    for (const [re, to, label] of SYLLABLE_FOLDS) {
      const next = t.replace(re, to);
      if (next !== t) rules.add(label);
      t = next;
    }
    return t;
  });
}

function foldWestern(tokens: string[], rules: Set<string>): string[] {
  return tokens.map((token) => {
    let t = token.toLowerCase();
    for (const [re, to, label] of WESTERN_FOLDS) {
      const next = t.replace(re, to);
      if (next !== t) rules.add(label);
      t = next;
    }
    return t;
  });
}

/** Fold a person's name to its key part and say which rules it took. */
export function explainKey(name: string): KeyExplanation {
  const rules = new Set<string>();
  const tokens = parts(name);
  if (/[\u2010\u2011-]/.test(name)) rules.add("hyphen/space");
  const cased = tokens.slice(1).some((t) => /^[a-z]/.test(t) || /^[A-Z]{2,}$/.test(t));
  if (cased) rules.add("case");
  const folded = isKoreanName(name) ? foldKorean(tokens, rules) : foldWestern(tokens, rules);
  return { folded: folded.join("-"), rules: [...rules] };
}

/** The cross-article key of an unseen person: `person:` + folded name ("person:pak-jong-chon"). */
export function personKey(name: string): string {
  return `person:${explainKey(name).folded}`;
}
