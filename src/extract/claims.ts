/**
 * Typed claims: one per claim type whose trigger (lexicons/claim-types.ts) fires in a sentence. The holder is
 * the speaker of the reporting attribution whose content holds the trigger (stance from the cue), else the
 * outlet in its own voice. Stance: DECLINE / DENY / HEDGE words in the sentence override ASSERT. Subject,
 * object, item, quantity and date are read from the claim's clause (see rolesOf).
 */
import { phrasePattern } from "../text.js";
import type { Attribution, Claim, DateMention, Entity, EntityType, Quantity, Stance } from "../types.js";
import { afterDateline, cuePolarity, isReportingCue } from "./attributions.js";
import { findDates } from "./dates.js";
import { CLAIM_TYPES } from "./lexicons/claim-types.js";
import { DECLINES, DISMISSALS, HEDGES, NEGATIONS, REPORT_NOUNS } from "./lexicons/cues.js";
import { mentionsIn, type Placed, placeMentions } from "./mentions.js";
import type { Sentence } from "./sentences.js";
import type { Turn } from "./turns.js";

function termRe(terms: string[]): RegExp {
  return new RegExp(`\\b(?:${termAlt(terms)})\\b`, "i");
}

/**
 * The lexicon terms as one regex alternation (phrasePattern), where a * ends a word with any ending
 * ("sanction*", "weapon* will be used").
 */
function termAlt(terms: string[]): string {
  return terms.map((t) => phrasePattern(t).replace(/\\\*/g, "\\w*")).join("|");
}

/** Weapons an "attack" or a "strike" before them only qualifies: "attack drones", "strike missiles". */
const QUALIFIED_WEAPONS = [
  "drone*",
  "submarine*",
  "helicopter*",
  "aircraft",
  "craft",
  "boat*",
  "missile*",
  "jet*",
  "weapon*",
];

const TYPE_RES = CLAIM_TYPES.map((t) => ({
  spec: t,
  re: new RegExp(termRe(t.triggers).source, "gi"),
  items: t.items ? termRe(t.items) : null,
  requires: t.requires?.length ? termRe(t.requires) : null,
  requiresEntity: new Set(t.requiresEntity ?? []),
  requiresCountries: t.requiresCountries ?? Number.POSITIVE_INFINITY,
  except: t.except?.length ? new RegExp(termRe(t.except).source, "gi") : null,
  // The trigger's object, after an article or possessive and a word or two: "launch a military offensive";
  // not one that only qualifies a weapon after it ("the test of new attack drones").
  notObjects: t.notObjects?.length
    ? new RegExp(
        `^\\s+(?:(?:the|a|an|its|their|his|her|our|any|another|such)\\s+)?(?:[\\p{L}-]+\\s+){0,2}?(?:${termAlt(t.notObjects)})\\b(?!\\s+(?:${termAlt(QUALIFIED_WEAPONS)})\\b)`,
        "iu",
      )
    : null,
}));

/** What a sentence names, for the claim types' `requires…` checks. */
interface Named {
  types: ReadonlySet<EntityType>;
  /** Distinct countries of the states, people and organisations named (ISO codes). */
  countries: number;
  /** Where organisations and people are named, as offsets into the sentence's text. */
  names: [number, number][];
}

function namedIn(placed: Placed[], s: Sentence): Named {
  const mentions = mentionsIn(placed, s.start, s.end);
  const countries = new Set<string>();
  for (const { entity } of mentions) {
    const code = entity.country ?? (entity.type === "STATE" ? entity.key.replace(/^state:/, "") : null);
    if (code) countries.add(code);
  }
  const names = mentions
    .filter((p) => p.entity.type === "ORG" || p.entity.type === "PERSON")
    .map((p): [number, number] => [p.mention.start - s.start, p.mention.end - s.start]);
  return { types: new Set(mentions.map((p) => p.entity.type)), countries: countries.size, names };
}
const HEDGE_RE = termRe(HEDGES);
const NEG_RE = termRe(NEGATIONS);
const DECLINE_RE = termRe(DECLINES);
const DISMISSAL_RE = termRe(DISMISSALS);
/**
 * Reports pointed back to: "the reports", "these latest claims", or reports a verb throws out ("dismissed
 * Western claims"); not "pursuing false maritime claims".
 */
const REPORT_NOUN_RE = new RegExp(
  `\\b(?:the|these|those|such|this|that|(?:dismiss|reject|call|brand|den[iy])\\p{Ll}*)\\s+(?:[\\p{L}-]+\\s+)?(?:${termAlt(REPORT_NOUNS)})\\b`,
  "iu",
);
/**
 * Whether the sentence declines to speak of the trigger at `at`: a decline anywhere in it, unless a "but"
 * after the decline opens the part the trigger is in ("I'd refer you to DOD, but those rations are designed
 * to …").
 */
function declined(text: string, at: number): boolean {
  const m = DECLINE_RE.exec(text);
  if (!m) return false;
  const but = /[,;—–-]\s*but\b/i.exec(text.slice(m.index + m[0].length));
  return !(but && m.index + m[0].length + but.index < at);
}
const QTY_RE =
  /\b((?:about|around|roughly|approximately|nearly|almost|some|more than|over|up to|at least|an estimated)\s+)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(\s+(?:million|billion|thousand))?\b/i;
const MULT: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9 };

const NAMING_BEFORE =
  /\b(?:resolutions?|no\.|number|article|chapter|section|paragraph|page|room|route|highway|flight|unit|division|brigade|regiment)[-\s]*$/i;

