/**
 * Statements and speeches published whole. State media and governments print a press statement, a speech or
 * a message after one line that says whose it is: "Kim Yo Jong, vice department director of …, issued the
 * following press statement on June 21:", "The respected Comrade Kim Jong Un made a speech at …. The full text
 * of the speech is as follows:". What follows that line is the speaker's own text, in the first person: a
 * claim made there is the speaker's, not the outlet's, and its "I" and "we" are the speaker. The statement
 * becomes one turn (as in a transcript, see turns.ts) from the end of that line to the end of the text.
 *
 * Written by hand: the intro line is a fixed formula of these publications ("the following …:", "as
 * follows:"), and who speaks is the person (else the organisation, else the state) it names.
 */
import type { Attribution, Entity, EntityType } from "../types.js";
import { afterDateline } from "./attributions.js";
import { mentionsIn, type Placed, placeMentions } from "./mentions.js";
import { personByFamilyName, type Turn } from "./turns.js";

/** The intro formula, closing its line: "… issued the following press statement …:", "… is as follows:". */
const INTRO = /\b(?:the\s+following|as\s+follows)\b[^\n]*:[ \t]*$/im;
/** What the formula introduces must be a text someone speaks or writes (not "the following individuals"). */
const SPOKEN =
  /\b(?:statements?|speech|address|article|commentary|report|answer|message|letter|discourse|remarks|interview|full\s+text)\b/i;
/** How far into the text the intro may stand (a dateline and a sentence or two of context come first). */
const INTRO_WITHIN = 1200;

const BODIES: EntityType[] = ["ORG", "STATE"];
/** A place the speaker is at, not the speaker: "the permanent mission of the DPRK at the UN". */
const LOCATIVE = /\b(?:at|in|to|on)\s+(?:the\s+)?$/i;

/**
 * The speaker named in [start, end): the first person; else the last organisation or state, the body the
 * others belong to ("a spokesman for the Foreign Ministry of the DPRK", "the Institute for American Studies of
 * the Foreign Ministry of the DPRK": the DPRK), unless it only says where the speaker is.
 */
function speakerIn(body: string, entities: Entity[], from: number, end: number): Entity | null {
  // "X received a message of greeting from Y": Y wrote it.
  const sender = RECEIVED.exec(body.slice(from, end));
  const start = sender ? from + sender.index + sender[0].length : from;
  const inside = mentionsIn(placeMentions(entities), start, end).filter((p) => p.mention.via !== "pronoun");
  const person = inside.find((p) => p.entity.type === "PERSON");
  if (person) return person.entity;
  const bodies = inside.filter(
    (p) => BODIES.includes(p.entity.type) && !LOCATIVE.test(body.slice(start, p.mention.start)),
  );
  return bodies.at(-1)?.entity ?? null;
}

const RECEIVED = /\b(?:received|got|was handed)\b[^.]*?\bfrom\b/i;

