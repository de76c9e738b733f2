/**
 * Entity recognition: gazetteer names (with hyphen/space/case variants), state metonyms and demonyms, unseen
 * names found from context (capitalised sequences next to titles, roles, appositions, lists of names),
 * organisations and places by their head word, vessels after "vessel"/"tanker"/"MV", bare surnames resolved
 * to the nearest earlier full name with that family name, and roles from appositions.
 *
 * Every mention says how it was tied to its entity (`via`): "name", "alias", "metonym", "demonym",
 * "variant" (an unseen spelling that folds onto a gazetteer name), "context", "surname", "description",
 * "homoglyph" (a name written with Cyrillic or Greek look-alike letters, see homoglyphs.ts).
 * Cross-article keys for unseen names come from `keys.ts` (spelling folds, every syllable kept).
 *
 * Hand-written: no NER model can be downloaded here, and the rules below are small, explainable and fast
 * (one linear pass per pattern).
 */
import type { Article, Entity, EntityType, Gender, Mention } from "../../types.js";
import { GAZETTEER, type GazetteerEntry } from "./gazetteer.js";
import { foldHomoglyphs } from "./homoglyphs.js";
import { explainKey, isKoreanName, personKey } from "./keys.js";
import {
  KOREAN_FAMILY_NAMES,
  NOT_NAME_WORDS,
  ORG_HEADS,
  PERSON_TITLES,
  PLACE_HEADS,
  PORTFOLIO_WORDS,
  ROLE_HEADS,
  ROLE_MODIFIER_WORDS,
  STOP_CAPITALS,
  TITLE_MODIFIERS,
} from "./lexicon.js";
import { escapeRegExp } from "../../text.js";

export { GAZETTEER, GAZETTEER_VERSION, type GazetteerEntry } from "./gazetteer.js";
export { explainKey, isKoreanName, type KeyExplanation, personKey } from "./keys.js";

interface Hit {
  start: number;
  end: number;
  text: string;
  key: string;
  name: string;
  type: EntityType;
  via: string;
  gender: Gender;
  country: string | null;
  imo?: string;
}

const APOSTROPHES = "['\u2019\u2018\u02BC]";

