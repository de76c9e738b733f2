/**
 * Entity recognition: gazetteer names (with hyphen/space variants), state metonyms and demonyms, unseen names
 * found from context (capitalised sequences next to titles, roles and appositions), bare surnames resolved to
 * the nearest earlier full name, and roles from appositions. Hand-written: no NER model can be downloaded here,
 * and the rules below are small, explainable and fast (one linear pass per pattern).
 */
import type { Article, Entity, EntityType, Gender, Mention } from "../../types.js";
import { GAZETTEER, type GazetteerEntry } from "./gazetteer.js";
import { KOREAN_FAMILY_NAMES, ORG_HEADS, PERSON_TITLES, ROLE_HEADS, STOP_CAPITALS } from "./lexicon.js";

export { GAZETTEER, GAZETTEER_VERSION, type GazetteerEntry } from "./gazetteer.js";

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
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** "Kim Jong-un" → a pattern that also accepts "Kim Jong Un", "Kim Jong-Un", "Kim Jongun"; possessive 's allowed. */
function aliasPattern(alias: string): string {
  return alias
    .split(/([-\s]+)/)
    .map((part, index) => {
      if (/^[-\s]+$/.test(part)) return "[-\\s\u2010\u2011]?";
      // The first word keeps its case ("US" is not "us"); later syllables match either case ("Jong-un"/"Jong-Un").
      if (index === 0) return escapeRegExp(part);
      return part
        .split("")
        .map((ch) => (/[a-z]/i.test(ch) ? `[${ch.toLowerCase()}${ch.toUpperCase()}]` : escapeRegExp(ch)))
        .join("");
    })
    .join("");
}

interface CompiledAlias {
  entry: GazetteerEntry;
  regex: RegExp;
  via: "name" | "alias" | "metonym" | "demonym";
}

function compile(): CompiledAlias[] {
  const out: CompiledAlias[] = [];
  for (const entry of GAZETTEER) {
    const forms: [string, CompiledAlias["via"]][] = [
      ...entry.aliases.map((a): [string, CompiledAlias["via"]] => [a, a === entry.name ? "name" : "alias"]),
      ...(entry.metonyms ?? []).map((a): [string, CompiledAlias["via"]] => [a, "metonym"]),
      ...(entry.demonyms ?? []).map((a): [string, CompiledAlias["via"]] => [a, "demonym"]),
    ];
    for (const [form, via] of forms) {
      // Short all-caps acronyms must match case-sensitively ("US" is not "us").
      const flags = "g";
      out.push({
        entry,
        via,
        regex: new RegExp(`(?<![\\p{L}\\p{N}])${aliasPattern(form)}(?![\\p{L}\\p{N}])`, `${flags}u`),
      });
    }
  }
  return out;
}

const COMPILED = compile();

/** A capital is a place, not an actor, after these words ("a fair in Pyongyang"). */
const PLACE_PREPOSITIONS =
  /\b(in|at|near|outside|around|into|visit(?:ed|ing)? to|trip to|arrived in|flew to|travel(?:l?ed)? to)\s+(?:the\s+)?$/i;

