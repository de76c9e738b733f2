/**
 * Transcript turns: press briefings, gaggles and interviews are published as "MS. JEAN-PIERRE:  Good
 * afternoon…", "Q    Will the President…", "MR. KIRBY:  The United States remains committed…". What follows
 * a speaker label, up to the next label, is that speaker's, so a claim made there is held by the speaker,
 * not by the outlet that published the transcript; a reporter's question ("Q") asserts nothing.
 *
 * Written by hand: no library reads transcript layouts, and the labels are a small, regular convention
 * (capitals and a colon at the start of a paragraph). A text counts as a transcript only when at least two
 * paragraphs open with a label, so one capitalised "NOTE:" in an article changes nothing.
 */
import type { Entity } from "../types.js";
import { escapeRegExp, titleCase } from "../text.js";
import { isKoreanName } from "./entities/index.js";

export interface Turn {
  start: number;
  end: number;
  /** The label as written ("MS. JEAN-PIERRE", "Q"). */
  label: string;
  /** Who speaks: the named person the label points to, else the label in ordinary case; null for "Q". */
  speaker: string | null;
  speakerKey: string | null;
  question: boolean;
}

const HONORIFIC =
  /^(?:MR|MS|MRS|MISS|DR|ADM|ADMIRAL|GEN|GENERAL|SEC|SECRETARY|AMB|AMBASSADOR|SEN|SENATOR|REP|GOV)\.?\s+/;
/**
 * A label: capitals (with dots, hyphens, apostrophes), one to six words, then a colon; or a lone "Q" before
 * the question (the clean stage has made its run of spaces one).
 */
const LABEL = /^(?:(Q)(?:[:.]\s*|\s+(?=[A-Z“"‘']))|((?:[A-Z][A-Z.'’-]*)(?:\s+[A-Z][A-Z.'’-]*){0,5}):\s)/;

/**
 * The article's person whose family name is `family` (any case): the last word of a Western name, the first of
 * a Korean one ("MR. KIM" is Kim Tok Hun, "President Biden" is Joe Biden).
 */
export function personByFamilyName(family: string, entities: Entity[]): Entity | undefined {
  const folded = family.toLowerCase();
  return entities.find(
    (e) =>
      e.type === "PERSON" &&
      [e.name, ...e.aliases].some((n) => {
        const words = n.toLowerCase().split(/\s+/);
        return words[words.length - 1] === folded || (isKoreanName(n) && words[0] === folded);
      }),
  );
}

/** The person a label names: "MS. JEAN-PIERRE" → the article's Karine Jean-Pierre, by family name. */
function resolve(label: string, entities: Entity[], title: string): { name: string; key: string | null } {
  const bare = label.replace(HONORIFIC, "").trim();
  const family = bare.split(/\s+/).pop() ?? bare;
  const person = personByFamilyName(family, entities);
  if (person) return { name: person.name, key: person.key };
  // Briefings name their speakers in the title: "Press Briefing by Press Secretary Karine Jean-Pierre".
  const escaped = escapeRegExp(family);
  const inTitle = new RegExp(`((?:\\p{Lu}[\\p{L}.'’-]*\\s+){1,2})${escaped}\\b`, "iu").exec(title);
  const given = inTitle?.[1]?.trim().split(/\s+/).pop();
  if (given && /^\p{Lu}\p{Ll}/u.test(given)) return { name: `${given} ${titleCase(family)}`, key: null };
  return { name: titleCase(bare), key: null };
}

/** The transcript turns of `body` (none when it is not a transcript). */
export function findTurns(body: string, entities: Entity[], title = ""): Turn[] {
  const starts: { at: number; label: string; question: boolean; textAt: number }[] = [];
  let at = 0;
  for (const line of body.split("\n")) {
    const label = LABEL.exec(line);
    if (label) {
      const question = label[1] === "Q";
      starts.push({ at, label: question ? "Q" : (label[2] ?? ""), question, textAt: at + label[0].length });
    }
    at += line.length + 1;
  }
  // "WASHINGTON:" or "UPDATE:" alone is a dateline or a note; a speaker label has an honorific, or two
  // words, or comes back.
  const counts = new Map<string, number>();
  for (const s of starts) counts.set(s.label, (counts.get(s.label) ?? 0) + 1);
  const real = starts.filter(
    (s) => s.question || HONORIFIC.test(s.label) || /\s/.test(s.label) || (counts.get(s.label) ?? 0) > 1,
  );
  if (real.length < 2) return [];
  return real.map((s, i) => {
    const who = s.question ? null : resolve(s.label, entities, title);
    return {
      start: s.textAt,
      end: real[i + 1]?.at ?? body.length,
      label: s.label,
      speaker: who?.name ?? null,
      speakerKey: who?.key ?? null,
      question: s.question,
    };
  });
}
