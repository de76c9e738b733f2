/**
 * ROLE_CONFLICT within one article (the rule is on roleConflictFlags below; the role comparison, shared with
 * the ledger's cross-article flag, is in ./roles.ts; word lists in lexicons/text-quality.ts).
 */
import { escapeRegExp, wordsRegExp as wordsRe } from "../text.js";
import type { Attribution, Entity, Flag } from "../types.js";
import { CUES } from "./lexicons/cues.js";
import { CHANGE_OF_POST, SOURCE_BODIES, SPEAKING_ROLES } from "./lexicons/text-quality.js";
import { type Placed, placeMentions } from "./mentions.js";
import {
  foldWord,
  ORG_NOUNS,
  qualifiersDiffer,
  ROLE_FILLER,
  ROLE_NOUN_RE,
  roleParts,
  rolesConflict,
} from "./roles.js";

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
