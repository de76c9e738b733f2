/** Entity mentions flattened, sorted by offset, for speaker and actor lookups. */
import { wordsRegExp } from "../text.js";
import type { Entity, Mention } from "../types.js";
import { CALENDAR_WORDS, FEMININE_NOUNS, MASCULINE_NOUNS } from "./lexicons/text-quality.js";

export interface Placed {
  entity: Entity;
  mention: Mention;
}

export function placeMentions(entities: Entity[]): Placed[] {
  const out: Placed[] = [];
  for (const entity of entities) for (const mention of entity.mentions) out.push({ entity, mention });
  return out.sort((a, b) => a.mention.start - b.mention.start || b.mention.end - a.mention.end);
}

export function mentionsIn(placed: Placed[], start: number, end: number): Placed[] {
  return placed.filter((p) => p.mention.start >= start && p.mention.end <= end);
}

/**
 * Pronouns a speaker can be: `collective` ones ("they", "it") stand for a state or body, never for one person;
 * the others for a person.
 */
export const PRONOUNS: Record<
  string,
  { gender: "male" | "female" | "unknown"; plural: boolean; collective: boolean }
> = {
  he: { gender: "male", plural: false, collective: false },
  she: { gender: "female", plural: false, collective: false },
  they: { gender: "unknown", plural: true, collective: true },
  it: { gender: "unknown", plural: false, collective: true },
};

/** How far back (characters) "they" or "it" looks for the state or body it stands for. */
const COLLECTIVE_REACH = 200;

/**
 * The nearest entity mentioned before `at` that could speak: a person for he/she; a collective (organisation or
 * state) for "it" and "they", since a single person is neither ("they" in wire copy is the officials, crowds or
 * delegates around a leader far more often than the leader); anything that speaks when there is no pronoun.
 */
export function nearestSpeaker(placed: Placed[], at: number, pronoun: string | null): Placed | null {
  const p = pronoun ? PRONOUNS[pronoun.toLowerCase()] : undefined;
  let best: Placed | null = null;
  // The person mention reaching furthest so far: a name inside it is part of its description ("Kim Yo Jong,
  // the sister of leader Kim Jong Un, … she said": the leader is only how she is described).
  let cover: Placed | null = null;
  for (const c of placed) {
    if (c.mention.end > at) break;
    const t = c.entity.type;
    const described =
      cover !== null &&
      cover.entity.key !== c.entity.key &&
      cover.mention.start <= c.mention.start &&
      cover.mention.end >= c.mention.end;
    if (t === "PERSON" && (!cover || c.mention.end > cover.mention.end)) cover = c;
    if (p && !p.collective) {
      if (t === "PERSON" && !described) best = c;
    } else if (p) {
      // Within about a sentence: further back, "they" means people no entity names (lawyers, parents, crowds).
      if ((t === "ORG" || t === "STATE") && at - c.mention.end <= COLLECTIVE_REACH) best = c;
    } else if (t === "PERSON" || t === "ORG" || t === "STATE") best = c;
  }
  return best;
}

const FEMININE_RE = wordsRegExp(FEMININE_NOUNS);
const MASCULINE_RE = wordsRegExp(MASCULINE_NOUNS);
const CALENDAR: ReadonlySet<string> = new Set(CALENDAR_WORDS);

/**
 * Whether the text between the entity's last mention before `at` and a "he" or "she" at `at` names someone
 * else the pronoun may mean: a noun of the pronoun's gender ("a woman worker … she"), or a capitalised name no
 * entity covers ("Natalie", "Mayor Bowser"; not a weekday, a month, an acronym or a sentence's first word).
 * Then a pronoun of the other gender than the entity's is not the entity's.
 */
export function namesSomeoneElse(
  body: string,
  placed: Placed[],
  entity: Entity,
  at: number,
  pronoun: string,
): boolean {
  let from = -1;
  for (const m of entity.mentions) if (m.end <= at && m.via !== "pronoun" && m.end > from) from = m.end;
  if (from < 0) return false;
  const between = body.slice(from, at);
  if ((pronoun.toLowerCase() === "she" ? FEMININE_RE : MASCULINE_RE).test(between)) return true;
  for (const m of between.matchAll(/\p{Lu}[\p{Ll}\p{M}'’-]+/gu)) {
    const start = from + m.index;
    if (CALENDAR.has(m[0])) continue;
    if (placed.some((p) => p.mention.start <= start && p.mention.end > start)) continue;
    const before = body.slice(Math.max(0, start - 3), start);
    if (start === 0 || /(?:^|[.!?:“"]\s*|\n\s*)$/u.test(before) || /\n/.test(before)) continue;
    return true;
  }
  return false;
}