/** "Kim Jong-un" → a pattern that also accepts "Kim Jong Un", "Kim Jong-Un", "Kim Jongun"; possessive 's allowed. */
function aliasPattern(alias: string): string {
  return alias
    .split(/([-\s]+)/)
    .map((part, index) => {
      if (/^[-\s]+$/.test(part)) return "[-\\s\u2010\u2011]?";
      // The first word keeps its case ("US" is not "us"); later syllables match either case ("Jong-un"/"Jong-Un").
      // An apostrophe matches its typographic forms too: "Democratic People’s Republic of Korea" must not
      // leave "Republic of Korea" (the South) to match inside it.
      if (index === 0) return escapeRegExp(part).replace(/'/g, APOSTROPHES);
      return part
        .split("")
        .map((ch) =>
          /[a-z]/i.test(ch)
            ? `[${ch.toLowerCase()}${ch.toUpperCase()}]`
            : ch === "'"
              ? APOSTROPHES
              : escapeRegExp(ch),
        )
        .join("");
    })
    .join("");
}

interface CompiledAlias {
  entry: GazetteerEntry;
  /** The alias without its word boundaries, sticky: tried only where its first word occurs. */
  regex: RegExp;
  via: "name" | "alias" | "metonym" | "demonym";
  /** The alias's first word exactly as written (matched case-sensitively), found with indexOf. */
  first: string;
  /** A person's multi-word name may touch the words around it (see below). */
  glued: boolean;
}

function compile(): CompiledAlias[] {
  const out: CompiledAlias[] = [];
  for (const entry of GAZETTEER) {
    const listed: [string, CompiledAlias["via"]][] = [
      ...entry.aliases.map((a): [string, CompiledAlias["via"]] => [a, a === entry.name ? "name" : "alias"]),
      ...(entry.metonyms ?? []).map((a): [string, CompiledAlias["via"]] => [a, "metonym"]),
      ...(entry.demonyms ?? []).map((a): [string, CompiledAlias["via"]] => [a, "demonym"]),
    ];
    // "the North", "the Kremlin" open a sentence as "The North", "The Kremlin".
    const forms = listed.flatMap((f): [string, CompiledAlias["via"]][] =>
      f[0].startsWith("the ") ? [f, [`The ${f[0].slice(4)}`, f[1]]] : [f],
    );
    for (const [form, via] of forms) {
      // Scraped copies glue a bolded name to its neighbours ("ComradeKim Jong Unsaid"): a person's
      // multi-word name may touch a lower-case letter before it, or letters after it.
      const glued = entry.type === "PERSON" && /^[A-Z]\S*\s/.test(form);
      out.push({
        entry,
        via,
        regex: new RegExp(aliasPattern(form), "uy"),
        first: form.split(/[-\s]+/)[0] ?? form,
        glued,
      });
    }
  }
  return out;
}

const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
const isLower = (ch: string | undefined) => ch !== undefined && /\p{Ll}/u.test(ch);
const isUpper = (ch: string | undefined) => ch !== undefined && /\p{Lu}/u.test(ch);

/**
 * Every match of one alias: candidate positions by indexOf of its first word (fast), then the alias tried
 * there, with word boundaries checked by hand (glued person names may touch letters on either side).
 */
function* aliasMatches(body: string, alias: CompiledAlias): Generator<[number, string]> {
  const { first, regex, glued } = alias;
  for (let at = body.indexOf(first); at >= 0; at = body.indexOf(first, at + 1)) {
    const prev = body[at - 1];
    if (isWordChar(prev) && !(glued && isLower(prev))) continue;
    regex.lastIndex = at;
    const m = regex.exec(body);
    if (!m) continue;
    const end = at + m[0].length;
    const next = body[end];
    if (isWordChar(next) && !(glued && (isUpper(next) || (isLower(next) && isLower(body[end + 1])))))
      continue;
    yield [at, m[0]];
    at = end - 1;
  }
}

const COMPILED = compile();

/** Gazetteer people by folded name, so an unseen spelling of a known person ("Choi Son-hui") joins it. */
const GAZETTEER_PEOPLE = new Map<string, GazetteerEntry>();
for (const entry of GAZETTEER) {
  if (entry.type !== "PERSON") continue;
  for (const alias of entry.aliases) {
    if (alias.trim().split(/[\s-]+/).length < 2) continue;
    const key = personKey(alias);
    if (!GAZETTEER_PEOPLE.has(key)) GAZETTEER_PEOPLE.set(key, entry);
  }
}

/** A capital is a place, not an actor, after these words ("a fair in Pyongyang"). */
const PLACE_PREPOSITIONS =
  /\b(in|at|near|outside|around|into|visit(?:ed|ing)? to|trip to|arrived in|flew to|travel(?:l?ed)? to)\s+(?:the\s+)?$/i;

function gazetteerHits(body: string): Hit[] {
  const hits: Hit[] = [];
  for (const compiled of COMPILED) {
    const { entry, via } = compiled;
    for (const [start, text] of aliasMatches(body, compiled)) {
      const end = start + text.length;
      let type = entry.type;
      let key = entry.key;
      let name = entry.name;
      let how: string = via;
      // "the North" is North Korea, but "the North Atlantic" is not.
      if (/^the\s/i.test(text) && /^[ \t]+[A-Z]/.test(body.slice(end, end + 2))) continue;
      // A name written without spaces only counts as a whole word: "Kimilsungia" is a flower.
      if (!/[\s\u2010\u2011-]/.test(text) && /\p{L}/u.test(`${body[start - 1] ?? ""}${body[end] ?? ""}`))
        continue;
      if (via === "metonym" && entry.type === "STATE") {
        const before = body.slice(Math.max(0, start - 20), start);
        const after = body.slice(end, end + 3);
        // "from Pyongyang to Moscow" names the parties of a transfer: the states act. "in Pyongyang" is a place.
        const transfer =
          (/\bfrom\s+$/i.test(before) && /^\s+to\s/i.test(body.slice(end, end + 5))) ||
          /\bfrom\s+[A-Z][\p{L}-]+\s+to\s+$/u.test(body.slice(Math.max(0, start - 40), start));
        const isPlace =
          !transfer &&
          ((PLACE_PREPOSITIONS.test(before) && !/\bfrom\s+$/i.test(before)) ||
            /^\s*[–—-]\s/.test(after) ||
            /^\)/.test(after) ||
            /^[ \t]*,[ \t]*(?:\p{Lu}\p{Ll}+[ \t]+\d|\p{Lu}\p{Ll}+ \(|\d)/u.test(body.slice(end, end + 20)) ||
            (before.endsWith("(") && /^[A-Z ]+\)/.test(body.slice(start, end + 1))));
        if (isPlace) {
          type = "PLACE";
          key = `place:${text
            .toLowerCase()
            .replace(/^the\s+/, "")
            .replace(/\s+/g, "-")}`;
          name = text.replace(/^the\s+/i, "");
          how = "name";
        }
      }
      // "the East China Sea", "the Sea of Japan", "the Gulf of Mexico": a state in a body of water's name is
      // no mention of the state.
      if (
        entry.type === "STATE" &&
        (/^[ \t]+(?:Sea|Ocean|Strait|Straits|Gulf|Bay)\b/.test(body.slice(end, end + 8)) ||
          /\b(?:Sea|Gulf|Strait|Straits|Bay)[ \t]+of[ \t]+$/.test(body.slice(Math.max(0, start - 12), start)))
      )
        continue;
      // "US" in all caps only; "America" only when not part of "Latin America".
      if (/^(US|UN)$/.test(text) && body.slice(start, end) !== text.toUpperCase()) continue;
      hits.push({
        start,
        end,
        text: text,
        key,
        name,
        type,
        via: how,
        gender: entry.gender ?? "unknown",
        country: entry.country ?? null,
      });
    }
  }
  return hits;
}