/**
 * The first amount in `text`. Numbers inside its date and time phrases ("July 21", "21 July", "3 p.m.") are
 * not amounts: `dates` are those phrases' spans in `text` (the date stage's, when the caller has them; found
 * here otherwise).
 */
export function quantityOf(
  text: string,
  dates: readonly { start: number; end: number }[] = findDates(text, null),
): Quantity | null {
  for (const m of text.matchAll(new RegExp(QTY_RE.source, "gi"))) {
    const num = m[2] ?? "";
    const at = (m.index ?? 0) + (m[1]?.length ?? 0);
    if (dates.some((d) => at < d.end && at + num.length > d.start)) continue;
    // A number inside a name or code ("Hwasong-19", "KN-23", "F-16s") is not a quantity.
    if (
      /[\p{L}\d][-‐–]?$/u.test(text.slice(Math.max(0, at - 2), at)) ||
      /^[-‐][\p{L}]/u.test(text.slice(at + num.length))
    )
      continue;
    const after = text.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 12);
    // A measure, not a count of things: a calibre ("240 mm rocket launchers"), a range or a height ("flew
    // about 1,100 km"), a speed ("Mach 5" has no unit after it, "6,000 kilometres" does).
    if (
      /^\s*-?\s*(?:mm|cm|km|kms|m|kg|millimet(?:er|re)s?|centimet(?:er|re)s?|kilomet(?:er|re)s?|met(?:er|re)s?|miles?|nautical miles?|feet|ft|km\/h|mph|knots?|calibre|caliber)\b/i.test(
        after,
      )
    )
      continue;
    // A span of time ("ending 15 years of oversight", "a 30-day ban") counts no things.
    if (/^\s*-?\s*(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries)\b/i.test(after))
      continue;
    // A clock time ("at 3 p.m.", "1:30"): the date stage does not count a time alone as a date.
    if (
      /^\s*(?:[ap]\.?m\b|o['’]clock)/i.test(after) ||
      /^:\d\d/.test(text.slice(at + num.length)) ||
      text[at - 1] === ":"
    )
      continue;
    // Years and days of the month are not quantities.
    if (
      /^(19|20)\d\d$/.test(num) ||
      (/^\s*(?:percent|%)/.test(after) === false &&
        /^(?:[A-Z][a-z]+\s+)$/.test(text.slice(Math.max(0, (m.index ?? 0) - 10), m.index ?? 0).slice(-10)))
    )
      continue;
    // Numbers that name a thing ("Resolution 2397", "No. 5", "Article 9") are not quantities.
    if (NAMING_BEFORE.test(text.slice(Math.max(0, at - 16), at))) continue;
    if (Number(num.replace(/,/g, "")) < 2 && !m[3]) continue;
    const value = Number(num.replace(/,/g, "")) * (MULT[(m[3] ?? "").trim().toLowerCase()] ?? 1);
    return { text: m[0].trim(), value, approximate: Boolean(m[1]) };
  }
  return null;
}

export interface ClaimContext {
  body: string;
  sentences: Sentence[];
  entities: Entity[];
  attributions: Attribution[];
  dates: DateMention[];
  outlet: string;
  /** Transcript turns (see turns.ts): a claim no attribution holds is held by the turn's speaker. */
  turns?: Turn[];
}

interface TypeHit {
  spec: (typeof TYPE_RES)[number]["spec"];
  items: RegExp | null;
  start: number;
  end: number;
}

/**
 * Claim types in a sentence: each type whose trigger appears, in lexicon order, unless its trigger words are
 * already another (earlier, more specific) type's ("sanctions evasion" is a violation, not also an action).
 */
function typeHits(s: Sentence, named: Named, told: ReadonlySet<string>): TypeHit[] {
  const out: TypeHit[] = [];
  for (const t of TYPE_RES) {
    const m = firstTrigger(t.re, s.text, [...named.names, ...spansOf(t.except, s.text)], t.notObjects);
    if (!m) continue;
    // The trigger alone is common English: the type's `requires` words or entities must be there too, or
    // the trigger points back to an event of this type already told ("… this launch raises tensions").
    if (
      t.requires &&
      !t.requires.test(s.text) &&
      ![...t.requiresEntity].some((k) => named.types.has(k)) &&
      named.countries < t.requiresCountries &&
      !(
        told.has(t.spec.type) &&
        ANAPHORIC.test(s.text.slice(Math.max(0, m.index - 40), m.index)) &&
        !OF_PHRASE.test(s.text.slice(m.index + m[0].length))
      )
    )
      continue;
    // "Missile units will receive the new weapons": receiving is a transfer only from someone ("… from Russia").
    if (t.spec.type === "ARMS_TRANSFER" && RECEIVING.test(m[0]) && !/\bfrom\b/i.test(s.text.slice(m.index)))
      continue;
    const start = s.start + m.index;
    const end = start + m[0].length;
    // Overlapping triggers, or a second entry of a type the sentence already has (THREAT's "warn*").
    if (out.some((h) => (h.start < end && start < h.end) || h.spec.type === t.spec.type)) continue;
    out.push({ spec: t.spec, items: t.items, start, end });
  }
  // "denied violating U.N. sanctions": the sanctions a violation breaks are its object, no sanctions action.
  return out.filter(
    (h) =>
      h.spec.type !== "SANCTIONS_ACTION" ||
      !out.some(
        (v) =>
          v.spec.type === "SANCTIONS_VIOLATION" &&
          v.end <= h.start &&
          h.start - v.end <= 40 &&
          !/[,;:!?—–]/.test(s.text.slice(v.end - s.start, h.start - s.start)),
      ),
  );
}

/**
 * A gerund trigger naming a trade rather than an act: "shipping firms", "trading company". A "shipping firm"
 * ships nothing in the sentence that names it.
 */
const TRADE_NOUN =
  /^\s+(?:firms?|compan(?:y|ies)|lines?|agents?|agenc(?:y|ies)|routes?|lanes?|industry|sector|magnates?|giants?|groups?|businesses|business|operators?|houses?|corporations?|conglomerates?)\b/i;

/**
 * What a trigger verb takes when it reports no arms deal, test or other event of its type: "deliver remarks",
 * "provide an update", "supply chains", "launch a campaign".
 */
const NOT_AN_EVENT =
  /^(?:\s+(?:(?:the|a|an|his|her|their|its|our|your|some|any|more|new|further)\s+)?(?:remarks|speech|speeches|address|keynote|statement|assurances?|chains?|advice|counsel|care|information|briefings?|updates?|answers?|details|clarity|guidance|campaigns?|initiatives?|websites?|investigations?|probes?|inquiry|reviews?|appeals?|bids?|podcasts?|apps?)\b)/i;
/** Words a trigger's wildcard takes that name no event ("deliver*": "deliverables"). */
const NOT_AN_EVENT_WORD = /^deliverables?$/i;

/** Where a global regex matches in the text, as [start, end) offsets (none for no regex). */
function spansOf(re: RegExp | null, text: string): [number, number][] {
  return re ? [...text.matchAll(re)].map((m): [number, number] => [m.index, m.index + m[0].length]) : [];
}

/**
 * The first match of a type's trigger in the text that is not a gerund naming a trade nor a non-event, nor
 * inside one of the `covered` spans (offsets into the text): a name of an organisation or a person (the
 * "International Alliance of …" is no alliance, Senator Warner warns no one) or one of the type's `except`
 * phrases ("drill down", "developed countries").
 */
function firstTrigger(
  all: RegExp,
  text: string,
  covered: [number, number][],
  notObjects: RegExp | null = null,
): RegExpExecArray | null {
  all.lastIndex = 0;
  for (let m = all.exec(text); m; m = all.exec(text)) {
    const [at, end] = [m.index, m.index + m[0].length];
    if (covered.some(([a, b]) => a <= at && end <= b)) continue;
    const rest = text.slice(end);
    if (/ing$/i.test(m[0]) && TRADE_NOUN.test(rest)) continue;
    if (NOT_AN_EVENT.test(rest) || NOT_AN_EVENT_WORD.test(m[0]) || notObjects?.test(rest)) continue;
    return m;
  }
  return null;
}

/** The word before a mention, skipping articles: "to (the) Russia", "from Pyongyang". */
function wordBefore(body: string, at: number): string {
  const m = /([A-Za-z]+)\s+(?:(?:the|a|an)\s+)?$/.exec(body.slice(Math.max(0, at - 24), at));
  return (m?.[1] ?? "").toLowerCase();
}

const RECIPIENT = new Set(["to", "into", "for"]);
/** Between a party and a trigger: the party punishes someone for the act ("sanctioned two firms over …"). */
const PUNISHED_FOR =
  /\b(?:designat\w*|sanction\w*|blacklist\w*|penali[sz]\w*|punish\w*|fined|charged|indicted|arrested|targeted|targets?)\b[^.;]*\b(?:for|over)\b[^,;]*$/i;
const ORIGIN = new Set(["from"]);
/** Words after a party that make it the maker of rules, not an actor: "UN resolutions", "EU sanctions". */
const RULES_AFTER =
  /^['’]?s?\s+(?:Security Council\s+)?(?:resolutions?|sanctions|charter|rules|regulations|law|embargo)\b/i;
/** Whether the words after a party make it the maker of rules ("in violation of UN resolutions"). */
const makesRules = (body: string, p: Placed): boolean =>
  RULES_AFTER.test(body.slice(p.mention.end, p.mention.end + 48));
/**
 * The party a trigger names as its doer: "by" a few words after it ("a visit to Seoul by Antony Blinken", "a
 * test by the DPRK"), not one "by" further on that belongs to another word ("The launch came days before a
 * visit … by …"), nor the maker of rules ("permitted by UN resolutions").
 */
function agentOf(body: string, parties: Placed[], hit: { start: number; end: number }): Placed | undefined {
  return parties.find(
    (p) =>
      p.mention.start >= hit.end &&
      /^\s+(?:[^\s.;:!?]+\s+){0,3}by\s+(?:the\s+)?(?:[A-Z][\w.-]*\s+){0,4}$/.test(
        body.slice(hit.end, p.mention.start),
      ) &&
      AGENT.has(wordBefore(body, p.mention.start)) &&
      !makesRules(body, p),
  );
}

/** Triggers whose grammatical subject receives what is transferred. */
const RECEIVING = /^(?:receiv|obtain|acquir|bought|buy|purchas|import)/i;
const AGENT = new Set(["by"]);
/** Words that refer back to the speaker's own country inside what it says. */
const SELF_REF = /\b(?:we|our|us|the country|this country|our country|it)\b/i;

interface Roles {
  subj: Placed | null;
  obj: Placed | null;
  /** A state referred to as "we", "it", "the country" inside the speaker's words. */
  selfState: Entity | null;
  /** The doer the trigger names with "by" (agentOf), when it names one. */
  agent: Placed | null;
}

/**
 * Subject and object of a claim from the parties named in its clause (the attribution's content when a
 * speaker holds it, else the sentence), by the prepositions before them and their side of the trigger:
 * "from X" is the origin and "by X" the agent (subject); "to/into/for X" the recipient (object); else the
 * nearest party before the trigger is the subject and the first after it the object ("sent Russia …").
 * Mentions inside the attribution's source are the holder, never a party. With no named party before the
 * trigger, "we", "it" or "the country" in the clause stand for the speaker's state.
 */
function rolesOf(
  body: string,
  parties: Placed[],
  hit: TypeHit,
  clause: [number, number],
  att: Attribution | undefined,
  entities: Entity[],
): Roles {
  const origin = parties.find((p) => ORIGIN.has(wordBefore(body, p.mention.start)));
  const agent = agentOf(body, parties, hit);
  const recipient = parties.find(
    (p) => p.mention.start >= hit.end && RECIPIENT.has(wordBefore(body, p.mention.start)),
  );
  // "exercises of South Korea", "a test by …": the party named right after a nominal trigger acts.
  // Not the body whose rules are broken: "in violation of UN resolutions", "a breach of EU sanctions".
  const of = parties.find(
    (p) =>
      p.mention.start >= hit.end &&
      p.mention.start - hit.end <= 6 &&
      wordBefore(body, p.mention.start) === "of" &&
      !makesRules(body, p),
  );
  // Before the trigger, not the one something went to ("Moscow supplied oil to Pyongyang in violation of …":
  // Moscow violates), unless no other party stands before it.
  const preceding = [...parties].reverse().filter((p) => p.mention.end <= hit.start && p !== recipient);
  let before =
    preceding.find((p) => !RECIPIENT.has(wordBefore(body, p.mention.start))) ?? preceding[0] ?? null;
  // "X designated three firms for their role in arms transfers …": who X punishes did the act, not X.
  if (before && PUNISHED_FOR.test(body.slice(before.mention.end, hit.start))) before = null;
  // "… arms transfers between the DPRK and Russia": the two named after "between" are the parties.
  const between = parties.find(
    (p) =>
      p.mention.start >= hit.end &&
      p.mention.start - hit.end <= 16 &&
      wordBefore(body, p.mention.start) === "between",
  );
  if (between) {
    const other = parties.find(
      (p) =>
        p.mention.start > between.mention.end &&
        /^\s+and\s+(?:the\s+)?$/i.test(body.slice(between.mention.end, p.mention.start)),
    );
    if (other) return { subj: between, obj: other, selfState: null, agent: agent ?? null };
  }
  let subj = origin ?? agent ?? of ?? before ?? null;
  let selfState: Entity | null = null;
  if (!subj && att?.speakerKey) {
    const lead = body.slice(clause[0], hit.start);
    if (SELF_REF.test(lead)) selfState = speakerState(att.speakerKey, entities);
  }
  const after = parties.find(
    (p) =>
      p.mention.start >= hit.end &&
      p !== subj &&
      p !== agent &&
      !ORIGIN.has(wordBefore(body, p.mention.start)) &&
      !makesRules(body, p) &&
      p.entity.key !== (subj?.entity.key ?? selfState?.key),
  );
  // "North Korean tankers received oil from Russian vessels", "Russia bought shells from the DPRK": the
  // party before a verb of receiving is the recipient, the one after "from" the supplier.
  const receiving = RECEIVING.test(body.slice(hit.start, hit.end));
  const received = receiving && origin && before && before !== origin ? before : null;
  const obj = recipient && recipient !== subj ? recipient : (received ?? after ?? null);
  if (!subj && !selfState && !obj) subj = parties.find((p) => !makesRules(body, p)) ?? null;
  return {
    subj,
    obj: obj && obj.entity.key !== subj?.entity.key ? obj : null,
    selfState,
    agent: agent ?? null,
  };
}

/** The state a speaker speaks for: itself when it is a state, else the state of its country. */
function speakerState(key: string, entities: Entity[]): Entity | null {
  const sp = entities.find((e) => e.key === key);
  if (!sp) return null;
  if (sp.type === "STATE") return sp;
  const code = sp.country;
  if (!code) return null;
  return (
    entities.find((e) => e.type === "STATE" && (e.country === code || e.key === `state:${code}`)) ?? null
  );
}

/**
 * Where a sentence breaks into parts: clause punctuation, conjunctions that open a contrasting clause, and an
 * "and" before a modal ("had test-fired two missiles on Friday and may launch a satellite": the test is told,
 * the launch only expected).
 * Global: use with matchAll (which copies it), not exec.
 */
export const PART_BREAK =
  /,\s|;|:|\s[—–-]\s|[—–]|\b(?:while|whereas|but|although|though)\b|\band\s+(?=(?:may|might|could|would|will|should|can)\b)/gi;

/** The part of the sentence that holds the trigger, between the clause breaks around it. */
function partAround(body: string, s: Sentence, hit: TypeHit): [number, number] {
  let start = s.start;
  let end = s.end;
  const text = body.slice(s.start, s.end);
  for (const m of text.matchAll(PART_BREAK)) {
    const at = s.start + (m.index ?? 0);
    if (at + m[0].length <= hit.start) start = at + m[0].length;
    else if (at >= hit.end) {
      end = at;
      break;
    }
  }
  return [start, end];
}

const NEG_ALL = new RegExp(NEG_RE.source, "gi");
/** A negated verb ("did not", "are not", "never"), as against a denying phrase ("no evidence", "groundless"). */
const VERB_NEGATION = /(?:\bnot|n't|\bnever)$/i;

/**
 * Whether the part of a sentence that holds the trigger (at `at`) denies it. A negated verb whose own "that"
 * or "whether" clause holds the trigger negates that verb, not the claim ("The army does not conceal that the
 * rockets would be fired at an aggressor", "did not say whether it shipped"); a denying phrase does not ("no evidence that …").
 */
function negated(part: string, at: number): boolean {
  for (const m of part.matchAll(NEG_ALL)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (start < at && VERB_NEGATION.test(m[0]) && /\b(?:that|whether)\b/i.test(part.slice(end, at))) continue;
    return true;
  }
  return false;
}

/** A sentence that opens on a condition ("If the report is accurate, then …"): what follows is only supposed. */
const CONDITIONAL = /^\W*(?:if|should|unless|in case|assuming)\b/i;

/** "This launch", "the test", "such shipments": a trigger that refers back to an event already told. */
// A demonstrative a word or two before the trigger ("this latest launch"), or "the"/"its" right before it
// ("the launch"); "the plan of selling frigates" points back to nothing.
const ANAPHORIC =
  /\b(?:(?:this|these|such|the latest such)\s+(?:[\p{L}-]+\s+){0,2}|(?:the|that|those|its)\s+)$/iu;
/**
 * "The delivery of life-saving aid", "the exports of Russian grain": a trigger noun with an "of" phrase says
 * what it is about there and then, so it points back to no earlier event (and that phrase names no arms, or
 * the sentence would not need to point back).
 */
const OF_PHRASE = /^\s+of\b/i;

export function findClaims(ctx: ClaimContext): Claim[] {
  const placed = placeMentions(ctx.entities);
  const claims: Claim[] = [];
  const reporting = ctx.attributions.filter((a) => isReportingCue(a.cue));
  /** The sentence where each claim type was last told (for triggers that point back to one). */
  const toldAt = new Map<string, number>();
  /** Indices of the claims retyped from troops sent (ARMS_TRANSFER) to MILITARY_COOPERATION. */
  const deployments = new Set<number>();
  for (const [k, s] of ctx.sentences.entries()) {
    const named = namedIn(placed, s);
    // "That meeting" points back to a meeting told a few sentences before, not to one a briefing mentioned
    // twenty questions earlier.
    const told = new Set([...toldAt].filter(([, at]) => k - at <= TOLD_REACH).map(([type]) => type));
    // Where an attribution starts: its source, else its cue.
    const opens = (a: Attribution) => a.spans.source[0]?.[0] ?? a.spans.cue[0]?.[0] ?? s.end;
    // The attributions whose source or cue is in this sentence: the only ones the per-trigger tests below need.
    const local = ctx.attributions.filter((a) =>
      [...a.spans.source, ...a.spans.cue].some(([x, y]) => x < s.end && y > s.start),
    );
    for (const hit of typeHits(s, named, told)) {
      // The holder is the speaker of a reporting cue (said, denied, warned…) whose content holds the trigger
      // (else the sentence); other attribution cues ("thanked", "called for") report an act, not a claim.
      // A cue that is itself the trigger ("Pak was dismissed") reports the event, it does not hold it.
      const holds = reporting.filter((a) => !a.spans.cue.some(([cs, ce]) => cs < hit.end && ce > hit.start));
      // "The launch came a day after Seoul and Washington accused the North of …": an attribution inside a
      // clause of time or cause after the trigger tells of another event; it does not hold the trigger, and its
      // words are not the trigger's clause. ("Noting that …, he said …" holds what it notes.)
      const subordinate = (a: Attribution): boolean => {
        const at = opens(a);
        if (at < hit.end || !a.spans.content.every(([cs]) => cs >= hit.end)) return false;
        const between = ctx.body.slice(hit.end, at);
        return (
          SUBORDINATE.test(between) && !/[,;:—–]/.test(between) && between.trim().split(/\s+/).length <= 8
        );
      };
      const later = local
        .filter((a) => opens(a) < s.end && subordinate(a))
        .map(opens)
        .sort((x, y) => x - y)[0];
      // "Kim inspected the test of new drones and called for their mass production": a trigger between a
      // speaker and its cue is the speaker's own act, told by the outlet, not something the speaker says.
      // (A trigger that is itself a cue, "warned that … and said …", is a speech act: the speaker's.)
      const spoken = local.some((a) => a.spans.cue.some(([cs, ce]) => cs < hit.end && ce > hit.start));
      const ownAct = (a: Attribution): boolean =>
        !spoken &&
        opens(a) <= hit.start &&
        (a.spans.source[0]?.[1] ?? s.end) <= hit.start &&
        (a.spans.cue[0]?.[0] ?? 0) >= hit.end;
      const att =
        holds.find((a) => a.spans.content.some(([cs, ce]) => cs <= hit.start && ce >= hit.end)) ??
        holds.find(
          (a) =>
            a.spans.content.some(([cs, ce]) => cs < s.end && ce > s.start) &&
            !subordinate(a) &&
            !ownAct(a) &&
            // Nor one after such a clause ("…, a claim Pyongyang has denied").
            !(later !== undefined && opens(a) >= later),
        );
      const inContent = att?.spans.content.find(([cs, ce]) => cs < s.end && ce > s.start);
      // The clause: the content within the sentence, run on to the next clause break when the content stops
      // mid-clause ("denied arms shipments | from X to Y, calling…"), never past another cue.
      // A dateline opening the sentence ("Pyongyang, July 28 (KCNA) -- …") names the agency, not a party.
      const from = s.start + afterDateline(s.text);
      let clause: [number, number] = inContent
        ? [Math.max(from, inContent[0]), Math.min(s.end, inContent[1])]
        : [from, later ?? s.end];
      if (inContent) {
        const rest = ctx.body.slice(clause[1], s.end);
        const stop = rest.search(/[,;:—–]|\s["“]/);
        let end = clause[1] + (stop < 0 ? rest.length : stop);
        for (const a of ctx.attributions)
          for (const [cs] of a.spans.cue) if (cs >= clause[1] && cs < end) end = cs;
        clause = [clause[0], end];
      }
      const inSource = (p: Placed) =>
        att?.spans.source.some(([a, b]) => p.mention.start < b && p.mention.end > a) ?? false;
      const parties = mentionsIn(placed, clause[0], clause[1]).filter(
        (p) =>
          ["STATE", "ORG", "PERSON"].includes(p.entity.type) && p.mention.via !== "pronoun" && !inSource(p),
      );
      const {
        subj,
        obj: named,
        selfState,
        agent,
      } = rolesOf(ctx.body, parties, hit, clause, att, ctx.entities);
      const clauseText = ctx.body.slice(clause[0], clause[1]);
      const weapons = mentionsIn(placed, clause[0], clause[1]).filter((p) => p.entity.type === "WEAPON");
      const item =
        weapons[0]?.entity.name ??
        (hit.items ? (hit.items.exec(clauseText)?.[0]?.toLowerCase() ?? null) : null);
      const date =
        ctx.dates.find((d) => d.start >= clause[0] && d.end <= clause[1]) ??
        ctx.dates.find((d) => d.start >= s.start && d.end <= s.end);
      // Declining is the holder's act, anywhere in the sentence; a negation or a hedge bears on the claim only
      // in the trigger's own part of the sentence ("While X assessed it did not pose a threat, this launch
      // raises tensions": the launch is not denied).
      const [ps, pe] = partAround(ctx.body, s, hit);
      const part = ctx.body.slice(ps, pe);
      let stance: Stance = att ? cuePolarity(att.cue) : "ASSERT";
      if (declined(s.text, hit.start - s.start)) stance = "DECLINE";
      else if (stance === "ASSERT" && negated(part, hit.start - ps)) stance = "DENY";
      else if (
        stance === "ASSERT" &&
        (HEDGE_RE.test(part) ||
          CONDITIONAL.test(ctx.body.slice(s.start, ps)) ||
          IF_TRUE_AFTER.test(ctx.body.slice(hit.end, Math.min(s.end, hit.end + 60))))
      )
        stance = "HEDGE";
      // "We urge…", "I condemn…" with no one named to be "we": the voice of the statement itself — the
      // outlet that publishes it, or in a transcript the turn's speaker.
      const ownVoice =
        att !== undefined && !att.speakerKey && /^(?:we|i)$/i.test(att.speakerText?.trim() ?? "");
      const held = ownVoice ? undefined : att;
      // In a transcript the turn's speaker holds what the turn says; a reporter's question holds nothing.
      const turn = held ? undefined : ctx.turns?.find((t) => s.start < t.end && s.end > t.start);
      const holder = held
        ? (held.speaker ?? described(held.speakerText) ?? "unknown")
        : turn
          ? (turn.speaker ?? "reporter's question")
          : ctx.outlet;
      // A question asserts nothing, nor does a negated one deny ("Why doesn't the President …?").
      if ((stance === "ASSERT" || stance === "DENY") && (turn?.question || /\?["”’)]*$/.test(s.text.trim())))
        stance = "HEDGE";
      let subject: Entity | null = subj?.entity ?? selfState;
      // "… this launch raises tensions", "This launch is a violation of …": no party in the trigger's part of
      // the sentence names the actor, and the words point back to an event already told: the actor is that of
      // the last claim of this type (else of any type) that has one, not a party of another clause.
      const lead = ctx.body.slice(Math.max(ps, hit.start - 40), hit.start);
      const topic =
        /^\s*(?:this|these|such|the)\s+(?:[\p{L}-]+\s+){0,2}?(?:launch|launches|test|tests|shipment|shipments|transfer|transfers|deliveries|delivery|move|act|action|actions|exercise|exercises|drills?|missiles?|rockets?|projectiles?)\b/iu.exec(
          ctx.body.slice(s.start, s.end),
        );
      const pointsBack = ANAPHORIC.test(lead) || (topic !== null && hit.start >= s.start + topic[0].length);
      // A party before the trigger in its part, or one the trigger names as its doer ("a visit to Seoul by
      // Secretary of State Antony Blinken"), is the trigger's own.
      const ownParty =
        agent !== null || parties.some((p) => p.mention.start >= ps && p.mention.end <= hit.start);
      if (pointsBack && !ownParty && !selfState) {
        const earlier =
          [...claims].reverse().find((c) => c.type === hit.spec.type && c.subject) ??
          [...claims].reverse().find((c) => c.subject);
        const inherited = ctx.entities.find((e) => e.name === earlier?.subject);
        if (inherited) subject = inherited;
      }
      // "Pyongyang has not acknowledged sending troops", "Moscow denied supplying arms": a content that opens
      // with the act's gerund has the speaker for its doer. The trigger itself is that gerund, first in the
      // content (not "the meeting today …").
      if (
        !subject &&
        att?.speakerKey &&
        inContent &&
        ctx.body.slice(inContent[0], hit.start).trim() === "" &&
        /^\p{Ll}+ing$/u.test(ctx.body.slice(hit.start, hit.end)) &&
        DOER_GERUND_TYPES.has(hit.spec.type)
      )
        subject = speakerState(att.speakerKey, ctx.entities);
      // A test or an exercise is aimed at a state or a body, never at a person named near it; with no other
      // actor, the person's state conducts it ("a test-fire … under the guidance of Kim Jong Un": North Korea).
      const aimed = hit.spec.type === "WEAPONS_TEST" || hit.spec.type === "MILITARY_EXERCISE";
      if (aimed && !subject && named?.entity.type === "PERSON")
        subject = speakerState(named.entity.key, ctx.entities);
      // "Kim oversaw the test of a new ICBM": a state tests, drills and develops weapons; its leader oversees.
      if (STATE_ACTS.has(hit.spec.type) && subject?.type === "PERSON")
        subject = speakerState(subject.key, ctx.entities) ?? subject;
      // The actor pointed back to, named again after the trigger ("these violations … the DPRK"), is not
      // also the claim's object.
      let obj =
        named && named.entity.key !== subject?.key && !(aimed && named.entity.type === "PERSON")
          ? named
          : null;
      // "Russia had fired at least 20 North Korean KN-23 ballistic missiles at Ukrainian cities": a state
      // firing another state's weapons is evidence of a transfer from that state, not a test of its own.
      let type = hit.spec.type;
      const maker =
        hit.spec.type === "WEAPONS_TEST" && subject?.type === "STATE"
          ? foreignMaker(ctx.body, placed, clause, subject)
          : null;
      if (maker && subject) {
        type = "ARMS_TRANSFER";
        obj = { entity: subject, mention: maker.mention };
        subject = maker.entity;
      }
      // "North Korea will convene a plenary meeting of its ruling Workers' Party": a meeting with a body of the
      // same country, where no party named (outside the speaker's words) is of another, is no diplomatic contact.
      if (
        type === "DIPLOMATIC_CONTACT" &&
        subject?.country &&
        obj?.entity.type === "ORG" &&
        obj.entity.country &&
        subject.country === obj.entity.country &&
        parties.every((p) => !p.entity.country || p.entity.country === subject.country)
      )
        continue;
      // "Pyongyang sent a fresh contingent of 3,000 troops": troops sent are a deployment, the same event as
      // "deployed troops to Russia", not goods delivered (a sentence with both triggers keeps one: see below).
      const deployment = type === "ARMS_TRANSFER" && item !== null && PERSONNEL.test(item);
      if (deployment) type = "MILITARY_COOPERATION";
      const actors = [
        ...new Set(
          [subject?.key, obj?.entity.key, held?.speakerKey ?? turn?.speakerKey].filter((k): k is string =>
            Boolean(k),
          ),
        ),
      ];
      toldAt.set(hit.spec.type, k);
      if (deployment) deployments.add(claims.length);
      claims.push({
        type,
        subject: subject?.name ?? null,
        object: obj?.entity.name ?? null,
        item,
        quantity: quantityOf(
          clauseText,
          ctx.dates.map((d) => ({ start: d.start - clause[0], end: d.end - clause[0] })),
        ),
        when: date?.resolved ?? null,
        whenText: date?.text ?? null,
        whenNote: date?.note ?? null,
        holder,
        holderKind: held
          ? held.speaker
            ? "speaker"
            : "unknown"
          : turn
            ? turn.speaker
              ? "speaker"
              : "unknown"
            : "outlet",
        stance,
        confidence: att ? Math.min(0.9, att.confidence) : 0.7,
        actors,
        evidence: { start: s.start, end: s.end, text: s.text },
      });
    }
  }
  const kept = oneDeploymentPerSentence(claims, deployments);
  return [...kept, ...declinedClaims(ctx, kept, placed)].sort((a, b) => a.evidence.start - b.evidence.start);
}

/**
 * "… sending troops to Russia": the transfer trigger (retyped to a deployment) and military cooperation's own
 * ("troops to") tell one event. The cooperation trigger's claim stays, taking from the other what it lacks:
 * the doer ("has not acknowledged sending troops": the speaker), the troops as item, their number.
 */
function oneDeploymentPerSentence(claims: Claim[], deployments: ReadonlySet<number>): Claim[] {
  const dropped = new Set<number>();
  for (const i of deployments) {
    const d = claims[i] as Claim;
    const native = claims.find(
      (c, k) => !deployments.has(k) && c.type === d.type && c.evidence.start === d.evidence.start,
    );
    if (!native) continue;
    dropped.add(i);
    if (!native.subject && d.subject !== native.object) native.subject = d.subject;
    if (!native.object && d.object !== native.subject) native.object = d.object;
    native.item = native.item ?? d.item;
    native.quantity = native.quantity ?? d.quantity;
    native.actors = [...new Set([...native.actors, ...d.actors])];
  }
  return claims.filter((_, k) => !dropped.has(k));
}

/**
 * "Russia's foreign ministry did not respond to a request for comment.": with no attribution (nothing was
 * said), the decliner is the sentence's short subject before the declining words: the last party it names
 * (the ministry's state, "Kremlin spokesman Dmitry Peskov").
 */
function subjectOf(
  body: string,
  placed: Placed[],
  s: Sentence,
  at: number,
): Pick<Attribution, "speaker" | "speakerKey" | "confidence"> | undefined {
  const from = s.start + afterDateline(s.text);
  if (body.slice(from, at).trim().split(/\s+/).length > 8) return undefined;
  const party = mentionsIn(placed, from, at)
    .filter((p) => ["STATE", "ORG", "PERSON"].includes(p.entity.type) && p.mention.via !== "pronoun")
    .at(-1);
  return party ? { speaker: party.entity.name, speakerKey: party.entity.key, confidence: 0.6 } : undefined;
}

/** "the transfers, if confirmed, could …": the act itself is only supposed. */
const IF_TRUE_AFTER = /^[^.;:]{0,40}?,\s*if\s+(?:confirmed|true|accurate|verified|correct|proven)\b/i;

/** How many sentences back a trigger that points back ("this launch", "the meeting") looks for its event. */
const TOLD_REACH = 6;

/** Words opening a clause of time or cause: what follows them is another event. */
const SUBORDINATE = /\b(?:after|before|since|when|while|because|following|amid|until)\b/i;

/** Acts of a state, whoever the sentence names as overseeing them. */
const STATE_ACTS = new Set(["WEAPONS_TEST", "MILITARY_EXERCISE", "WEAPONS_DEVELOPMENT"]);

/** Items that are people, not goods. */
const PERSONNEL = /^(?:troops|soldiers)$/i;

/** Types whose trigger, as a gerund opening what a speaker denies or admits, is the speaker's own act. */
const DOER_GERUND_TYPES = new Set([
  "ARMS_TRANSFER",
  "SANCTIONS_VIOLATION",
  "WEAPONS_TEST",
  "WEAPONS_DEVELOPMENT",
  "MILITARY_COOPERATION",
]);

/** Words after a state's demonym that make it the maker of the weapons in the clause. */
const MADE_WEAPON =
  /^\s+(?:[\w-]+\s+){0,3}?(?:missiles?|rockets?|shells?|artillery|munitions|drones?|weapons?|launchers?|ammunition)\b/i;

/**
 * The state whose weapons another state fires in this clause: a demonym of a different state right before
 * a weapon ("North Korean KN-23 ballistic missiles", "Iranian-made drones").
 */
function foreignMaker(body: string, placed: Placed[], clause: [number, number], user: Entity): Placed | null {
  for (const p of mentionsIn(placed, clause[0], clause[1])) {
    if (p.entity.type !== "STATE" || p.entity.key === user.key || p.mention.via !== "demonym") continue;
    const after = body.slice(p.mention.end, Math.min(clause[1], p.mention.end + 60));
    if (MADE_WEAPON.test(after.replace(/^-made\b/, ""))) return p;
  }
  return null;
}

/**
 * A source the text describes without naming ("Eleven countries", "a joint statement", "U.N. diplomats"): the
 * claim's holder as written, though its kind stays "unknown" (it counts as the outlet's, not as an
 * independent source). Not a pronoun or a relative word, nor a long clause.
 */
function described(text: string | null): string | null {
  const t = text?.replace(/\s+/g, " ").trim() ?? "";
  if (!t || t.length > 80 || /[“”"]/.test(t)) return null;
  if (/^(?:i|we|you|he|she|it|they|who|which|that|this|these|those|one|someone|his|her|its|their)$/i.test(t))
    return null;
  return t;
}

/** How far back (characters) a bare "declined to comment" looks for the claim it declines to speak of. */
const DECLINE_REACH = 600;

/**
 * "The Kremlin declined to comment.", "Russia's defence ministry did not respond to a request for comment.":
 * a sentence that only declines, with no claim of its own, declines to speak of the claim told last before it
 * (within DECLINE_REACH; in a briefing, often the question just asked): the decliner holds that claim with
 * stance DECLINE. One that only dismisses the reports ("Pyongyang called the reports a smear campaign")
 * denies it: stance DENY.
 * The decliner is the speaker of the sentence's attribution (the source of "declined", the speaker whose
 * words decline); none, and the sentence adds nothing.
 */
function declinedClaims(ctx: ClaimContext, claims: Claim[], placed: Placed[]): Claim[] {
  // Sentences that told a claim of their own (a claim's evidence is its sentence).
  const told = new Set(claims.map((c) => c.evidence.start));
  const out: Claim[] = [];
  for (const s of ctx.sentences) {
    if (told.has(s.start)) continue;
    const declines = DECLINE_RE.exec(s.text);
    // A dismissal bears on reports named in the sentence: "the reports", "these claims".
    const dismisses = declines ? null : REPORT_NOUN_RE.test(s.text) ? DISMISSAL_RE.exec(s.text) : null;
    const m = declines ?? dismisses;
    if (!m) continue;
    const at = s.start + m.index;
    const att: Pick<Attribution, "speaker" | "speakerKey" | "confidence"> | undefined =
      ctx.attributions.find(
        (a) =>
          a.speaker &&
          [...a.spans.cue, ...a.spans.content].some(([x, y]) => x <= at + m[0].length && y >= at) &&
          a.spans.cue.some(([x]) => x >= s.start && x < s.end),
      ) ?? (declines ? subjectOf(ctx.body, placed, s, at) : undefined);
    if (!att?.speaker) continue;
    // The speaker's own claims are not what it declines or dismisses: the last one someone else holds.
    const prior = claims
      .filter(
        (c) =>
          c.evidence.end <= s.start && s.start - c.evidence.end <= DECLINE_REACH && c.holder !== att.speaker,
      )
      .at(-1);
    if (!prior) continue;
    out.push({
      ...prior,
      holder: att.speaker,
      holderKind: "speaker",
      stance: declines ? "DECLINE" : "DENY",
      confidence: Math.min(0.6, att.confidence),
      actors: [...new Set([...prior.actors, ...(att.speakerKey ? [att.speakerKey] : [])])],
      evidence: { start: s.start, end: s.end, text: s.text },
    });
  }
  return out;
}
