/**
 * Typed claims, one per sentence that fires a claim-type trigger (lexicons/claim-types.ts). The holder is the
 * speaker of the attribution whose content holds the sentence (stance from the cue), else the outlet.
 * Stance: DECLINE / DENY / HEDGE cues in the sentence override ASSERT.
 */
import type { Attribution, Claim, DateMention, Entity, Quantity, Stance } from "../types.js";
import { cuePolarity, isReportingCue } from "./attributions.js";
import { CLAIM_TYPES } from "./lexicons/claim-types.js";
import { DECLINES, HEDGES, NEGATIONS } from "./lexicons/cues.js";
import { mentionsIn, placeMentions } from "./mentions.js";
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

export function findClaims(ctx: ClaimContext): Claim[] {
  const placed = placeMentions(ctx.entities);
  const claims: Claim[] = [];
  for (const s of ctx.sentences) {
    const hit = TYPE_RES.find((t) => t.re.test(s.text));
    if (!hit) continue;
    // The holder is the speaker of a reporting cue (said, denied, warned…) whose content holds the sentence;
    // other attribution cues ("thanked", "called for") report an act, not a claim the speaker makes.
    const att = ctx.attributions.find(
      (a) => isReportingCue(a.cue) && a.spans.content.some(([cs, ce]) => cs < s.end && ce > s.start),
    );
    const parties = mentionsIn(placed, s.start, s.end).filter(
      (p) => ["STATE", "ORG", "PERSON"].includes(p.entity.type) && p.mention.via !== "pronoun",
    );
    const trig = hit.re.exec(s.text);
    const trigAt = s.start + (trig?.index ?? 0);
    const speakerKey = att?.speakerKey ?? null;
    const nonSpeaker = parties.filter((p) => p.entity.key !== speakerKey || parties.length === 1);
    const subj = [...nonSpeaker].reverse().find((p) => p.mention.end <= trigAt) ?? nonSpeaker[0];
    const obj = nonSpeaker.find((p) => p.mention.start >= trigAt && p.entity.key !== subj?.entity.key);
    const weapons = mentionsIn(placed, s.start, s.end).filter((p) => p.entity.type === "WEAPON");
    const item =
      weapons[0]?.entity.name ?? (hit.items ? (hit.items.exec(s.text)?.[0]?.toLowerCase() ?? null) : null);
    const date = ctx.dates.find((d) => d.start >= s.start && d.end <= s.end);
    let stance: Stance = att ? cuePolarity(att.cue) : "ASSERT";
    if (DECLINE_RE.test(s.text)) stance = "DECLINE";
    else if (stance === "ASSERT" && NEG_RE.test(s.text)) stance = "DENY";
    else if (stance === "ASSERT" && HEDGE_RE.test(s.text)) stance = "HEDGE";
    const holder = att?.speaker ?? (att ? "unknown" : ctx.outlet);
    const actors = [
      ...new Set([subj?.entity.key, obj?.entity.key, att?.speakerKey].filter((k): k is string => Boolean(k))),
    ];
    claims.push({
      type: hit.spec.type,
      subject: subj?.entity.name ?? null,
      object: obj?.entity.name ?? null,
      item,
      quantity: quantityOf(s.text),
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
  return claims;
}