// Letters of any script with their accents ("Nicolás Maduro", "Erdoğan", "Nguyễn Phú Trọng"), precomposed or
// with combining marks.
const NAME_TOKEN = "(?:\\p{Lu}[\\p{Ll}\\p{M}]+(?:[-\u2010]\\p{L}[\\p{Ll}\\p{M}]+)*|[A-Z]{2,5})";
const CAP_SEQ = new RegExp(
  `(?<![\\p{L}\\p{N}'’])${NAME_TOKEN}(?:[ \\t]+(?:of[ \\t]+|for[ \\t]+|and[ \\t]+)?${NAME_TOKEN}){0,7}(?![\\p{L}])`,
  "gu",
);
const TOKEN = /[^ \t]+/g;

function isSentenceStart(body: string, index: number): boolean {
  const before = body.slice(Math.max(0, index - 3), index);
  return index === 0 || /(^|[.!?"“”]\s+|\n\s*)$/.test(before) || /\n$/.test(before);
}

function slug(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

const SAY_VERB =
  /^,?[ \t]+(?:said|says|told|added|denied|warned|argued|noted|stressed|urged|insisted|claimed|announced|wrote|asked|replied|explained)\b/;
/** A verb of saying right before a name that ends its clause: "…,” said Jenny Town of the Stimson Center. */
const SAID_BEFORE = /(?:\b(?:said|says|added|wrote|asked|replied|explained)|\baccording to)[ \t]+$/;
/** What follows such a name: its description (", a senior fellow …", ", who …") or its institution (" of the …"). */
const CLAUSE_END_AFTER = /^(?:[ \t]*,[ \t]+(?:a|an|the|who|whose)\b|[ \t]+of[ \t]+(?:the[ \t]+)?\p{Lu})/u;
/**
 * A role set off before a name: "Japan's ambassador to the UN, Kazuyuki Yamazaki, told …". The words
 * from the last clause break up to the comma before the name; a role when they hold a role head.
 */
function roleBefore(before: string): string | null {
  const m = /(?:^|[.;:!?"“”(]\s*|,\s+|\n)([^,.;:!?"“”()\n]{3,100}),[ \t]*$/.exec(before);
  const role = m?.[1]?.trim().replace(/^(?:the|a|an)\s+/i, "");
  return role && hasRoleHead(role) && /^[\p{Ll}\p{Lu}]/u.test(role) && !/\b(?:said|told|says)\b/.test(role)
    ? role
    : null;
}
/**
 * A title written in lowercase right before a name, AP style: "Kremlin spokesman Dmitry Peskov",
 * "White House press secretary Karine Jean-Pierre". The last word is a role head; the title runs back over
 * capitalised words and title modifiers, up to the clause's start. Null when the word before is no role head.
 */
function titleRightBefore(before: string): string | null {
  const words = before.split(/[ \t]+/);
  if (words[words.length - 1] === "") words.pop();
  const last = words[words.length - 1] ?? "";
  // "vice" alone is the nomination's "in place of" ("…, vice Joe Leonard, resigned"), never a title.
  if (!/^\p{Ll}+$/u.test(last) || !ROLE_HEADS.includes(last) || last === "vice") return null;
  let k = words.length - 1;
  while (k > 0 && words.length - k < 6) {
    const w = words[k - 1] ?? "";
    const clean = /^[\p{L}'’.-]+$/u.test(w);
    const capital = clean && /^\p{Lu}/u.test(w) && !STOP_CAPITALS.has(w);
    const lower = clean && (ROLE_MODIFIER_WORDS.has(w) || ROLE_HEADS.includes(w));
    if (!capital && !lower) break;
    k -= 1;
  }
  return words.slice(k).join(" ");
}
const CONNECTOR = /^(?:of|for|and)$/;
const COMPASS = new Set(["North", "South", "East", "West"]);
/** "Russian", "Japanese", "Iraqi": adjectives before a title. Five letters or more, so "Tian" or "Yuan" stay names. */
const DEMONYM_LIKE = /^(?:[A-Z][a-z]{2,}(?:ian|ese|ish|an)|[A-Z][a-z]{3,}i|Thai|Lao)$/;
/**
 * A demonym-shaped word opening a title ("Russian Defense Minister …", "Iraqi Foreign Minister …"): only
 * before a title or a portfolio. Before a name it is a given name ("Kazuyuki Yamazaki",
 * "Brian Hook", "Susan Thornton").
 */
function demonymBefore(w: string, next: string | undefined): boolean {
  if (!DEMONYM_LIKE.test(w)) return false;
  if (next === undefined) return true;
  return isTitleWord(next) || PORTFOLIO_WORDS.has(next) || STOP_CAPITALS.has(next);
}
const ROLE_RES = ROLE_HEADS.map((h) => new RegExp(`\\b${h}\\b`, "i"));
const hasRoleHead = (s: string) => ROLE_RES.some((re) => re.test(s));

/** ", a defense ministry spokesman," / ", vice-premier of the Cabinet," → the role text, when it names one. */
function appositionRole(text: string): string | null {
  // Dots inside abbreviations ("the C.C., WPK", "U.S.") do not end the apposition.
  const after = text.replace(/(?<=\b[A-Z])\.(?=[A-Z]\.)|(?<=\b[A-Z]\.[A-Z])\./g, "\u2024");
  const m =
    /^,[ \t]+(?:(?:a|an|the)[ \t]+)?([^,.;:\n“"]{3,140}?)(?=,|\.|;|:|\n|[ \t]+said\b|[ \t]+told\b|$)/.exec(
      after,
    );
  const role = m?.[1]?.replace(/\u2024/g, ".").trim();
  return role && hasRoleHead(role) && !/^[A-Z][a-z]+[ \t]+[A-Z]/.test(role) ? role : null;
}

interface Token {
  text: string;
  start: number;
  end: number;
}

function tokensOf(text: string, offset: number): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    out.push({ text: m[0], start: offset + m.index, end: offset + m.index + m[0].length });
  }
  return out;
}

/** A title word, also hyphenated or plural ("Secretary-General", "Vice-Premiers"). */
function isTitleWord(w: string): boolean {
  return (
    PERSON_TITLES.has(w) ||
    PERSON_TITLES.has(w.replace(/s$/, "")) ||
    (w.includes("-") && w.split("-").some((part) => PERSON_TITLES.has(part.replace(/s$/, ""))))
  );
}

/** Words before a name make it a person's title when one of them is a title on its own ("Manager",
 * "Minister", "Comrade"), not only a modifier ("Press", "Senior") or a portfolio ("Transportation"). */
function isTitle(words: Token[]): boolean {
  const texts = words.map((t) => t.text);
  return (
    texts.some((w) => isTitleWord(w) && !TITLE_MODIFIERS.has(w)) ||
    (texts.some((w) => PORTFOLIO_WORDS.has(w)) && texts.some((w) => isTitleWord(w)))
  );
}

interface PersonCandidate {
  start: number;
  end: number;
  text: string;
  roles: string[];
  /** Family name plus a single syllable ("Ri Kil"): kept only when a title, role or list of names supports it. */
  weak: boolean;
}

/**
 * Unseen names from context: capitalised sequences that are organisations or places (by their head word)
 * or people (title, role apposition, Korean name shape, a verb of saying, or a list of other people).
 * Returns the hits and the gazetteer people that turned out to be part of an institution's name
 * ("Kim Il Sung University"), which the caller drops.
 */
function contextHits(
  body: string,
  gaz: Hit[],
): { hits: Hit[]; roles: Map<string, string[]>; inside: Set<Hit> } {
  const hits: Hit[] = [];
  const roles = new Map<string, string[]>();
  const inside = new Set<Hit>();
  const overlapping = (s: number, e: number) => gaz.filter((h) => s < h.end && e > h.start);
  const candidates: PersonCandidate[] = [];
  CAP_SEQ.lastIndex = 0;
  for (let m = CAP_SEQ.exec(body); m; m = CAP_SEQ.exec(body)) {
    const all = tokensOf(m[0], m.index);
    // Drop leading stop words, titles and demonyms ("The", "Russian Defense Minister"), but keep a Korean
    // family name that is also an English word when a name follows ("An Kil", "No Kwang Chol").
    let drop = 0;
    /** The name starting at token `k`: up to the first "of"/"for"/"and". */
    const nameFrom = (k: number): string => {
      const words: string[] = [];
      for (let i = k; i < all.length; i++) {
        const t = all[i]?.text ?? "";
        if (CONNECTOR.test(t)) break;
        words.push(t);
      }
      return words.join(" ");
    };
    // "East China Sea", "South Hamgyong Province": a compass word opening a place's name is part of it.
    const placeName = PLACE_HEADS.has(all[all.length - 1]?.text ?? "");
    while (drop < all.length - 1) {
      const w = all[drop]?.text ?? "";
      if (placeName && COMPASS.has(w)) break;
      if (KOREAN_FAMILY_NAMES.has(w)) {
        const name = nameFrom(drop);
        const nameEnd = (all[drop]?.start ?? 0) + name.length;
        if (
          /\s/.test(name) &&
          (isKoreanName(name) || appositionRole(body.slice(nameEnd, nameEnd + 200)) !== null)
        )
          break;
      }
      if (
        STOP_CAPITALS.has(w) ||
        PERSON_TITLES.has(w) ||
        CONNECTOR.test(w) ||
        demonymBefore(w, all[drop + 1]?.text) ||
        // A capitalised sentence opener before a Korean name ("Yesterday Choi Son-hui …") is not part of it.
        (!KOREAN_FAMILY_NAMES.has(w) &&
          KOREAN_FAMILY_NAMES.has(all[drop + 1]?.text ?? "") &&
          isKoreanName(nameFrom(drop + 1)))
      )
        drop += 1;
      else break;
    }
    const title = all
      .slice(0, drop)
      .map((t) => t.text)
      .join(" ");
    const titled = isTitle(all.slice(0, drop));
    let tokens = all.slice(drop);
    // "Students of Kim Il Sung University" at a sentence start: the plural opener is not part of the name.
    if (
      tokens.length > 2 &&
      tokens[1]?.text === "of" &&
      /^[A-Z][a-z]+s$/.test(tokens[0]?.text ?? "") &&
      isSentenceStart(body, tokens[0]?.start ?? 0)
    )
      tokens = tokens.slice(2);
    const first = tokens[0];
    const lastTok = tokens[tokens.length - 1];
    if (!first || !lastTok) continue;
    if (tokens.every((t) => STOP_CAPITALS.has(t.text) || CONNECTOR.test(t.text))) continue;
    // Names joined by "and" are classified one by one ("Pak Sang Gil and Army General …").
    const segments: Token[][] = [[]];
    for (const t of tokens) {
      if (t.text === "and") segments.push([]);
      else segments[segments.length - 1]?.push(t);
    }
    for (const [segIndex, segment] of segments.entries()) {
      classify(segment, segIndex === 0 ? { title, titled } : { title: "", titled: false });
    }
  }
  function classify(tokens: Token[], lead: { title: string; titled: boolean }): void {
    const { title, titled } = lead;
    const first = tokens[0];
    const lastTok = tokens[tokens.length - 1];
    if (!first || !lastTok) return;
    if (tokens.every((t) => STOP_CAPITALS.has(t.text) || CONNECTOR.test(t.text))) return;
    const start = first.start;
    const end = lastTok.end;
    const text = body.slice(start, end);
    const words = tokens.map((t) => t.text);
    const last = lastTok.text;
    // Organisations and places by their head word.
    const kind: EntityType | null =
      words.length >= 2 && PLACE_HEADS.has(last)
        ? "PLACE"
        : words.length >= 2 && words.some((w, i) => i > 0 && ORG_HEADS.has(w))
          ? "ORG"
          : words.length >= 2 && words.some((w, i) => i > 0 && PLACE_HEADS.has(w))
            ? "PLACE"
            : null;
    if (kind) {
      const over = overlapping(start, end);
      // A person's name inside an institution's name is not a mention of the person.
      if (over.some((h) => h.type !== "PERSON" || h.start < start || h.end > end)) return;
      for (const h of over) inside.add(h);
      hits.push({
        start,
        end,
        text,
        key: `${kind === "ORG" ? "org" : "place"}:${slug(text)}`,
        name: text,
        type: kind,
        via: "context",
        gender: "unknown",
        country: null,
      });
      return;
    }
    // People: each part between "of"/"for" ("Minister of Foreign Affairs Pak Sang Gil").
    let part: Token[] = [];
    const parts: Token[][] = [];
    for (const t of tokens) {
      if (CONNECTOR.test(t.text)) {
        parts.push(part);
        part = [];
      } else part.push(t);
    }
    parts.push(part);
    for (const [index, whole] of parts.entries()) {
      // Each part may start with its own title ("Manager Ri Hwang and Deputy Manager Ri Kil").
      let skip = 0;
      while (skip < whole.length - 1) {
        const w = whole[skip]?.text ?? "";
        if (KOREAN_FAMILY_NAMES.has(w)) break;
        const portfolio = PORTFOLIO_WORDS.has(w) && whole.length - skip >= 2;
        if (isTitleWord(w) || demonymBefore(w, whole[skip + 1]?.text) || STOP_CAPITALS.has(w) || portfolio)
          skip += 1;
        else break;
      }
      // "Kentucky Governor Andy Beshear": a title inside the part starts the name after it.
      for (let k = whole.length - 3; k >= skip; k--) {
        const w = whole[k]?.text ?? "";
        if (isTitleWord(w) && !TITLE_MODIFIERS.has(w) && !KOREAN_FAMILY_NAMES.has(w)) {
          skip = k + 1;
          break;
        }
      }
      // "Foreign Affairs Pak Sang Gil", "Senior Colonel Choe Hun": a Korean name ending the part is the
      // name, and the words before it are its title.
      let prefixed = false;
      const fromSkip = body.slice(whole[skip]?.start ?? 0, whole[whole.length - 1]?.end ?? 0);
      for (let k = skip + 1; k < whole.length - 1 && !isKoreanName(fromSkip); k++) {
        const tail = whole.slice(k);
        const tailText = body.slice(tail[0]?.start ?? 0, tail[tail.length - 1]?.end ?? 0);
        if (KOREAN_FAMILY_NAMES.has(tail[0]?.text ?? "") && isKoreanName(tailText)) {
          prefixed = whole.slice(skip, k).some((t) => !DEMONYM_LIKE.test(t.text));
          skip = k;
          break;
        }
      }
      const p = whole.slice(skip);
      const ownTitle = whole
        .slice(0, skip)
        .map((t) => t.text)
        .join(" ");
      const ownTitled = prefixed || isTitle(whole.slice(0, skip));
      const pf = p[0];
      const pl = p[p.length - 1];
      if (!pf || !pl || p.length < 2 || p.length > 5) continue;
      const ps = pf.start;
      const pe = pl.end;
      if (overlapping(ps, pe).length > 0) continue;
      const ptext = body.slice(ps, pe);
      const pw = p.map((t) => t.text);
      if (
        pw.some(
          (w, i) =>
            (STOP_CAPITALS.has(w) && !(i === 0 && KOREAN_FAMILY_NAMES.has(w))) ||
            NOT_NAME_WORDS.has(w) ||
            /^[A-Z]{2,}$/.test(w),
        )
      )
        continue;
      const korean = isKoreanName(ptext);
      const syllables = ptext.split(/[\s\u2010\u2011-]+/).length - 1;
      const after = body.slice(pe, pe + 200);
      const role = appositionRole(after);
      const partTitled = (index === 0 && titled) || ownTitled;
      const western = p.length <= 4 && pw.every((w) => /^[A-Z][a-z]+(?:-[A-Z][a-z]+)?$/.test(w));
      const before = body.slice(Math.max(0, ps - 120), ps);
      const says =
        SAY_VERB.test(after) || (western && SAID_BEFORE.test(before) && CLAUSE_END_AFTER.test(after));
      const preRole =
        western && !role && !pw.some(isTitleWord) && /^[ \t]*(?:,|[ \t]+\p{Ll})/u.test(after)
          ? roleBefore(before)
          : null;
      const rightBefore = western && !role && !preRole && !partTitled ? titleRightBefore(before) : null;
      const r: string[] = [];
      if (role) r.push(role);
      if (preRole) r.push(preRole);
      if (rightBefore) r.push(rightBefore);
      // "Chief of" + "Staff" → "Chief of Staff": the sequence's title and the part's own words before the name.
      const lead = index === 0 && titled ? title.replace(/^(?:The|the)\s+/, "") : "";
      const fullTitle = [lead, ownTitle].filter(Boolean).join(" ");
      if (lead || ownTitled) r.push(fullTitle);
      if (korean && syllables >= 2) {
        candidates.push({ start: ps, end: pe, text: ptext, roles: r, weak: false });
        continue;
      }
      if (korean && syllables === 1) {
        candidates.push({ start: ps, end: pe, text: ptext, roles: r, weak: !(role || partTitled || says) });
        continue;
      }
      if (!(partTitled || role || preRole || rightBefore || (western && says))) continue;
      if (
        !korean &&
        !partTitled &&
        !role &&
        !preRole &&
        !rightBefore &&
        isSentenceStart(body, ps) &&
        !says &&
        body.indexOf(ptext, pe) < 0
      )
        continue;
      candidates.push({ start: ps, end: pe, text: ptext, roles: r, weak: false });
    }
  }
  // A weak candidate ("Kim Il", "Kang Kon") joins when it sits in a list beside an accepted person.
  const accepted = candidates.filter((c) => !c.weak);
  let pending = candidates.filter((c) => c.weak);
  const listGap = /^[ \t]*(?:,[ \t]*(?:and[ \t]+)?|and[ \t]+)$/;
  for (let changed = true; changed && pending.length > 0; ) {
    changed = false;
    const next: PersonCandidate[] = [];
    for (const c of pending) {
      const beside = accepted.some(
        (a) =>
          (a.end <= c.start && c.start - a.end < 8 && listGap.test(body.slice(a.end, c.start))) ||
          (c.end <= a.start && a.start - c.end < 8 && listGap.test(body.slice(c.end, a.start))),
      );
      if (beside) {
        accepted.push(c);
        changed = true;
      } else next.push(c);
    }
    pending = next;
  }
  for (const c of accepted) {
    const known = GAZETTEER_PEOPLE.get(personKey(c.text));
    const key = known?.key ?? personKey(c.text);
    hits.push({
      start: c.start,
      end: c.end,
      text: c.text,
      key,
      name: known?.name ?? c.text,
      type: "PERSON",
      via: known ? "variant" : "context",
      gender: known?.gender ?? "unknown",
      country: known?.country ?? null,
    });
    const list = roles.get(key) ?? [];
    list.push(...c.roles);
    roles.set(key, list);
  }
  return { hits, roles, inside };
}

/** Words before a ship's name. Data: extend to teach the recognizer new vessel words. */
/** A ship's name: capitalised words, acronyms and hull numbers ("Yu Jong 2", "CHON MA SAN"). */
const VESSEL_NAME = "((?:[A-Z][A-Za-z]+|[A-Z]{2,})(?:[ \\t]+(?:[A-Z][A-Za-z]+|[A-Z]{2,}|\\d{1,4}))*)";
const VESSEL_RE = new RegExp(
  `\\b(?:(?:vessel|(?:oil |chemical )?tanker|freighter|cargo ship|ship|M\\/V|MV|M\\/T|MT)[ \\t]+(?:named[ \\t]+|called[ \\t]+)?|(?:vessels|tankers|ships)[ \\t]+(?:named|called|including)[ \\t]+)(?:the[ \\t]+)?${VESSEL_NAME}`,
  "g",
);
/** A ship's name set off after its kind: "a North Korea-flagged tanker, the Yu Jong 2, alongside …". */
const VESSEL_APPOSITION_RE = new RegExp(
  `\\b(?:vessel|tanker|freighter|cargo ship|ship),[ \\t]+the[ \\t]+${VESSEL_NAME}(?=,)`,
  "g",
);
const IMO_AFTER = /^[ \t]*[,(]?[ \t]*\(?(?:IMO|IMO No\.?|IMO number)[:\s]*(\d{7})\b/i;

function vesselHits(body: string, taken: (s: number, e: number) => boolean): Hit[] {
  const out: Hit[] = [];
  const found = [...body.matchAll(VESSEL_RE), ...body.matchAll(VESSEL_APPOSITION_RE)];
  for (const m of found) {
    const name = m[1] ?? "";
    const start = m.index + m[0].length - name.length;
    if (out.some((h) => h.start === start)) continue;
    const end = start + name.length;
    if (STOP_CAPITALS.has(name.split(/\s+/)[0] ?? "") || taken(start, end)) continue;
    const imo = IMO_AFTER.exec(body.slice(end, end + 40))?.[1];
    out.push({
      start,
      end,
      text: name,
      key: `vessel:${slug(name)}`,
      name,
      type: "VESSEL",
      via: "context",
      gender: "unknown",
      country: null,
      ...(imo ? { imo } : {}),
    });
  }
  return out;
}

/** Roles written before a known person's name ("Russian Defense Minister Sergei Shoigu") or after it in apposition. */
function rolesAround(body: string, hit: Hit, others: Hit[]): string[] {
  const out: string[] = [];
  const from = Math.max(0, hit.start - 60);
  const before = body.slice(from, hit.start);
  const pre =
    /((?:[A-Z][a-z]+[ \t]+){0,3}(?:leader|President|Minister|minister|spokesman|spokeswoman|spokesperson|official|Secretary|secretary|Chairman|chairman|envoy|ambassador|Ambassador|General|general|commander|Premier|premier))[ \t]*$/.exec(
      before,
    );
  if (pre?.[1]) {
    // Never take another name into the title ("Kim Il Sung and Chairman Kim Jong Il" glued together).
    const start = from + pre.index;
    const cut = others.reduce(
      (at, o) => (o !== hit && o.type === "PERSON" && o.end > at && o.end <= hit.start ? o.end : at),
      start,
    );
    const role = body
      .slice(Math.max(start, cut), hit.start)
      .replace(/^\p{Ll}+/u, "")
      .trim();
    if (/^[A-Z]/.test(role)) out.push(role);
  }
  const role = appositionRole(body.slice(hit.end, hit.end + 200));
  if (role) out.push(role);
  return out;
}

const TITLE_GENDER: [RegExp, Gender][] = [
  [/\b(Mr\.?|he|his|brother|son|father|husband|spokesman|chairman)\s*$/i, "male"],
  [/\b(Ms\.?|Mrs\.?|Madam|she|her|sister|daughter|mother|wife|spokeswoman|chairwoman)\s*$/i, "female"],
];

export function recognizeEntities(article: Article): Entity[] {
  const folded = foldHomoglyphs(article.body);
  if (folded.words.length === 0) return recognize(article);
  // Recognised on the folded text (same offsets); each mention keeps the text as the article writes it.
  const original = article.body;
  const disguised = (m: Mention) => folded.words.some(([s, e]) => m.start < e && m.end > s);
  return recognize({ ...article, body: folded.text }).map((entity) => ({
    ...entity,
    mentions: entity.mentions.map((m) =>
      disguised(m) ? { ...m, text: original.slice(m.start, m.end), via: "homoglyph" } : m,
    ),
  }));
}

function recognize(article: Article): Entity[] {
  const body = article.body;
  const hits = gazetteerHits(body);
  // Longest match wins where gazetteer hits overlap ("UN Security Council" over "UN" and "Security Council").
  hits.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  let kept: Hit[] = [];
  for (const h of hits) {
    const prev = kept[kept.length - 1];
    if (prev && h.start < prev.end) continue;
    kept.push(h);
  }
  const { hits: ctx, roles: ctxRoles, inside } = contextHits(body, kept);
  kept = kept.filter((h) => !inside.has(h));
  const found = [...kept, ...ctx];
  const taken = (s: number, e: number) => found.some((h) => s < h.end && e > h.start);
  const all = [...found, ...vesselHits(body, taken)].sort((a, b) => a.start - b.start);

  // Bare surnames ("Kim", "Koo") resolve to the most recent earlier full name with that family name (Korean
  // order: family name first; Western: last). Two different Kims never merge: each bare mention goes to the
  // nearest preceding one only, and a family name followed by another capitalised word is part of some
  // other name ("Kim Chaek University"), never a bare mention.
  const people = all.filter((h) => h.type === "PERSON");
  const families = new Map<string, Hit[]>();
  for (const p of people) {
    const family = familyName(p);
    families.set(family, [...(families.get(family) ?? []), p]);
  }
  const covered = new Uint8Array(body.length + 1);
  for (const h of all) covered.fill(1, h.start, h.end);
  const surnameRe = /(?<![\p{L}])([A-Z][a-z]{1,12})(?:['’]s)?(?![\p{L}-])/gu;
  for (let m = surnameRe.exec(body); m; m = surnameRe.exec(body)) {
    const word = m[1] ?? "";
    const start = m.index;
    const end = start + word.length;
    const candidates = families.get(word);
    if (!candidates) continue;
    if (covered.subarray(start, end).some((c) => c === 1)) continue;
    if (/^[ \t]+[A-Z]/.test(body.slice(end, end + 2))) continue;
    const prevWord = /([A-Z][\p{L}.]*)[ \t]+$/u.exec(body.slice(Math.max(0, start - 30), start))?.[1];
    // "Sinuiju Cha Kwang Su …": a capitalised word right before makes it part of another name; a sentence
    // end ("Russia. Kim said") or a title ("Comrade Kim") does not.
    if (prevWord && !/[.]$/.test(prevWord) && !PERSON_TITLES.has(prevWord) && !STOP_CAPITALS.has(prevWord))
      continue;
    let best: Hit | null = null;
    for (const p of candidates) {
      if (p.start >= start) break;
      best = p;
    }
    if (!best) continue;
    all.push({ ...best, start, end, text: body.slice(start, end), via: "surname" });
  }
  all.push(...kinshipDescriptors(body, all));
  all.sort((a, b) => a.start - b.start);

  const byKey = new Map<string, Entity>();
  let n = 0;
  for (const h of all) {
    let e = byKey.get(h.key);
    if (!e) {
      n += 1;
      e = {
        id: `e${n}`,
        name: h.name,
        type: h.type,
        aliases: [h.name],
        mentions: [],
        roles: [],
        gender: h.gender,
        key: h.key,
        country: h.country,
      };
      byKey.set(h.key, e);
    }
    if (h.imo && !e.imo) e.imo = h.imo;
    const mention: Mention = { start: h.start, end: h.end, text: h.text, via: h.via };
    e.mentions.push(mention);
    const surface = h.text.replace(/['’]s$/, "");
    if (!e.aliases.includes(surface)) e.aliases.push(surface);
    if (h.type === "PERSON") {
      for (const r of rolesAround(body, h, all)) if (!e.roles.includes(r)) e.roles.push(r);
      if (e.gender === "unknown") {
        const before = body.slice(Math.max(0, h.start - 12), h.start);
        for (const [re, g] of TITLE_GENDER) if (re.test(before)) e.gender = g;
      }
    }
  }
  for (const [key, roles] of ctxRoles) {
    const e = byKey.get(key);
    if (e) for (const r of roles) if (r && !e.roles.includes(r)) e.roles.push(r);
  }
  return [...byKey.values()];
}

/** Korean names put the family name first ("Koo Byoung-sam" → Koo); Western names last ("Sergei Shoigu" → Shoigu). */
function familyName(p: Hit): string {
  const parts = p.name.split(/\s+/);
  const korean = p.country === "KP" || p.country === "KR" || isKoreanName(p.name);
  return (korean ? parts[0] : parts[parts.length - 1]) ?? "";
}

/** Kinship nouns a descriptor may use ("the younger sister of …"). Data: extend as needed. */
const KINSHIP = "sister|brother|wife|husband|daughter|son|aunt|uncle";
const DESCRIPTOR = new RegExp(
  `(?:\\b(?:[Tt]he|[Hh]is|[Hh]er)\\s+|,\\s+)(?:[a-z]+\\s+){0,2}(${KINSHIP})\\s+of\\s+(?:[A-Za-z'-]+\\s+){0,3}?$`,
);

/**
 * "the elder brother of President Lina Varga", "…, sister of leader Kim Jong Un": a descriptor ending in a known person's name
 * becomes a mention (via "description") of the gazetteer person with that family tie, when the article
 * also names that person: the descriptor and the name are then one entity by coreference.
 */
function kinshipDescriptors(body: string, hits: Hit[]): Hit[] {
  const out: Hit[] = [];
  const present = new Set(hits.map((h) => h.key));
  for (const anchor of hits) {
    if (anchor.type !== "PERSON" || anchor.via === "surname") continue;
    const window = body.slice(Math.max(0, anchor.start - 80), anchor.start);
    const m = window.match(DESCRIPTOR);
    if (!m || m.index === undefined) continue;
    const relative = GAZETTEER.find(
      (g) => present.has(g.key) && g.relations?.some((r) => r.relation === m[1] && r.of === anchor.key),
    );
    const named = relative && hits.find((h) => h.key === relative.key);
    if (!relative || !named) continue;
    // An apposition with no article (", sister of leader Kim Jong Un") starts after its comma.
    const start = anchor.start - window.length + m.index + (/^,\s+/.exec(m[0])?.[0].length ?? 0);
    out.push({ ...named, start, end: anchor.end, text: body.slice(start, anchor.end), via: "description" });
  }
  return out;
}

/** Why two spellings share one key: the folds each needed (for the entity page and the eval report). */
export function explainSpelling(form: string): string[] {
  return explainKey(form).rules;
}