/** Where a statement's own title starts in its intro ("… issued the following article titled “…”"). */
const TITLE = /\b(?:titled|entitled|under the title)\b|["“]/i;

/** The statement the text publishes whole, as one turn of its speaker; null when it publishes none. */
export function statementTurn(body: string, entities: Entity[]): Turn | null {
  const head = body.slice(0, INTRO_WITHIN);
  const m = INTRO.exec(head);
  if (!m) return null;
  const lineStart = head.lastIndexOf("\n", m.index) + 1;
  const lineEnd = m.index + m[0].length;
  if (!SPOKEN.test(body.slice(lineStart, lineEnd))) return null;
  // The statement is the text: its intro is the first paragraph or the second. Later, "the following:" is a
  // report quoting a statement, and the reporter's own text goes on after it.
  if (
    head
      .slice(0, lineStart)
      .split("\n")
      .filter((l) => l.trim() !== "").length > 1
  )
    return null;
  // The dateline's agency ("Pyongyang, May 29 (KCNA) --") publishes the statement; it is not its speaker.
  const skip = (a: number, b: number) => a + afterDateline(body.slice(a, b));
  // Who speaks is named before the formula ("X issued the following …"), or after it and before the title
  // ("The following is the full text of X's speech"), or in the line before ("X made a speech. …").
  const after = body.slice(m.index, lineEnd);
  const titleAt = TITLE.exec(after);
  let who =
    speakerIn(body, entities, skip(lineStart, m.index), m.index) ??
    speakerIn(body, entities, m.index, titleAt ? m.index + titleAt.index : lineEnd);
  if (!who && lineStart > 0) {
    const before = head.slice(0, lineStart).trimEnd();
    const prev = before.lastIndexOf("\n") + 1;
    who = speakerIn(body, entities, skip(prev, before.length), before.length);
  }
  return who ? turnOf(body.slice(lineStart, lineEnd).trim(), lineEnd, body.length, who.name, who.key) : null;
}

/** One speaker's turn over [start, end). */
function turnOf(label: string, start: number, end: number, speaker: string, speakerKey: string | null): Turn {
  return { start, end, label, speaker, speakerKey, question: false };
}

/** A title that says the text is someone's statement: "Statement from NSC Spokesperson Adrienne Watson on …". */
const WHOLE_TITLE =
  /^(?:[\p{L}’'-]+\s+){0,2}?(?:press\s+)?(?:statement|remarks|message|letter|speech|address)\s+(?:by|from|of)\s+(.+)$/iu;
/** Where the title's author ends and its topic starts. */
const TOPIC = /\s+(?:on|at|to|ahead|marking|congratulating|regarding|about|for|in)\b|,/i;
/** Words of a title's role before the name ("NSC Spokesperson", "National Security Advisor"). */
const ROLE_WORDS = new Set(
  (
    "president vice prime minister secretary press spokesperson spokesman spokeswoman advisor adviser national " +
    "security council coordinator director department chief ambassador deputy senior official general " +
    "communications strategic of the for and"
  ).split(" "),
);

/** The role words that are titles of office: before a lone family name they make it someone ("President Biden"). */
const OFFICE_TITLES = new Set(["president", "secretary", "ambassador", "minister", "general"]);

/**
 * The statement a title says the text is ("Statement from President Joe Biden on …", "Press Statement of Kim
 * Yo Jong, …"), as one turn of the person it names: the name after the role words, before the topic, and
 * the article's person of that name when there is one ("President Biden" is the body's Joe Biden). Null for
 * joint statements and for titles naming no person.
 */
export function titleTurn(title: string, body: string, entities: Entity[]): Turn | null {
  const rest = WHOLE_TITLE.exec(title.trim())?.[1];
  if (!rest || /\bjoint\b/i.test(title)) return null;
  const author = rest.split(TOPIC)[0] ?? "";
  const words = author.split(/\s+/).filter(Boolean);
  let k = words.length;
  while (
    k > 0 &&
    /^\p{Lu}[\p{Ll}’'-]/u.test(words[k - 1] ?? "") &&
    !ROLE_WORDS.has((words[k - 1] ?? "").toLowerCase())
  )
    k--;
  const name = words.slice(k).join(" ");
  if (!name || words.length - k > 4) return null;
  const person = personByFamilyName(name.split(" ").pop() ?? name, entities);
  // A lone family name with no person of that name in the text is too little to name a speaker, unless a
  // title of office comes with it ("Statement from President Biden on …": the speaker is "President Biden").
  if (!person && !name.includes(" ")) {
    const office = words[k - 1];
    return office && OFFICE_TITLES.has(office.toLowerCase())
      ? turnOf(title, 0, body.length, `${office} ${name}`, null)
      : null;
  }
  return turnOf(title, 0, body.length, person?.name ?? name, person?.key ?? null);
}

/**
 * A joint statement's opening says who its "we" is: "We, the Leaders of the Group of Seven (G7), met in
 * Hiroshima …", "Today, we — Prime Minister Anthony Albanese of Australia, …, and President Joseph R. Biden,
 * Jr. of the United States — met …". The group, set off by commas or dashes and followed by the verb of the
 * meeting or of the declaration, opens the first paragraph (after a dateline line at most).
 */
const JOINT_WE =
  /^(?:today\s*,?\s*)?we\s*(?:,\s*((?:(?!\n\s*\n)[^;:])+?)\s*,|(?:—|–|--)\s*((?:(?!\n\s*\n)[^;:])+?)\s*(?:—|–|--))\s*(?:today\s*,?\s*)?(?:have\s+|hereby\s+|jointly\s+)?(?:met|meet|convened|gathered|inaugurated|affirm|reaffirm|announce|declare|issue|commit|adopted|resolve|came|come|are)\b/i;
/** How far into the text a joint statement's "we" may open (a line of place and date comes first). */
const JOINT_WITHIN = 200;
/** Longest group, as written, used as the speaker's name; a longer one is named by its states. */
const GROUP_NAME_MAX = 80;

/**
 * The group a joint statement speaks for, as one turn over the whole text: its "we" and "our" are the group,
 * and its claims are the group's, not the outlet's. The speaker is the group as the text writes it ("Leaders
 * of the Group of Seven (G7)"), or for a long list of leaders the states they lead ("Leaders of Australia,
 * India, Japan and the United States"), else the people named. Its key is the organisation the group names
 * when it names one and no person (the G7), else none. Null when the text opens otherwise.
 */
export function jointTurn(body: string, entities: Entity[]): Turn | null {
  const head = body.slice(0, JOINT_WITHIN + 500);
  // Skip up to two short lines before it, each its own paragraph: a line of place and date ("20 May 2023,
  // Hiroshima"), a heading ("Preamble"); and a paragraph number ("1. We, the Leaders …").
  let from = /^\s*/.exec(head)?.[0].length ?? 0;
  for (let k = 0; k < 2; k++) {
    const para = /^([^\n]{1,60})\n[ \t]*\n\s*/.exec(head.slice(from));
    if (!para || /^(?:today\s*,?\s*)?we\b/i.test(para[1] ?? "")) break;
    from += para[0].length;
  }
  from += /^\d{1,2}\.\s+/.exec(head.slice(from))?.[0].length ?? 0;
  if (from > JOINT_WITHIN) return null;
  const m = JOINT_WE.exec(head.slice(from));
  const raw = m?.[1] ?? m?.[2];
  if (!m || !raw || !/\p{Lu}/u.test(raw)) return null;
  const gStart = from + m[0].indexOf(raw);
  const inside = mentionsIn(placeMentions(entities), gStart, gStart + raw.length).filter(
    (p) => p.mention.via !== "pronoun",
  );
  const of = (type: EntityType) => [
    ...new Set(inside.filter((p) => p.entity.type === type).map((p) => p.entity)),
  ];
  const written = raw.replace(/\s+/g, " ").replace(/^the\s+/i, "");
  const states = of("STATE");
  const people = of("PERSON");
  let name = written.charAt(0).toUpperCase() + written.slice(1);
  if (written.length > GROUP_NAME_MAX)
    name =
      states.length >= 2
        ? `Leaders of ${listOf(states.map((e) => stateAsWritten(body, e, inside)))}`
        : people.length >= 2
          ? listOf(people.map((e) => e.name))
          : name;
  const orgs = of("ORG");
  const key = people.length === 0 && orgs.length === 1 ? (orgs[0]?.key ?? null) : null;
  return turnOf(written, 0, body.length, name, key);
}

/** A state as the group writes it, with its article: "the United States", "Japan". */
function stateAsWritten(body: string, e: Entity, inside: Placed[]): string {
  const p = inside.find((x) => x.entity === e);
  if (!p) return e.name;
  return /\bthe\s+$/i.test(body.slice(Math.max(0, p.mention.start - 4), p.mention.start))
    ? `the ${p.mention.text}`
    : p.mention.text;
}

/** "A, B and C". */
function listOf(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** A title that reports a speech: "Kim Jong Un Makes Important Speech on National Day". */
const SPEECH_TITLE = /\b(?:speech|speeches|speaks|remarks|address|addresses)\b/i;

/**
 * The speaker of a speech a title reports, as a turn over the whole text for its first person only: the report
 * is the outlet's, but "I stressed …" quoted from the speech without quotation marks is the speaker's. The
 * first person of the article's entities named in the title.
 */
export function speechTurn(title: string, body: string, entities: Entity[]): Turn | null {
  if (!SPEECH_TITLE.test(title)) return null;
  let best: { e: Entity; at: number } | null = null;
  for (const e of entities) {
    if (e.type !== "PERSON") continue;
    for (const n of [e.name, ...e.aliases]) {
      const at = n.length >= 4 ? title.indexOf(n) : -1;
      if (at >= 0 && (!best || at < best.at)) best = { e, at };
    }
  }
  return best ? turnOf(title, 0, body.length, best.e.name, best.e.key) : null;
}

const FIRST_PERSON = /^(?:i|we|me|us|my|our)$/i;

/** Whether offset `at` lies inside quotation marks opened earlier in its paragraph. */
function quotedAt(body: string, at: number): boolean {
  const from = body.lastIndexOf("\n", at - 1) + 1;
  const before = body.slice(from, at);
  const curly = (before.match(/“/g)?.length ?? 0) - (before.match(/”/g)?.length ?? 0);
  const straight = (before.match(/"/g)?.length ?? 0) % 2;
  return curly > 0 || straight === 1;
}

/**
 * "I think…", "we make it clear…" in a turn with a named speaker (a statement published whole, a transcript's
 * turn): that speaker. Not inside a quotation, where "I" is whoever is quoted.
 */
export function firstPersonSpeakers(body: string, attributions: Attribution[], turns: Turn[]): void {
  for (const a of attributions) {
    // A transcript's label taken for a source ("MR. KIRBY:" before his answer) is the turn's speaker.
    const label = turns.find((t) => t.speaker && !t.question && t.label === a.speakerText?.trim());
    if (label && !a.speakerKey) {
      a.speaker = label.speaker;
      a.speakerKey = label.speakerKey;
      continue;
    }
    if (a.speaker || !a.speakerText || !FIRST_PERSON.test(a.speakerText.trim())) continue;
    const at = a.spans.source[0]?.[0] ?? a.spans.cue[0]?.[0];
    if (at === undefined || quotedAt(body, at)) continue;
    const turn = turns.find((t) => at >= t.start && at < t.end && !t.question && t.speaker);
    if (!turn) continue;
    a.speaker = turn.speaker;
    a.speakerKey = turn.speakerKey;
  }
}