function gazetteerHits(body: string): Hit[] {
  const hits: Hit[] = [];
  for (const { entry, regex, via } of COMPILED) {
    regex.lastIndex = 0;
    for (let m = regex.exec(body); m; m = regex.exec(body)) {
      const start = m.index;
      const end = start + m[0].length;
      let type = entry.type;
      let key = entry.key;
      let name = entry.name;
      let how: string = via;
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
            (before.endsWith("(") && /^[A-Z ]+\)/.test(body.slice(start, end + 1))));
        if (isPlace) {
          type = "PLACE";
          key = `place:${m[0]
            .toLowerCase()
            .replace(/^the\s+/, "")
            .replace(/\s+/g, "-")}`;
          name = m[0].replace(/^the\s+/i, "");
          how = "name";
        }
      }
      // "US" in all caps only; "America" only when not part of "Latin America".
      if (/^(US|UN)$/.test(m[0]) && body.slice(start, end) !== m[0].toUpperCase()) continue;
      hits.push({
        start,
        end,
        text: m[0],
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

const NAME_TOKEN = "(?:[A-Z][a-z]+(?:[-\u2010][A-Za-z][a-z]+)?|[A-Z]{2,5})";
const CAP_SEQ = new RegExp(
  `(?<![\\p{L}\\p{N}'’])${NAME_TOKEN}(?:\\s+(?:of\\s+|for\\s+|and\\s+)?${NAME_TOKEN}){0,5}`,
  "gu",
);

function isSentenceStart(body: string, index: number): boolean {
  const before = body.slice(Math.max(0, index - 3), index);
  return index === 0 || /(^|[.!?"“”]\s+|\n\s*)$/.test(before) || /\n$/.test(before);
}

function slug(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "");
}

/** Unseen names from context: capitalised sequences that are people (title, role, apposition) or organisations. */
function contextHits(
  body: string,
  taken: (s: number, e: number) => boolean,
): { hits: Hit[]; roles: Map<string, string[]> } {
  const hits: Hit[] = [];
  const roles = new Map<string, string[]>();
  CAP_SEQ.lastIndex = 0;
  for (let m = CAP_SEQ.exec(body); m; m = CAP_SEQ.exec(body)) {
    let text = m[0];
    let start = m.index;
    // Drop leading stop words and titles ("The", "Russian Defense Minister") from the sequence.
    const words = text.split(/\s+/);
    let drop = 0;
    let title = "";
    while (drop < words.length - 1) {
      const w = words[drop]!;
      if (
        STOP_CAPITALS.has(w) ||
        PERSON_TITLES.has(w) ||
        /^(of|for|and)$/.test(w) ||
        /^[A-Z][a-z]+(ian|ese|ish|an|i)$/.test(w)
      ) {
        title += `${w} `;
        drop += 1;
      } else break;
    }
    if (drop > 0) {
      const offset = words.slice(0, drop).join(" ").length + 1;
      start += offset;
      text = words.slice(drop).join(" ");
    }
    const end = start + text.length;
    if (taken(start, end)) continue;
    const tokens = text.split(/\s+/);
    const last = tokens[tokens.length - 1] ?? "";
    if (tokens.every((t) => STOP_CAPITALS.has(t))) continue;
    if (ORG_HEADS.has(last) || tokens.some((t) => ORG_HEADS.has(t) && t !== tokens[0])) {
      if (tokens.length < 2) continue;
      hits.push({
        start,
        end,
        text,
        key: `org:${slug(text)}`,
        name: text,
        type: "ORG",
        via: "context",
        gender: "unknown",
        country: null,
      });
      continue;
    }
    if (tokens.length < 2 || tokens.length > 4) continue;
    if (tokens.some((t) => STOP_CAPITALS.has(t) || /^(of|for|and)$/.test(t) || /^[A-Z]{2,}$/.test(t)))
      continue;
    if (isSentenceStart(body, start) && drop === 0 && !/,\s+(a|an|the)\s/.test(body.slice(end, end + 6))) {
      // A capitalised sentence opener is a name only if it recurs elsewhere or is followed by a verb of saying.
      const rest = body.slice(end, end + 30);
      if (
        !/^\s+(said|says|told|added|denied|warned|argued|noted)\b/.test(rest) &&
        body.indexOf(text, end) < 0
      )
        continue;
    }
    const after = body.slice(end, end + 120);
    const apposition = /^,\s+(?:a|an|the)\s+([^,.;]{3,90}?)(?:,|\.|;|\s+said|\s+told)/.exec(after);
    const titled = title.trim().length > 0 && [...PERSON_TITLES].some((t) => title.includes(t));
    const koreanShape =
      /^[A-Z][a-z]{1,4}\s+[A-Z][a-z]+[-\u2010][a-z]+$/.test(text) ||
      /^[A-Z][a-z]{1,4}\s+[A-Z][a-z]+\s+[A-Z][a-z]+$/.test(text);
    const westernShape = tokens.length <= 3 && tokens.every((t) => /^[A-Z][a-z]+(?:-[A-Z][a-z]+)?$/.test(t));
    const roleAppos =
      apposition && ROLE_HEADS.some((h) => new RegExp(`\\b${h}\\b`, "i").test(apposition[1] ?? ""));
    if (
      !(
        titled ||
        roleAppos ||
        koreanShape ||
        (westernShape && /^\s+(said|says|told|added|denied|warned)\b/.test(after))
      )
    )
      continue;
    const key = `person:${slug(text)}`;
    hits.push({
      start,
      end,
      text,
      key,
      name: text,
      type: "PERSON",
      via: "context",
      gender: "unknown",
      country: null,
    });
    const r: string[] = roles.get(key) ?? [];
    if (roleAppos && apposition?.[1]) r.push(apposition[1].trim());
    if (titled) r.push(title.trim().replace(/^(The|the)\s+/, ""));
    roles.set(key, r);
  }
  return { hits, roles };
}

/** Roles written before a known person's name ("Russian Defense Minister Sergei Shoigu") or after it in apposition. */
function rolesAround(body: string, hit: Hit): string[] {
  const out: string[] = [];
  const before = body.slice(Math.max(0, hit.start - 60), hit.start);
  const pre =
    /((?:[A-Z][a-z]+\s+){0,3}(?:leader|President|Minister|minister|spokesman|spokeswoman|spokesperson|official|Secretary|secretary|Chairman|chairman|envoy|ambassador|General|general|commander))\s*$/.exec(
      before,
    );
  if (pre?.[1]) out.push(pre[1].trim());
  const after = body.slice(hit.end, hit.end + 120);
  const appos = /^,\s+(?:a|an|the)\s+([^,.;]{3,90}?)(?:,|\.|;)/.exec(after);
  if (appos?.[1] && ROLE_HEADS.some((h) => new RegExp(`\\b${h}\\b`, "i").test(appos[1]!)))
    out.push(appos[1].trim());
  return out;
}

const TITLE_GENDER: [RegExp, Gender][] = [
  [/\b(Mr\.?|he|his|brother|son|father|husband|spokesman|chairman)\s*$/i, "male"],
  [/\b(Ms\.?|Mrs\.?|Madam|she|her|sister|daughter|mother|wife|spokeswoman)\s*$/i, "female"],
];

export function recognizeEntities(article: Article): Entity[] {
  const body = article.body;
  const hits = gazetteerHits(body);
  // Longest match wins where gazetteer hits overlap ("UN Security Council" over "UN" and "Security Council").
  hits.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: Hit[] = [];
  for (const h of hits) {
    const prev = kept[kept.length - 1];
    if (prev && h.start < prev.end) continue;
    kept.push(h);
  }
  const taken = (s: number, e: number) => kept.some((h) => s < h.end && e > h.start);
  const { hits: ctx, roles: ctxRoles } = contextHits(body, taken);
  const all = [...kept, ...ctx].sort((a, b) => a.start - b.start);

  // Bare surnames ("Kim", "Koo") and given-name-less references resolve to the most recent earlier full name
  // with that family name (Korean order: family name first; Western: last). Two different Kims never merge:
  // each bare mention goes to the nearest preceding one only.
  const people = all.filter((h) => h.type === "PERSON");
  const surnameRe = /(?<![\p{L}])([A-Z][a-z]{1,12})(?:['’]s)?(?![\p{L}-])/gu;
  for (let m = surnameRe.exec(body); m; m = surnameRe.exec(body)) {
    const word = m[1]!;
    const start = m.index;
    const end = start + word.length;
    if (all.some((h) => start < h.end && end > h.start)) continue;
    let best: Hit | null = null;
    for (const p of people) {
      if (p.start >= start) break;
      if (familyName(p) === word) best = p;
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
    const mention: Mention = { start: h.start, end: h.end, text: h.text, via: h.via };
    e.mentions.push(mention);
    const surface = h.text.replace(/['’]s$/, "");
    if (!e.aliases.includes(surface)) e.aliases.push(surface);
    if (h.type === "PERSON") {
      for (const r of rolesAround(body, h)) if (!e.roles.includes(r)) e.roles.push(r);
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
  const korean =
    p.country === "KP" ||
    p.country === "KR" ||
    /^[A-Z][a-z]{1,4}\s+[A-Z][a-z]+[-\u2010][a-z]+$/.test(p.name) ||
    (parts.length === 3 && KOREAN_FAMILY_NAMES.has(parts[0] ?? ""));
  return (korean ? parts[0] : parts[parts.length - 1]) ?? "";
}

/** Kinship nouns a descriptor may use ("the powerful sister of …"). Data: extend as needed. */
const KINSHIP = "sister|brother|wife|husband|daughter|son|aunt|uncle";
const DESCRIPTOR = new RegExp(
  `\\b(?:[Tt]he|[Hh]is|[Hh]er)\\s+(?:[a-z]+\\s+){0,2}(${KINSHIP})\\s+of\\s+(?:[A-Za-z'-]+\\s+){0,3}?$`,
);

/**
 * "the powerful sister of North Korean leader Kim Jong-un": a descriptor ending in a known person's name
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
    const start = anchor.start - window.length + m.index;
    out.push({ ...named, start, end: anchor.end, text: body.slice(start, anchor.end), via: "description" });
  }
  return out;
}
