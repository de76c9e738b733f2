/**
 * Text-quality flags beyond quotes: pronoun/speaker gender mismatch, a sentence whose supplier contradicts the
 * article's dominant supplier of the same goods, a person whose role names another body than the one the
 * article cites (or two bodies), a list of targets that puts a state on the wrong side, names written with
 * look-alike letters of another script, and article-level provenance/date flags.
 */
import { escapeRegExp, wordsRegExp as wordsRe } from "../text.js";
import type { Article, Attribution, Claim, Entity, Flag } from "../types.js";
import { PART_BREAK } from "./claims.js";
import { CUES } from "./lexicons/cues.js";
import {
  CHANGE_OF_POST,
  COOPERATION_WORDS,
  FIGHTING_WORDS,
  HOSTILE_NOUNS,
  HOSTILE_VERBS,
  PARTNER_CLAIM_TYPES,
  SOURCE_BODIES,
  SPEAKING_ROLES,
} from "./lexicons/text-quality.js";
import { namesSomeoneElse, type Placed, placeMentions } from "./mentions.js";
import {
  foldWord,
  ORG_NOUNS,
  qualifiersDiffer,
  ROLE_FILLER,
  ROLE_NOUN_RE,
  roleParts,
  rolesConflict,
} from "./roles.js";
import type { Sentence } from "./sentences.js";

export function pronounFlags(
  body: string,
  attributions: Attribution[],
  entities: Entity[],
  placed: Placed[] = placeMentions(entities),
): Flag[] {
  const out: Flag[] = [];
  for (const a of attributions) {
    const t = a.speakerText?.toLowerCase();
    if (!t || (t !== "he" && t !== "she")) continue;
    const ent = entities.find((e) => e.key === a.speakerKey);
    if (!ent || ent.gender === "unknown") continue;
    if ((t === "he" && ent.gender === "female") || (t === "she" && ent.gender === "male")) {
      const sp = a.spans.source[0];
      // Speaker resolution already leaves such a pronoun unresolved; a speaker the entity stage tied to the
      // pronoun itself is checked the same way.
      if (sp && namesSomeoneElse(body, placed, ent, sp[0], t)) continue;
      out.push({
        kind: "PRONOUN_MISMATCH",
        message: `"${a.speakerText}" refers to ${ent.name}, whose gender is ${ent.gender}.`,
        evidence: sp ? { start: sp[0], end: sp[1], text: a.speakerText ?? "" } : null,
      });
    }
  }
  return out;
}

/** Arms-transfer claims whose subject is outnumbered at least 3:1 by another supplier to the same recipient. */
export function actorFlags(claims: Claim[]): Flag[] {
  const transfers = claims.filter((c) => c.type === "ARMS_TRANSFER" && c.subject && c.object);
  const counts = new Map<string, number>();
  for (const c of transfers)
    counts.set(`${c.subject}→${c.object}`, (counts.get(`${c.subject}→${c.object}`) ?? 0) + 1);
  const out: Flag[] = [];
  for (const c of transfers) {
    const mine = counts.get(`${c.subject}→${c.object}`) ?? 0;
    for (const [k, n] of counts) {
      const [sub, obj] = k.split("→");
      if (obj === c.object && sub !== c.subject && sub !== c.object && n >= 3 * mine && n >= 2) {
        out.push({
          kind: "ACTOR_INCONSISTENT",
          message: `This sentence has ${c.subject} supplying ${c.object}; the rest of the article says ${sub} does (${n} times).`,
          evidence: c.evidence,
        });
        break;
      }
    }
  }
  return out;
}

function norm(s: string): string {
  return s
    .toLowerCase()
    .replace(/^www\./, "")
    .replace(/\.(com|co\.uk|org|net|kr|jp)$/, "")
    .replace(/[^a-z0-9]/g, "");
}

