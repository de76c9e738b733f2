/**
 * GARBLED ("garbled list"): a list of targets of a hostile act that contradicts the article's own picture of
 * sides (the rule is on garbledListFlags below; word lists in lexicons/text-quality.ts).
 */
import { wordsRegExp as wordsRe } from "../text.js";
import type { Claim, Entity, Flag } from "../types.js";
import { PART_BREAK } from "./claims.js";
import {
  COOPERATION_WORDS,
  FIGHTING_WORDS,
  HOSTILE_NOUNS,
  HOSTILE_VERBS,
  PARTNER_CLAIM_TYPES,
} from "./lexicons/text-quality.js";
import { type Placed, placeMentions } from "./mentions.js";
import type { Sentence } from "./sentences.js";

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
