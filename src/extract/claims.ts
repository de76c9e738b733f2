/**
 * Typed claims: one per claim type whose trigger (lexicons/claim-types.ts) fires in a sentence. The holder is
 * the speaker of the reporting attribution whose content holds the trigger (stance from the cue), else the
 * outlet in its own voice. Stance: DECLINE / DENY / HEDGE words in the sentence override ASSERT. Subject,
 * object, item, quantity and date are read from the claim's clause (see rolesOf).
 */
import type { Attribution, Claim, DateMention, Entity, Quantity, Stance } from "../types.js";
import { cuePolarity, isReportingCue } from "./attributions.js";
import { CLAIM_TYPES } from "./lexicons/claim-types.js";
import { DECLINES, HEDGES, NEGATIONS } from "./lexicons/cues.js";
import { mentionsIn, type Placed, placeMentions } from "./mentions.js";
import type { Sentence } from "./sentences.js";

function termRe(terms: string[]): RegExp {
  const alt = terms
    .map((t) =>
      t
        .replace(/[.+?^${}()|[\]\\]/g, "\\$&")
        .replace(/\s+/g, "\\s+")
        .replace(/\*$/, "\\w*"),
    )
    .join("|");
  return new RegExp(`\\b(?:${alt})\\b`, "i");
}

const TYPE_RES = CLAIM_TYPES.map((t) => ({
  spec: t,
  re: termRe(t.triggers),
  items: t.items ? termRe(t.items) : null,
}));
const HEDGE_RE = termRe(HEDGES);
const NEG_RE = termRe(NEGATIONS);
const DECLINE_RE = termRe(DECLINES);
const QTY_RE =
  /\b((?:about|around|roughly|approximately|nearly|almost|some|more than|over|up to|at least|an estimated)\s+)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(\s+(?:million|billion|thousand))?\b/i;
const MULT: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9 };

