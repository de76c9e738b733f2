/**
 * Text-quality flags beyond quotes: pronoun/speaker gender mismatch, a sentence whose supplier contradicts the
 * article's dominant supplier of the same goods, names written with look-alike letters of another script, and
 * article-level provenance/date flags. ROLE_CONFLICT within an article is in ./role-conflict.ts, GARBLED in
 * ./garbled-list.ts.
 */
import type { Article, Attribution, Claim, Entity, Flag } from "../types.js";
import { namesSomeoneElse, type Placed, placeMentions } from "./mentions.js";

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
