/** Entity mentions flattened, sorted by offset, for speaker and actor lookups. */
import type { Entity, Mention } from "../types.js";

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
  for (const c of placed) {
    if (c.mention.end > at) break;
    const t = c.entity.type;
    if (p && !p.collective) {
      if (t === "PERSON") best = c;
    } else if (p) {
      // Within about a sentence: further back, "they" means people no entity names (lawyers, parents, crowds).
      if ((t === "ORG" || t === "STATE") && at - c.mention.end <= COLLECTIVE_REACH) best = c;
    } else if (t === "PERSON" || t === "ORG" || t === "STATE") best = c;
  }
  return best;
}