export function quantityOf(text: string): Quantity | null {
  for (const m of text.matchAll(new RegExp(QTY_RE.source, "gi"))) {
    const num = m[2] ?? "";
    const at = (m.index ?? 0) + (m[1]?.length ?? 0);
    // A number inside a name or code ("Hwasong-19", "KN-23", "F-16s") is not a quantity.
    if (
      /[\p{L}\d][-‐–]?$/u.test(text.slice(Math.max(0, at - 2), at)) ||
      /^[-‐][\p{L}]/u.test(text.slice(at + num.length))
    )
      continue;
    const after = text.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 12);
    // Years and days of the month are not quantities.
    if (
      /^(19|20)\d\d$/.test(num) ||
      (/^\s*(?:percent|%)/.test(after) === false &&
        /^(?:[A-Z][a-z]+\s+)$/.test(text.slice(Math.max(0, (m.index ?? 0) - 10), m.index ?? 0).slice(-10)))
    )
      continue;
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
function typeHits(s: Sentence): TypeHit[] {
  const out: TypeHit[] = [];
  for (const t of TYPE_RES) {
    const m = t.re.exec(s.text);
    if (!m) continue;
    const start = s.start + m.index;
    const end = start + m[0].length;
    if (out.some((h) => h.start < end && start < h.end)) continue;
    out.push({ spec: t.spec, items: t.items, start, end });
  }
  return out;
}

/** The word before a mention, skipping articles: "to (the) Russia", "from Pyongyang". */
function wordBefore(body: string, at: number): string {
  const m = /([A-Za-z]+)\s+(?:(?:the|a|an)\s+)?$/.exec(body.slice(Math.max(0, at - 24), at));
  return (m?.[1] ?? "").toLowerCase();
}

const RECIPIENT = new Set(["to", "into", "for"]);
const ORIGIN = new Set(["from"]);
const AGENT = new Set(["by"]);
/** Words that refer back to the speaker's own country inside what it says. */
const SELF_REF = /\b(?:we|our|us|the country|this country|our country|it)\b/i;

interface Roles {
  subj: Placed | null;
  obj: Placed | null;
  /** A state referred to as "we", "it", "the country" inside the speaker's words. */
  selfState: Entity | null;
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
  const agent = parties.find(
    (p) => p.mention.start >= hit.end && AGENT.has(wordBefore(body, p.mention.start)),
  );
  const recipient = parties.find(
    (p) => p.mention.start >= hit.end && RECIPIENT.has(wordBefore(body, p.mention.start)),
  );
  // "exercises of South Korea", "a test by …": the party named right after a nominal trigger acts.
  const of = parties.find(
    (p) =>
      p.mention.start >= hit.end &&
      p.mention.start - hit.end <= 6 &&
      wordBefore(body, p.mention.start) === "of",
  );
  const before = [...parties].reverse().find((p) => p.mention.end <= hit.start && p !== recipient);
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
      p.entity.key !== (subj?.entity.key ?? selfState?.key),
  );
  const obj = recipient && recipient !== subj ? recipient : (after ?? null);
  if (!subj && !selfState && !obj) subj = parties[0] ?? null;
  return { subj, obj: obj && obj.entity.key !== subj?.entity.key ? obj : null, selfState };
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

export function findClaims(ctx: ClaimContext): Claim[] {
  const placed = placeMentions(ctx.entities);
  const claims: Claim[] = [];
  const reporting = ctx.attributions.filter((a) => isReportingCue(a.cue));
  for (const s of ctx.sentences) {
    for (const hit of typeHits(s)) {
      // The holder is the speaker of a reporting cue (said, denied, warned…) whose content holds the trigger
      // (else the sentence); other attribution cues ("thanked", "called for") report an act, not a claim.
      // A cue that is itself the trigger ("Pak was dismissed") reports the event, it does not hold it.
      const holds = reporting.filter((a) => !a.spans.cue.some(([cs, ce]) => cs < hit.end && ce > hit.start));
      const att =
        holds.find((a) => a.spans.content.some(([cs, ce]) => cs <= hit.start && ce >= hit.end)) ??
        holds.find((a) => a.spans.content.some(([cs, ce]) => cs < s.end && ce > s.start));
      const inContent = att?.spans.content.find(([cs, ce]) => cs < s.end && ce > s.start);
      // The clause: the content within the sentence, run on to the next clause break when the content stops
      // mid-clause ("denied arms shipments | from X to Y, calling…"), never past another cue.
      let clause: [number, number] = inContent
        ? [Math.max(s.start, inContent[0]), Math.min(s.end, inContent[1])]
        : [s.start, s.end];
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
      const { subj, obj, selfState } = rolesOf(ctx.body, parties, hit, clause, att, ctx.entities);
      const clauseText = ctx.body.slice(clause[0], clause[1]);
      const weapons = mentionsIn(placed, clause[0], clause[1]).filter((p) => p.entity.type === "WEAPON");
      const item =
        weapons[0]?.entity.name ??
        (hit.items ? (hit.items.exec(clauseText)?.[0]?.toLowerCase() ?? null) : null);
      const date =
        ctx.dates.find((d) => d.start >= clause[0] && d.end <= clause[1]) ??
        ctx.dates.find((d) => d.start >= s.start && d.end <= s.end);
      let stance: Stance = att ? cuePolarity(att.cue) : "ASSERT";
      if (DECLINE_RE.test(s.text)) stance = "DECLINE";
      else if (stance === "ASSERT" && NEG_RE.test(s.text)) stance = "DENY";
      else if (stance === "ASSERT" && HEDGE_RE.test(s.text)) stance = "HEDGE";
      const holder = att?.speaker ?? (att ? "unknown" : ctx.outlet);
      const subject = subj?.entity ?? selfState;
      const actors = [
        ...new Set([subject?.key, obj?.entity.key, att?.speakerKey].filter((k): k is string => Boolean(k))),
      ];
      claims.push({
        type: hit.spec.type,
        subject: subject?.name ?? null,
        object: obj?.entity.name ?? null,
        item,
        quantity: quantityOf(clauseText),
        when: date?.resolved ?? null,
        whenText: date?.text ?? null,
        whenNote: date?.note ?? null,
        holder,
        holderKind: att ? (att.speaker ? "speaker" : "unknown") : "outlet",
        stance,
        confidence: att ? Math.min(0.9, att.confidence) : 0.7,
        actors,
        evidence: { start: s.start, end: s.end, text: s.text },
      });
    }
  }
  return claims;
}