export function articleFlags(article: Article): Flag[] {
  const out: Flag[] = [];
  const cs = article.claimedSource;
  if (
    cs &&
    (!article.outlet || !(norm(article.outlet).includes(norm(cs)) || norm(cs).includes(norm(article.outlet))))
  ) {
    out.push({
      kind: "UNVERIFIED_PROVENANCE",
      message: `The page attributes itself to ${cs} but was published by ${article.outlet ?? "an unknown outlet"}.`,
      evidence: null,
    });
  }
  if (!article.published)
    out.push({
      kind: "DATE_UNKNOWN",
      message: "No publication date: relative dates cannot be resolved.",
      evidence: null,
    });
  return out;
}

/**
 * A name written with Cyrillic or Greek letters that look Latin ("Kіm Jоng Un"): recognised as the name it
 * imitates (see entities/homoglyphs.ts), and flagged, since a copy that disguises names is not an honest copy
 * and a keyword search for the name would miss it.
 */
export function homoglyphFlags(entities: Entity[]): Flag[] {
  const out: Flag[] = [];
  for (const e of entities) {
    for (const m of e.mentions) {
      if (m.via !== "homoglyph") continue;
      const letters = [
        ...new Set([...m.text].filter((ch) => /[\p{Script=Cyrillic}\p{Script=Greek}]/u.test(ch))),
      ];
      out.push({
        kind: "HOMOGLYPH_NAME",
        message: `"${m.text}" is written with letters of another script that look Latin (${letters.join(", ")}); read as ${e.name}.`,
        evidence: { start: m.start, end: m.end, text: m.text },
      });
    }
  }
  return out;
}

// ───────────────────────────── ROLE_CONFLICT ─────────────────────────────

const plural = (w: string): string => (w.endsWith("y") ? `${w.slice(0, -1)}ies` : `${w}s`);
const BODY_RE = new RegExp(
  `\\b(${SOURCE_BODIES.flatMap((b) => [plural(b), b])
    .map(escapeRegExp)
    .join("|")})\\b`,
  "gi",
);
const CUE_RE = wordsRe(CUES.flatMap((c) => c.forms));
const SPEAKING_RE = wordsRe(SPEAKING_ROLES);
const CHANGE_RE = wordsRe(CHANGE_OF_POST);
const CUE_WORDS: ReadonlySet<string> = new Set(CUES.flatMap((c) => c.forms).filter((f) => !f.includes(" ")));

/** A government body named in the text: "North Korea's Foreign Ministry", "a defence ministry (spokesman)". */
interface BodyRef {
  start: number;
  end: number;
  /** The kind of body, singular ("ministry"). */
  kind: string;
  plural: boolean;
  /** The words that say which body ("foreign", "foreign affairs"), folded, lower case; "" for "the ministry". */
  qualifier: string;
  /** The phrase as written, without a possessor ("Foreign Ministry"). */
  text: string;
  /** The state the text ties it to ("North Korea's …", "South Korean …"), as an entity key. */
  state: string | null;
}

const coveredBy = (placed: Placed[], start: number, end: number, types: readonly string[]): Placed | null =>
  placed.find((p) => types.includes(p.entity.type) && p.mention.start < end && p.mention.end > start) ?? null;

/**
 * Every ministry or department the body names, with its qualifier: up to three words before the noun (not
 * filler, not a possessive, not a state or person named there) and capitalised words after "of" ("Ministry of
 * Foreign Affairs").
 */
function bodyRefs(body: string, placed: Placed[]): BodyRef[] {
  const out: BodyRef[] = [];
  for (const m of body.matchAll(BODY_RE)) {
    const nounStart = m.index ?? 0;
    const word = (m[1] ?? "").toLowerCase();
    const kind = SOURCE_BODIES.find((b) => b === word || plural(b) === word) ?? word;
    let start = nounStart;
    const before: string[] = [];
    while (before.length < 3) {
      const w = /([A-Za-z][A-Za-z-]*)[ \t]+$/.exec(body.slice(Math.max(0, start - 40), start));
      if (!w?.[1]) break;
      const ws = start - w[0].length;
      const lower = w[1].toLowerCase();
      if (/[\p{L}\p{N}'’]/u.test(body[ws - 1] ?? "")) break;
      if (
        ROLE_FILLER.has(lower) ||
        CUE_WORDS.has(lower) ||
        ROLE_NOUN_RE.test(lower) ||
        SPEAKING_RE.test(lower)
      )
        break;
      if (coveredBy(placed, ws, ws + w[1].length, ["STATE", "PERSON", "PLACE"])) break;
      before.unshift(foldWord(lower));
      start = ws;
    }
    let end = nounStart + (m[1]?.length ?? 0);
    const of =
      /^[ \t]+of[ \t]+((?:the[ \t]+)?[A-Z][A-Za-z-]*(?:[ \t]+(?:and[ \t]+)?[A-Z][A-Za-z-]*){0,2})/.exec(
        body.slice(end, end + 60),
      );
    const after: string[] = [];
    if (of?.[1] && !coveredBy(placed, end + of[0].length - of[1].length, end + of[0].length, ["STATE"])) {
      after.push(
        ...of[1]
          .split(/[ \t]+/)
          .map((w) => w.toLowerCase())
          .filter((w) => w !== "the" && w !== "and")
          .map(foldWord),
      );
      end += of[0].length;
    }
    const owner = placed.find(
      (p) =>
        p.entity.type === "STATE" &&
        p.mention.end <= start &&
        p.mention.end >= start - 4 &&
        /^(?:['’]s)?[ \t]*$/.test(body.slice(p.mention.end, start)),
    );
    out.push({
      start,
      end,
      kind,
      plural: word !== kind,
      qualifier: [...before, ...after].join(" "),
      text: body.slice(start, end),
      state: owner?.entity.key ?? null,
    });
  }
  return out;
}

/**
 * Whether a body is given as a source: a speech cue follows it closely in its sentence ("the Foreign Ministry
 * said", "Interior Ministry officials told reporters"), with no one else named in between, or "according
 * to" comes before it.
 */
function isSource(body: string, ref: BodyRef, placed: Placed[]): boolean {
  const window = body.slice(ref.end, ref.end + 48);
  const cue = CUE_RE.exec(window);
  if (cue) {
    const gap = window.slice(0, cue.index);
    if (
      !/[.;:!?"“”\n]/.test(gap) &&
      !/\b(?:ministry|ministries|department)\b/i.test(gap) &&
      !coveredBy(placed, ref.end, ref.end + cue.index, ["STATE", "PERSON", "ORG"])
    )
      return true;
  }
  return /\baccording[ \t]+to[ \t]+(?:[\p{L}'’-]+[ \t]+){0,4}$/iu.test(
    body.slice(Math.max(0, ref.start - 60), ref.start),
  );
}

/** Where a role given to a person is written: its occurrence nearest one of the person's mentions. */
interface PlacedRole {
  person: Entity;
  role: string;
  start: number;
  end: number;
}

function placeRoles(body: string, entities: Entity[]): PlacedRole[] {
  const out: PlacedRole[] = [];
  for (const person of entities) {
    if (person.type !== "PERSON") continue;
    for (const role of person.roles) {
      if (!role.trim()) continue;
      const re = new RegExp(`\\b${escapeRegExp(role.trim()).replace(/\s+/g, "\\s+")}\\b`, "gi");
      let best: PlacedRole | null = null;
      let bestGap = 60;
      for (const m of body.matchAll(re)) {
        const start = m.index ?? 0;
        const end = start + m[0].length;
        for (const mention of person.mentions) {
          const gap = Math.max(mention.start - end, start - mention.end, 0);
          if (gap <= bestGap) {
            bestGap = gap;
            best = { person, role, start, end };
          }
        }
      }
      if (best) out.push(best);
    }
  }
  return out;
}

/** A qualifier that names a body ("trade ministry"), not only a rank or a parsing slip ("Will President"). */
const namesBody = (qualifier: string): boolean => qualifier.split(" ").some((w) => ORG_NOUNS.has(w));

const quoteRole = (role: string): string => `"${role.replace(/\s+/g, " ").trim()}"`;

/**
 * ROLE_CONFLICT within one article, of two forms.
 *
 * 1. One person, two bodies: the person is given two roles for the same post, each naming a body (a
 *    ministry, department, committee… — ORG_NOUNS in ./roles.ts), whose qualifiers name different bodies ("a
 *    foreign ministry spokesman" here, "a trade ministry spokesman" there; the comparison is the ledger's,
 *    ./roles.ts), unless a role places itself in time ("former", "then", "new"…). Roles without a body
 *    ("defense minister", or a capitalised word caught before a title, "But President") are left alone.
 * 2. The cited body against a spokesman's role: the article sources statements to exactly one body of a kind
 *    ("the Foreign Ministry said", "according to the Foreign Ministry"; "ministry officials said" names no
 *    other) and exactly one person who speaks in the article is given a speaking role (spokesman, official…)
 *    in another body of that kind ("Ri Chol, a defense ministry spokesman, said") — with no one in the article
 *    given a role in the cited body itself (then the two are simply two voices), that other body never cited
 *    on its own, no plural "ministries" among the sources, and no sign the two are in different states. The
 *    spokesman is most likely the cited body's and one of the two names is wrong.
 *
 * Two people from two bodies, each described one way, are not flagged; nor "ministry" against "foreign
 * ministry" (one contains the other), nor "foreign ministry" against "foreign affairs ministry".
 */
export function roleConflictFlags(
  body: string,
  entities: Entity[],
  attributions: Attribution[],
  placed: Placed[] = placeMentions(entities),
): Flag[] {
  const out: Flag[] = [];
  const roles = placeRoles(body, entities);
  const spanOf = (person: Entity, role: string) => roles.find((r) => r.person === person && r.role === role);

  for (const person of entities) {
    if (person.type !== "PERSON" || person.roles.length < 2) continue;
    const parts = person.roles
      .filter((r) => !CHANGE_RE.test(r))
      .map((r) => ({ raw: r, parts: roleParts(r) }))
      .filter(
        (r): r is { raw: string; parts: NonNullable<ReturnType<typeof roleParts>> } => r.parts !== null,
      );
    pairs: for (let i = 0; i < parts.length; i++) {
      for (let j = i + 1; j < parts.length; j++) {
        const a = parts[i];
        const b = parts[j];
        if (!a || !b || !rolesConflict(a.parts, b.parts)) continue;
        if (!namesBody(a.parts.qualifier) || !namesBody(b.parts.qualifier)) continue;
        const at = spanOf(person, b.raw) ?? spanOf(person, a.raw);
        out.push({
          kind: "ROLE_CONFLICT",
          message: `${person.name} is called ${quoteRole(a.raw)} and ${quoteRole(b.raw)} in this article: one of the two bodies (${a.parts.qualifier} or ${b.parts.qualifier}) is wrong.`,
          evidence: at ? { start: at.start, end: at.end, text: body.slice(at.start, at.end) } : null,
        });
        break pairs;
      }
    }
  }

  const refs = bodyRefs(body, placed);
  const inRole = (ref: BodyRef) => roles.find((r) => ref.start >= r.start && ref.end <= r.end) ?? null;
  const speaks = new Set(attributions.map((a) => a.speakerKey).filter(Boolean));
  for (const kind of SOURCE_BODIES) {
    const sources = refs.filter((r) => r.kind === kind && !inRole(r) && isSource(body, r, placed));
    if (sources.some((r) => r.plural)) continue;
    const cited = sources.filter((r) => r.qualifier);
    const first = cited[0];
    if (!first || cited.some((r) => qualifiersDiffer(r.qualifier, first.qualifier))) continue;
    const citedStates = new Set(cited.map((r) => r.state).filter((s): s is string => s !== null));
    if (citedStates.size > 1) continue;
    const given = refs
      .filter((r) => r.kind === kind && !r.plural && r.qualifier)
      .map((ref) => ({ ref, role: inRole(ref) }))
      .filter((g): g is { ref: BodyRef; role: PlacedRole } => g.role !== null);
    // The cited body has its own spokesman or official in the article: the other is another voice.
    if (given.some((g) => !qualifiersDiffer(g.ref.qualifier, first.qualifier))) continue;
    const conflicting = given.filter((g) => {
      if (!qualifiersDiffer(g.ref.qualifier, first.qualifier)) return false;
      if (!SPEAKING_RE.test(g.role.role) || !speaks.has(g.role.person.key)) return false;
      const own = g.ref.state ?? (g.role.person.country ? stateKeyOf(entities, g.role.person.country) : null);
      return !(own && citedStates.size > 0 && !citedStates.has(own));
    });
    const people = new Set(conflicting.map((g) => g.role.person.key));
    const hit = conflicting[0];
    if (people.size !== 1 || !hit) continue;
    if (out.some((f) => f.evidence?.start === hit.role.start)) continue;
    out.push({
      kind: "ROLE_CONFLICT",
      message: `The article sources its statements to the ${first.text}, but calls ${hit.role.person.name}, who speaks in it, ${quoteRole(hit.role.role)} (${hit.ref.text.toLowerCase()}): one of the two bodies is likely wrong.`,
      evidence: { start: hit.role.start, end: hit.role.end, text: body.slice(hit.role.start, hit.role.end) },
    });
  }
  return out;
}

/** The entity key of the article's state with this ISO code, else the conventional `state:CODE`. */
function stateKeyOf(entities: Entity[], code: string): string {
  return entities.find((e) => e.type === "STATE" && e.country === code)?.key ?? `state:${code}`;
}

// ───────────────────────────── GARBLED ─────────────────────────────

const HOSTILE_RE = new RegExp(wordsRe([...HOSTILE_VERBS, ...HOSTILE_NOUNS]).source, "gi");
const HOSTILE_NOUN_RE = new RegExp(`^${wordsRe(HOSTILE_NOUNS).source}$`, "i");
const FIGHTING_RE = wordsRe(FIGHTING_WORDS);
const COOPERATION_RE = wordsRe(COOPERATION_WORDS);
/** Between two parts of a coordinated list. */
const LIST_SEPARATOR = /^(?:[ \t]*,[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or|as well as)[ \t]+)/i;
/** The whole gap between two coordinated states ("Russia and Belarus", "Russia and the United States"). */
const COORDINATION_GAP = new RegExp(`${LIST_SEPARATOR.source}(?:the[ \\t]+)?$`, "i");
/**
 * What may follow the last state of a list of targets: the end of a clause, or a preposition or conjunction
 * that goes on about the act ("… and Georgia in 2008", "… and Georgia, officials said"). Anything else — a
 * verb ("… and Belarus hosted its troops"), "for" ("… and Belarus for lending its territory"), a possessive —
 * means that state opens a clause of its own and is not a target.
 */
const LIST_END =
  /^(?:[ \t]*(?:$|[.,;:!?)\]"”—–]|\s[-–—]\s)|\s+(?:in|on|at|during|since|last|this|earlier|between|from|with|without|by|using|through|while|when|after|before|until|despite|and|or|but|as)\b)/i;
/** Between a verb's actor and the verb: no clause punctuation or quotation, and not too far. */
const VERB_ACTOR_GAP = /^[^;:"“”—–]{0,80}$/;
/**
 * Whether a state is written as the actor of a hostile noun: a possessive with at most two words between
 * ("Russia's full-scale invasion of"), or a demonym right before it ("the Russian invasion of").
 */
function nounActor(body: string, actor: Placed, nounStart: number): boolean {
  const gap = body.slice(actor.mention.end, nounStart);
  if (/['’]s$/.test(actor.mention.text)) return /^(?:[ \t]+[\p{L}-]+){0,2}[ \t]+$/u.test(gap);
  return /^['’]s(?:[ \t]+[\p{L}-]+){0,2}[ \t]+$/u.test(gap) || /^[ \t]+$/.test(gap);
}

/** The states coordinated with one mention ("Russia and Belarus", "A, B and C"), the mention among them. */
function coordinated(body: string, states: Placed[], at: Placed): Placed[] {
  const i = states.indexOf(at);
  if (i < 0) return [at];
  const joins = (a: Placed, b: Placed) =>
    b.mention.start >= a.mention.end && COORDINATION_GAP.test(body.slice(a.mention.end, b.mention.start));
  let lo = i;
  let hi = i;
  while (lo > 0 && joins(states[lo - 1] as Placed, states[lo] as Placed)) lo--;
  while (hi < states.length - 1 && joins(states[hi] as Placed, states[hi + 1] as Placed)) hi++;
  return states.slice(lo, hi + 1);
}

/** A hostile act with the states it is done to: "Russia … for invading Ukraine and Georgia". */
interface HostileAct {
  start: number;
  end: number;
  /** The state acting and the states coordinated with it. */
  actors: Placed[];
  targets: Placed[];
}

/**
 * Hostile acts of the sentences, each with its list of targets (states, or places, named one after another
 * right after the act) and its actor: for a verb, the nearest state before it in its clause ("sanctioned Iran
 * for its drone sales and for attacking …", "accused Moscow of attacking …"); for a noun, the state written right
 * before it ("Russia's invasion of …"). Acts with no target or no actor are left out.
 */
function hostileActs(body: string, sentences: Sentence[], placed: Placed[]): HostileAct[] {
  const states = placed.filter((p) => p.entity.type === "STATE" && p.mention.via !== "pronoun");
  const listable = placed.filter(
    (p) => (p.entity.type === "STATE" || p.entity.type === "PLACE") && p.mention.via !== "pronoun",
  );
  const startingAt = (pos: number): Placed | null => {
    const lead = /^[ \t]*(?:both[ \t]+)?/i.exec(body.slice(pos, pos + 12))?.[0].length ?? 0;
    const at = pos + lead;
    const the = /^the[ \t]+/i.exec(body.slice(at, at + 6))?.[0].length ?? 0;
    return listable.find((p) => p.mention.start === at || p.mention.start === at + the) ?? null;
  };
  const out: HostileAct[] = [];
  for (const s of sentences) {
    for (const m of s.text.matchAll(HOSTILE_RE)) {
      const start = s.start + (m.index ?? 0);
      const end = start + m[0].length;
      const targets: Placed[] = [];
      let next = startingAt(end);
      while (next && next.mention.end <= s.end) {
        const after = body.slice(next.mention.end, s.end);
        // "North Korea's ally": a possessive modifies what follows; the state is not itself a target.
        if (/['’]s$/.test(next.mention.text) || /^['’]s\b/.test(after)) break;
        targets.push(next);
        const sep = LIST_SEPARATOR.exec(after);
        next = sep ? startingAt(next.mention.end + sep[0].length) : null;
      }
      const last = targets.at(-1);
      if (last && !LIST_END.test(body.slice(last.mention.end, s.end))) targets.pop();
      if (targets.length === 0) continue;
      const actor = [...states].reverse().find((p) => p.mention.end <= start && p.mention.start >= s.start);
      if (!actor) continue;
      const written = HOSTILE_NOUN_RE.test(m[0].replace(/\s+/g, " "))
        ? nounActor(body, actor, start)
        : VERB_ACTOR_GAP.test(body.slice(actor.mention.end, start));
      if (!written) continue;
      out.push({
        start,
        end: targets.at(-1)?.mention.end ?? end,
        actors: coordinated(body, states, actor),
        targets,
      });
    }
  }
  return out;
}

/** Evidence that two states are on one side: the partner claims between them. */
interface Partnership {
  claims: number;
  asserted: boolean;
  types: Set<string>;
}

const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

/**
 * Pairs of states the article's claims put on one side: an arms transfer from one to the other, or military
 * cooperation between them (states coordinated with the subject — "Belarus and Russia held joint drills" —
 * count as its partners too). A claim shows nothing about sides when its sentence speaks of fighting ("sent
 * drones into Ukraine, killing three") or its clause holds a hostile act (another clause may: "accused X of
 * arming Y, while Y is sanctioned for invading …"), nor a cooperation claim without a word of cooperation in
 * its clause ("deployed troops").
 */
function partnerships(
  body: string,
  claims: Claim[],
  entities: Entity[],
  placed: Placed[],
  acts: HostileAct[],
): Map<string, Partnership> {
  const states = placed.filter((p) => p.entity.type === "STATE" && p.mention.via !== "pronoun");
  const stateNamed = (name: string | null) =>
    name ? (entities.find((e) => e.type === "STATE" && e.name === name) ?? null) : null;
  const sideOf = (e: Entity, c: Claim): string[] => {
    const here = states.find(
      (p) => p.entity === e && p.mention.start >= c.evidence.start && p.mention.end <= c.evidence.end,
    );
    return here ? coordinated(body, states, here).map((p) => p.entity.key) : [e.key];
  };
  const out = new Map<string, Partnership>();
  const add = (a: string, b: string, c: Claim) => {
    if (a === b) return;
    const k = pairKey(a, b);
    const p = out.get(k) ?? { claims: 0, asserted: false, types: new Set<string>() };
    p.claims++;
    p.asserted ||= c.stance !== "DENY";
    p.types.add(c.type);
    out.set(k, p);
  };
  for (const c of claims) {
    if (!PARTNER_CLAIM_TYPES.includes(c.type)) continue;
    const subject = stateNamed(c.subject);
    if (!subject) continue;
    const [from, to] = claimClause(body, c, placed, [subject, stateNamed(c.object)]);
    const clause = body.slice(from, to);
    if (FIGHTING_RE.test(c.evidence.text) || acts.some((a) => a.start >= from && a.start < to)) continue;
    if (c.type === "MILITARY_COOPERATION" && !COOPERATION_RE.test(clause)) continue;
    const subjects = sideOf(subject, c);
    const object = stateNamed(c.object);
    const pairs = new Set<string>();
    if (object)
      for (const s of subjects) for (const o of sideOf(object, c)) if (s !== o) pairs.add(pairKey(s, o));
    if (c.type === "MILITARY_COOPERATION")
      for (const a of subjects) for (const b of subjects) if (a < b) pairs.add(pairKey(a, b));
    for (const k of pairs) {
      const [a = "", b = ""] = k.split("|");
      add(a, b, c);
    }
  }
  return out;
}

/**
 * The clause of a claim's sentence that names its parties: from the clause break before the first party to
 * the one after the last, by each party's first mention ("South Korea … accused North Korea of supplying
 * weapons to Russia", not the "while …" clause after it). The whole sentence when they are not named in it.
 */
function claimClause(body: string, c: Claim, placed: Placed[], parties: (Entity | null)[]): [number, number] {
  const { start, end } = c.evidence;
  // Each party's first mention in the sentence.
  const at = parties
    .map((e) => placed.find((p) => p.entity === e && p.mention.start >= start && p.mention.end <= end))
    .filter((p): p is Placed => p !== undefined)
    .sort((a, b) => a.mention.start - b.mention.start);
  const first = at[0];
  const last = at.at(-1);
  if (!first || !last) return [start, end];
  let from = start;
  let to = end;
  for (const m of body.slice(start, end).matchAll(PART_BREAK)) {
    const b = start + (m.index ?? 0);
    if (b + m[0].length <= first.mention.start) from = b + m[0].length;
    else if (b >= last.mention.end) {
      to = b;
      break;
    }
  }
  return [from, to];
}

const describeTypes = (types: Set<string>): string =>
  [...types].map((t) => t.toLowerCase().replace(/_/g, " ")).join(", ");

/**
 * GARBLED: a coordinated list of targets of a hostile act that contradicts the article's own picture of sides.
 *
 * A sentence has a state X doing a hostile act (lexicons/text-quality.ts: invading, attacking, occupying,
 * annexing, bombing, waging war on…, or the act as a noun: "invasion of") to a list of two or more states ("for
 * invading Ukraine and Georgia"; each a state right after the act or after a list separator, the last one
 * ending the clause — a state followed by its own verb or its own "for …" opens a clause and is not a target).
 * X is, for a verb, the nearest state named before it in its clause, with the states coordinated with it
 * ("sanctions on Russia and Belarus for attacking …"); for a noun, the state written right before it
 * ("Russia's invasion of"), so that "Ukraine condemned the invasion of Ukraine and Georgia" has no actor.
 * The list is flagged when one target T is
 *   - on the acting side itself (X, or a state coordinated with X): "Russia and Belarus for attacking Ukraine
 *     and Belarus"; or
 *   - X's partner in the article: at least two arms-transfer or military-cooperation claims between X and T
 *     (either direction; not all of them denied; none in a sentence about fighting), and no hostile act
 *     between the two anywhere else in the article and no threat claim between them.
 * Which coordination it sits in does not matter: "sanctioned X for its missile program and for invading Y and
 * Z", with Z X's ally, mixes up which state is sanctioned for what in the same way.
 *
 * Ordinary lists are not touched: "Russia and China vetoed …" and "sanctions on North Korea and Iran" hold no
 * hostile act; "attacked Ukraine and Georgia" names no partner of the attacker; a single target is no list.
 */
export function garbledListFlags(
  body: string,
  sentences: Sentence[],
  entities: Entity[],
  claims: Claim[],
  placed: Placed[] = placeMentions(entities),
): Flag[] {
  const acts = hostileActs(body, sentences, placed);
  const partners = partnerships(body, claims, entities, placed, acts);
  const threatened = new Set(
    claims
      .filter((c) => c.type === "THREAT" && c.subject && c.object)
      .map((c) => {
        const s = entities.find((e) => e.name === c.subject)?.key ?? "";
        const o = entities.find((e) => e.name === c.object)?.key ?? "";
        return pairKey(s, o);
      }),
  );
  const between = (act: HostileAct, a: string, b: string) =>
    act.actors.some((x) => x.entity.key === a) && act.targets.some((t) => t.entity.key === b);
  // One of the two does a hostile act to the other in another sentence or clause, or threatens it.
  const hostileElsewhere = (act: HostileAct, a: string, b: string) =>
    threatened.has(pairKey(a, b)) || acts.some((o) => o !== act && (between(o, a, b) || between(o, b, a)));
  const out: Flag[] = [];
  for (const act of acts) {
    if (act.targets.length < 2) continue;
    const actorKeys = new Set(act.actors.map((p) => p.entity.key));
    const actorNames = [...new Set(act.actors.map((p) => p.entity.name))].join(" and ");
    const listed = body.slice(act.start, act.end);
    let message: string | null = null;
    for (const t of act.targets) {
      if (t.entity.type !== "STATE") continue;
      if (actorKeys.has(t.entity.key)) {
        message = `"${listed}" names ${t.entity.name} as a target, but the same sentence has ${t.entity.name} on the side doing it (${actorNames}): the list looks garbled.`;
        break;
      }
      for (const x of act.actors) {
        const p = partners.get(pairKey(x.entity.key, t.entity.key));
        if (!p || p.claims < 2 || !p.asserted || hostileElsewhere(act, x.entity.key, t.entity.key)) continue;
        message = `"${listed}" names ${t.entity.name} as a target of ${x.entity.name}, but elsewhere the article has the two on one side (${describeTypes(p.types)}, ${p.claims} claims): the list looks garbled.`;
        break;
      }
      if (message) break;
    }
    if (message)
      out.push({ kind: "GARBLED", message, evidence: { start: act.start, end: act.end, text: listed } });
  }
  return out;
}
