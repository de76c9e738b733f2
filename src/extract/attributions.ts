/**
 * Who said what. Direct quotes (curly or straight marks, possibly spanning sentences) are tied to a speaker
 * named next to a speech cue in the same sentence ("…," he said / said Kim / Kim said: "…"); a quote with no
 * cue continues the previous paragraph's speaker at lower confidence. Indirect speech is "SPEAKER CUE (that)
 * CONTENT" and "according to SPEAKER, CONTENT". Pronouns and role nouns resolve to the nearest compatible
 * named speaker before them.
 */
import type { Attribution, Entity, Flag, Span, Stance } from "../types.js";
import { defaultModel, type SpanAttribution, tagAttributions } from "./attribution-model/index.js";
import { CUES } from "./lexicons/cues.js";
import {
  mentionsIn,
  namesSomeoneElse,
  nearestSpeaker,
  PRONOUNS,
  type Placed,
  placeMentions,
} from "./mentions.js";
import type { Sentence } from "./sentences.js";

const cueForms = CUES.flatMap((c) => c.forms).sort((a, b) => b.length - a.length);
const CUE_RE = new RegExp(`\\b(${cueForms.map((f) => f.replace(/ /g, "\\s+")).join("|")})\\b`, "gi");

/** True when the cue is one of the lexicon's speech cues (or empty: a quote continuing its speaker). */
export function isReportingCue(cue: string): boolean {
  const c = cue.toLowerCase().replace(/\s+/g, " ").trim();
  return c === "" || CUES.some((k) => k.forms.includes(c));
}

export function cuePolarity(cue: string): Stance {
  const c = cue.toLowerCase().replace(/\s+/g, " ");
  for (const k of CUES) if (k.forms.includes(c)) return k.polarity;
  return "ASSERT";
}

const CHANNEL_RE =
  /\b(?:according to|reported by|carried by|via)\s+((?:the\s+)?(?:state media|state-run media|state news agency|\p{Lu}[\p{L}\p{M}’'-]*(?:\s+\p{Lu}[\p{L}\p{M}’'-]*)*))/u;
const ROLE_NOUNS =
  /\b(?:the|a|an)\s+((?:[a-z-]+\s+){0,3}(?:spokesman|spokeswoman|spokesperson|official|officials|ministry|minister|agency|analyst|analysts|expert|experts|diplomat|diplomats|source|sources|statement|government|military|commander|leader|report))\b/i;
const PRONOUN_RE = /^(he|she|they|it)$/i;
const ADVERBIAL_TAIL =
  /(?:\s+(?:have|has|had|also|repeatedly|previously|earlier|again|reportedly|publicly|officially|later|then|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(?:last|this) (?:week|month|year)))+\s*$/i;
const STATE_MEDIA = /\bstate(?:-run)? (?:media|news agency|television|TV|radio)\b/i;

interface QuoteSpan {
  open: number;
  close: number;
  paragraph: number;
}

export interface AttributionResult {
  attributions: Attribution[];
  flags: Flag[];
}

/** Direct-quote spans in each paragraph; unclosed opening marks become UNBALANCED_QUOTE flags. */
export function findQuotes(body: string, sentences: Sentence[]): { quotes: QuoteSpan[]; flags: Flag[] } {
  const quotes: QuoteSpan[] = [];
  const flags: Flag[] = [];
  const paras = new Map<number, [number, number]>();
  for (const s of sentences) {
    const p = paras.get(s.paragraph);
    paras.set(s.paragraph, p ? [p[0], s.end] : [s.start, s.end]);
  }
  for (const [paragraph, [ps, pe]] of paras) {
    let open: number | null = null;
    for (let i = ps; i < pe; i++) {
      const ch = body[i];
      if (ch === "“" || (ch === '"' && open === null)) {
        if (open === null) open = i;
      } else if ((ch === "”" || ch === '"') && open !== null) {
        if (i - open > 1) quotes.push({ open, close: i, paragraph });
        open = null;
      }
    }
    if (open !== null) {
      const end = Math.min(pe, open + 120);
      // A quote running to the paragraph end continues in the next paragraph by news convention.
      const next = sentences.find((s) => s.paragraph === paragraph + 1);
      // Only a quote opened at the paragraph start may run on (news convention for multi-paragraph quotes).
      const continues = open === ps && next && /^[“"]/.test(next.text);
      if (continues) quotes.push({ open, close: pe, paragraph });
      else
        flags.push({
          kind: "UNBALANCED_QUOTE",
          message: "An opening quotation mark is never closed in its paragraph.",
          evidence: { start: open, end, text: body.slice(open, end) },
        });
    }
  }
  return { quotes, flags };
}

interface Speaker {
  entity: Entity | null;
  text: string;
  span: Span;
  confidence: number;
  pronoun: string | null;
  /** The speaker's role in this article when the source describes one ("a spokesman for the Foreign Ministry"). */
  role?: string;
}

/**
 * A source that describes who speaks for a state or a body rather than naming a person: "A spokesman for the
 * Foreign Ministry of the DPRK", "The head of the External Policy Office". Its description is the role.
 */
const DESCRIBED_ROLE =
  /^(?:the|a|an)\s+((?:[\p{L}-]+\s+){0,3}?(?:spokes(?:man|woman|person)|official|representative|press officer|press secretary|chief|head|director|minister|chairman|chairwoman|chairperson|secretary|envoy|ambassador|commander)\b.*)$/iu;

/**
 * Capitalised words that open a sentence but name no one: a source the tagger found that is only one of
 * these ("It urged…", "We make it clear…", "Needless to say…") is no speaker's name.
 */
const NOT_A_NAME = new Set(
  (
    "i we it you they he she us them this that these those who which what one someone everyone anyone " +
    "nobody none some many most others all both each another needless meanwhile however also still yet " +
    "instead indeed moreover furthermore finally first then now here there such other"
  ).split(" "),
);

/**
 * A dateline opening a source span ("Pyongyang, May 29 (KCNA) -- Kim Yo Jong…", "SEOUL — officials…"): where
 * the source itself starts, or 0 when there is none.
 */
export function afterDateline(text: string): number {
  const m =
    /^[\p{Lu}][\p{L} .'-]*,\s+[\p{L}.]+\s+\d{1,2}\s*\([\p{L} ]+\)\s*(?:--|—|–)\s*/u.exec(text) ??
    /^\p{Lu}{3,}(?:[ ,]+\p{Lu}[\p{Lu}.]*)*\s*(?:--|—|–)\s*/u.exec(text);
  return m ? m[0].length : 0;
}

/** A conjunction or sentence adverb the tagger took into a source ("But Nicolás Maduro says …"). */
const LEADING_LINK = /^(?:but|and|or|so|yet|still|now|then|also|however,?|meanwhile,?)\s+(?=\p{Lu})/iu;

/** Auxiliaries and modals: a word of these makes a stretch of words a clause. */
const AUXILIARIES =
  "is|are|was|were|am|be|been|being|has|have|had|do|does|did|will|would|shall|should|can|could|may|might|must";

/** An auxiliary or modal, a pronoun with its verb ("I’m"), or a relative clause after a comma. */
const CLAUSE_IN_SOURCE = new RegExp(
  `(?:^|\\s)(?:${AUXILIARIES}|\\p{L}+['’](?:m|re|ve|ll|d))(?=\\s|$)|,\\s+(?:who|which|where|when|as)\\b`,
  "u",
);

/**
 * Where a long source the tagger found stops being a noun phrase: at its first auxiliary, modal or lower-case
 * speech verb, or at a relative clause after a comma ("The chief of the group said July 27 was …", "The venue
 * was filled with …", "National Security Advisor, Jake Sullivan, who is here …"). A source of five words or
 * fewer is left whole.
 */
export function sourceEnd(text: string): number {
  if (text.trim().split(/\s+/).length <= 5) return text.length;
  // A speech verb in lower case: "the State Affairs Commission" states nothing.
  let cue = text.length;
  for (const m of text.matchAll(CUE_RE))
    if (m[0] === m[0].toLowerCase()) {
      cue = m.index;
      break;
    }
  return Math.min(cue, CLAUSE_IN_SOURCE.exec(text)?.index ?? text.length);
}

/**
 * A relative pronoun as the source ("Kim Yo Jong, vice department director, who said …", "the ministry, which
 * warned …"): the entity named right before it, or before an appositive set off by commas. Anything else
 * between them ("Kim met the officials who said"), or a name that qualifies another noun ("the drill of the
 * U.S. and the ROK, which"), leaves the speaker unknown.
 */
function relativeSpeaker(body: string, placed: Placed[], at: number, text: string): Speaker | null {
  let prev: Placed | undefined;
  for (const p of placed) {
    if (p.mention.end > at) break;
    if (p.entity.type !== "WEAPON" && p.entity.type !== "PLACE") prev = p;
  }
  if (!prev) return null;
  const between = body.slice(prev.mention.end, at);
  if (!/^\s*,?\s*$/.test(between) && !/^\s*,[^,.;:!?"“”\n]{1,80},\s*$/.test(between)) return null;
  // "The military drill of the U.S. and the ROK, which shows …": the name qualifies another noun.
  if (
    /\b(?:of|and|by|with)\s+(?:the\s+)?$/i.test(
      body.slice(Math.max(0, prev.mention.start - 12), prev.mention.start),
    )
  )
    return null;
  const person = prev.entity.type === "PERSON";
  const word = text.toLowerCase();
  if ((word === "which" && person) || (word === "who" && !person)) return null;
  return { entity: prev.entity, text, span: [at, at + text.length], confidence: 0.8, pronoun: null };
}

function resolveSpeaker(body: string, placed: Placed[], s0: number, e0: number): Speaker | null {
  const d = s0 + afterDateline(body.slice(s0, e0));
  const s = d + (LEADING_LINK.exec(body.slice(d, e0))?.[0].length ?? 0);
  const e = s + sourceEnd(body.slice(s, e0));
  const text = body
    .slice(s, e)
    .replace(/[\s,;:—–-]+$/u, "")
    .trim();
  if (!text) return null;
  const off = s + body.slice(s, e).indexOf(text);
  const span: Span = [off, off + text.length];
  // "that the revolutionary slogan … says": a clause opening with "that" is what is said, never who says it.
  if (/^that\s+(?:the|a|an|its|their|his|her|our|this|these|those)\b/i.test(text)) return null;
  if (/^that\s+\p{Lu}/u.test(text)) return null;
  if (/^(?:who|which|that)$/i.test(text)) return relativeSpeaker(body, placed, off, text);
  // "a London-based research group": the place only says where the speaker sits.
  const inside = mentionsIn(placed, s, e).filter(
    (p) =>
      p.entity.type !== "WEAPON" &&
      p.entity.type !== "PLACE" &&
      !/^[-‐‑](?:based|headquartered)\b/.test(body.slice(p.mention.end, p.mention.end + 16)),
  );
  const pron = /\b(he|she|they)\b/i.exec(text);
  if (inside.length) {
    // The widest person mention wins ("the sister of leader X" is the sister, not X).
    const people = inside
      .filter((p) => p.entity.type === "PERSON")
      .sort((a, b) => b.mention.end - b.mention.start - (a.mention.end - a.mention.start));
    const kin =
      /^(?:\(?\w+\)\s+)?(?:the\s+)?(?:[a-z-]+\s+)*(?:sister|brother|wife|daughter|son|aide)\s+of\b/i.test(
        text,
      );
    const person = (kin ? kinSpeaker(placed, text, s, e) : people[0]) ?? headMention(body, inside);
    if (person) {
      const isPron = person.mention.via === "pronoun";
      const described = person.entity.type === "PERSON" ? null : DESCRIBED_ROLE.exec(text)?.[1];
      return {
        entity: person.entity,
        text,
        span,
        confidence: isPron ? 0.8 : 0.9,
        pronoun: isPron ? person.mention.text : null,
        ...(described && described.length <= 100 ? { role: described } : {}),
      };
    }
  }
  if (pron && PRONOUN_RE.test(text)) {
    const word = (pron[1] ?? "").toLowerCase();
    const near = nearestSpeaker(placed, s, word);
    const gender = PRONOUNS[word]?.gender ?? "unknown";
    // A "she" after a man (or "he" after a woman) with someone else named in between is that someone's,
    // whom no entity covers: no speaker, rather than the wrong one.
    if (
      near &&
      gender !== "unknown" &&
      near.entity.gender !== "unknown" &&
      near.entity.gender !== gender &&
      namesSomeoneElse(body, placed, near.entity, s, word)
    )
      return { entity: null, text, span, confidence: 0.5, pronoun: pron[1] ?? null };
    // Gender-agnostic fallback keeps a speaker when "he" or "she" is wrong (flagged as PRONOUN_MISMATCH
    // later); "they" with no group before it means people no entity names, not the nearest single person.
    const collective = PRONOUNS[word]?.collective ?? false;
    const any = near ?? (collective ? null : nearestSpeaker(placed, s, null));
    return {
      entity: any?.entity ?? null,
      text,
      span,
      confidence: near ? 0.75 : 0.5,
      pronoun: pron[1] ?? null,
    };
  }
  if (ROLE_NOUNS.test(text) || /^[A-Z]/.test(text)) {
    const role = ROLE_NOUNS.exec(text)?.[1]?.toLowerCase();
    if (role) {
      const head = role.split(/\s+/).pop() ?? role;
      const byRole = [...placed].reverse().find(
        (p) =>
          p.mention.end <= s &&
          // "the ministry" is no "Ministry spokesman".
          !(BODY_HEAD.test(head) && p.entity.type === "PERSON") &&
          p.entity.roles.some((r) => r.toLowerCase().includes(head)),
      );
      return { entity: byRole?.entity ?? null, text, span, confidence: byRole ? 0.7 : 0.5, pronoun: null };
    }
    if (
      // A name of up to four capitalised words, accented ("Nicolás Maduro") or joined by a particle
      // ("Luiz Inácio Lula da Silva").
      /^\p{Lu}[\p{L}\p{M}\p{N}.-]+(?:\s+(?:(?:da|de|del|dos|di|van|von|bin|al|la|le)\s+)?\p{Lu}[\p{L}\p{M}\p{N}.-]+){0,3}$/u.test(
        text,
      ) &&
      // "I’m", "We’ve": a pronoun with its verb is no name.
      !NOT_A_NAME.has((text.split(/\s+/)[0] ?? "").toLowerCase().replace(/['’].*$/, ""))
    )
      return { entity: null, text, span, confidence: 0.6, pronoun: null };
  }
  return null;
}

/**
 * The mention a speaker phrase is about when it names no person: the first that does not only modify the next
 * one. A mention right before another, with nothing or a possessive between them, is a modifier ("South Korean
 * Unification Ministry officials", "Russia's Defence Ministry": the ministry speaks, not the state).
 */
function headMention(body: string, inside: Placed[]): Placed | undefined {
  const modifier = (p: Placed, k: number): boolean => {
    const next = inside[k + 1];
    // "North Korea's state media KCNA", "Russia's defence ministry spokesman Igor Konashenkov": the last.
    if (!next) return false;
    const between = body.slice(p.mention.end, next.mention.start);
    const m = /^(?:\s*['’]s)?((?:\s+[a-z][a-z-]*){0,3})\s+$/.exec(between);
    const possessive = /['’]s\s*$/.test(p.mention.text) || /^\s*['’]s/.test(between);
    // "South Korea's spy agency, the National Intelligence Service, told …": the apposition names the agency.
    const named = /^\s*['’]s(?:\s+[a-z][a-z-]*){1,3},\s+(?:the\s+)?$/.test(between);
    return (
      named ||
      (!!m &&
        (m[1] === "" ||
          (possessive && !/\b(?:and|or|with|to|of|in|for|from|by|against|on|at|over)\b/.test(m[1] ?? ""))))
    );
  };
  return inside.find((p, k) => !modifier(p, k)) ?? inside[0];
}

const KIN_GENDER: Record<string, string> = {
  sister: "female",
  wife: "female",
  daughter: "female",
  brother: "male",
  son: "male",
};

/** "The sister of leader X": the article's other person of the kin word's gender, named nearest after. */
function kinSpeaker(placed: Placed[], text: string, s: number, e: number): Placed | null {
  const word = /\b(sister|wife|daughter|brother|son|aide)\s+of\b/i.exec(text)?.[1]?.toLowerCase() ?? "";
  const gender = KIN_GENDER[word];
  const named = new Set(mentionsIn(placed, s, e).map((p) => p.entity.key));
  const others = placed.filter(
    (p) => p.entity.type === "PERSON" && !named.has(p.entity.key) && (!gender || p.entity.gender === gender),
  );
  return others.find((p) => p.mention.start >= e) ?? others[others.length - 1] ?? null;
}

function channelOf(text: string, placed: Placed[], offset: number): string | null {
  const m = /\b(?:according to|reported by|carried by|via)\s+([^,;]+)/i.exec(text);
  if (!m?.[1]) return null;
  const s = offset + m.index + m[0].length - m[1].length;
  // The named outlet or agency in the clause, else the person it names, else a generic "state media".
  const inside = mentionsIn(placed, s, s + m[1].length).filter((p) => p.mention.via !== "pronoun");
  const ent = inside.find((p) => p.entity.type === "ORG") ?? inside.find((p) => p.entity.type === "PERSON");
  if (ent) return ent.entity.name;
  const sm = STATE_MEDIA.exec(m[1]);
  if (sm) return sm[0].toLowerCase();
  const named = CHANNEL_RE.exec(text)?.[1];
  return named && /^[A-Z]/.test(named) ? named : null;
}

function make(
  sp: Speaker | null,
  cue: string,
  cueSpan: Span | null,
  content: Span,
  body: string,
  quoted: boolean,
  channel: string | null,
  conf: number,
): Attribution {
  return {
    ...(sp ? speakerOf(sp) : { speaker: null, speakerKey: null, speakerText: null, role: null }),
    cue,
    content: body.slice(content[0], content[1]),
    quoted,
    channel,
    confidence: Math.round(conf * 100) / 100,
    spans: { source: sp ? [sp.span] : [], cue: cueSpan ? [cueSpan] : [], content: [content] },
  };
}

/** Find a speaker + cue in a stretch of text outside a quote: "he said", "said Kim", "Kim said:". */
function speakerCue(
  body: string,
  placed: Placed[],
  s: number,
  e: number,
): { sp: Speaker | null; cue: string; cueSpan: Span } | null {
  const text = body.slice(s, e);
  CUE_RE.lastIndex = 0;
  const m = CUE_RE.exec(text);
  if (!m?.[1]) return null;
  const cs = s + m.index;
  const ce = cs + m[1].length;
  const before = body.slice(s, cs).replace(/^[\s,.:;”"]+/, "");
  const bStart = cs - before.length;
  let sp = resolveSpeaker(body, placed, bStart, cs);
  if (!sp || (!sp.entity && !sp.pronoun)) {
    const after = /^\s*([^,.;:]+)/.exec(body.slice(ce, e));
    if (after?.[1]) {
      const as = ce + (after[0].length - after[1].length);
      sp = resolveSpeaker(body, placed, as, as + after[1].length) ?? sp;
    }
  }
  return { sp, cue: m[1], cueSpan: [cs, ce] };
}

/** The small words a title keeps in lower case ("Strategy and Consultation Group", "Generation after Generation"). */
const SMALL_WORD =
  /^(?:of|and|or|nor|but|the|for|on|in|into|to|a|an|at|by|with|after|from|over|as|up|via|than)$/i;

/** Words that make a quoted stretch a clause: a subject pronoun, an auxiliary or modal, "let's". */
const CLAUSE_WORD = new RegExp(
  `^(?:i|we|you|he|she|they|it|i['’]m|we['’]re|let['’]s|let|${AUXILIARIES}|won['’]t|can['’]t|don['’]t|isn['’]t|aren['’]t)$`,
  "i",
);

/**
 * Whether quoted text reads as something said rather than a term, a title or a scare quote ("nuclear
 * consultative group", "Kosan Arirang", "friends.", "small-unit mobile live firing drill", "theory of
 * withdrawal of the U.S. forces from the ROK"): three words or more closed by a sentence's final mark; or
 * five or more that hold a clause word (CLAUSE_WORD) or run past a dozen; never a name in capitals ("Extended
 * Deterrence Strategy and Consultation Group"). Only such a quote with no speaker is flagged
 * QUOTE_WITHOUT_SPEAKER; a quoted term is no one's.
 */
function speechLike(quoted: string): boolean {
  const words = quoted
    .trim()
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  const bare = words.map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""));
  const content = bare.filter((w) => !SMALL_WORD.test(w));
  if (content.length >= 3 && content.every((w) => /^\p{Lu}/u.test(w))) return false;
  // The title of a decree or a work: "On adopting the Law of …", "On Building the Party …".
  if (/^On\s+\p{L}+ing\b/u.test(bare.join(" "))) return false;
  if (words.length >= 3 && /[.!?…][,"'’”]*\s*$/.test(quoted.trim())) return true;
  return words.length >= 5 && (words.length > 12 || bare.some((w) => CLAUSE_WORD.test(w)));
}

/**
 * Attributions of a body: the learned tagger's spans (./attribution-model) when its model is installed, each
 * given a speaker, role and channel by the rules below, plus the rule-found attributions the tagger missed
 * (quotes continuing a previous speaker, quotes with no speaker, which are flagged). Without a model, the
 * rules alone.
 */
/** Participles of speech that also work as adjectives ("the alleged transfer", "this claimed launch"). */
/** Set phrases made of a speech verb that report no speech ("needless to say", "it goes without saying"). */
const IDIOM_RE =
  /\b(?:needless\s+to\s+say|suffice\s+(?:it\s+)?to\s+say|that\s+is\s+to\s+say|so\s+to\s+speak|goes\s+without\s+saying|strictly\s+speaking|generally\s+speaking|broadly\s+speaking|truth\s+be\s+told|as\s+it\s+were)\b/gi;
const ADJECTIVAL_CUE = /^(?:claimed|alleged|reported|purported|supposed|rumou?red|so-called|announced)$/i;

export function findAttributions(body: string, sentences: Sentence[], entities: Entity[]): AttributionResult {
  const rules = ruleAttributions(body, sentences, entities);
  const model = defaultModel();
  if (!model) return rules;
  const placed = placeMentions(entities);
  const learned = tagAttributions(body, model);
  const IDIOMS = [...body.matchAll(IDIOM_RE)].map((m): Span => [m.index, m.index + m[0].length]);
  const used = new Set<Attribution>();
  const out: Attribution[] = [];
  for (const l of learned) {
    const cue = l.cue[0];
    // "SEOUL — North Korea has shipped …, the ministry said": the dateline is no part of what was said.
    const content = l.content
      .map(([a, b], k): Span => (k === 0 ? [a + afterDateline(body.slice(a, b)), b] : [a, b]))
      .filter(([a, b]) => b > a);
    if (!cue || content.length === 0) continue;
    // "Needless to say, …", "so to speak": a speech verb inside a set phrase reports no one's words.
    if (IDIOMS.some(([a, b]) => a <= cue[0] && cue[1] <= b)) continue;
    let r = rules.attributions.find(
      (a) =>
        !used.has(a) &&
        (overlapsAny(a.spans.cue, l.cue) || (a.quoted && overlapsAny(a.spans.content, content))),
    );
    if (r) used.add(r);
    // "said in a statement carried by KCNA": a phrase opening with a preposition is the channel, not the source.
    const source = l.source
      .filter(([a, b]) => !/^(?:in|by|via|through|on|at|from)\b/i.test(body.slice(a, b)))
      .map(([a, b], k): Span => (k === 0 ? [a + afterDateline(body.slice(a, b)), b] : [a, b]))
      .filter(([a, b]) => b > a);
    const src = source[0];
    const srcEnd = source[source.length - 1];
    // "This claimed space launch…", "these alleged shipments": a cue verb used as an adjective after a
    // determiner qualifies a noun; no one speaks.
    if (
      src &&
      srcEnd &&
      /^(?:this|that|these|those|such|the|its|their)$/i.test(body.slice(src[0], srcEnd[1]).trim()) &&
      ADJECTIVAL_CUE.test(body.slice(cue[0], cue[1])) &&
      /^\s+(?!that\b|to\b|by\b|in\b|on\b|as\b)\p{Ll}/u.test(body.slice(cue[1], cue[1] + 8))
    )
      continue;
    let sp = src && srcEnd ? resolveSpeaker(body, placed, src[0], srcEnd[1]) : null;
    // The rules' source swallowed the tagger's content ("(SEOUL) North Korea shipped drones …, the ministry
    // said"): its speaker is a party of the content, not who speaks.
    if (r && overlapsAny(r.spans.source, content)) r = undefined;
    if (r?.speaker && !sp?.entity) sp = null;
    // "…,” Kim said, according to KCNA": the rules' named speaker speaks through the "according to" source.
    let via: string | null = null;
    const cueText = body.slice(cue[0], cue[1]).toLowerCase();
    if (
      cueText === "according to" &&
      r?.speakerKey &&
      r.cue !== "according to" &&
      sp?.entity?.key !== r.speakerKey
    ) {
      via = sp?.entity?.name ?? null;
      sp = null;
    }
    const sentence = sentences.find((s) => s.start <= cue[0] && s.end >= cue[1]);
    const text = contentText(content.map(([a, b]) => body.slice(a, b)).join(" … "));
    // Direct speech: the content opens with a quotation mark (a partial quote inside reported speech is not).
    const quoted = /^\s*["“]/.test(body.slice(content[0]?.[0] ?? 0));
    const channel = via ?? r?.channel ?? (sentence ? channelOf(sentence.text, placed, sentence.start) : null);
    const base = sp
      ? make(sp, body.slice(cue[0], cue[1]), cue, content[0] ?? cue, body, quoted, channel, sp.confidence)
      : null;
    out.push({
      speaker: base ? base.speaker : (r?.speaker ?? null),
      speakerKey: base ? base.speakerKey : (r?.speakerKey ?? null),
      speakerText: base
        ? base.speakerText
        : (r?.speakerText ?? (src && srcEnd ? body.slice(src[0], srcEnd[1]) : null)),
      role: base ? base.role : (r?.role ?? null),
      cue: via && r ? r.cue : cueHead(body.slice(cue[0], cue[1])),
      content: text,
      quoted,
      channel,
      confidence: base ? base.confidence : (r?.confidence ?? 0.5),
      spans: { source, cue: l.cue, content },
    });
  }
  for (const a of rules.attributions) {
    if (used.has(a)) continue;
    // The tagger decides reported speech; the rules add only quotes it left out and "according to".
    if (!a.quoted && a.cue !== "according to") continue;
    if (
      out.some((o) => overlapsAny(o.spans.content, a.spans.content) || overlapsAny(o.spans.cue, a.spans.cue))
    )
      continue;
    out.push(a);
  }
  out.sort(
    (a, b) =>
      (a.spans.cue[0]?.[0] ?? a.spans.content[0]?.[0] ?? 0) -
      (b.spans.cue[0]?.[0] ?? b.spans.content[0]?.[0] ?? 0),
  );
  sharedSubjects(out, body);
  nestChannels(out, learned, body, placed);
  // "…, according to Lee": Lee is the speaker of the "according to" itself, not a channel of his own words.
  for (const a of out) if (a.channel && a.channel === a.speaker) a.channel = null;
  dropOuterChannels(out);
  resolveRoleSpeakers(out, placed);
  nameHeadSpeakers(out, placed);
  pronounsAfterRoles(out, placed);
  collectivePronouns(out, placed, body);
  titleSpeakers(out, body, sentences, placed);
  // A quote the rules found no named speaker for may still have one the tagger found ("the President said,
  // “…”": a role, no name): it is not a quote without a speaker.
  const spoken = out.filter((a) => a.speaker || a.speakerText);
  const flags = rules.flags.filter(
    (f) =>
      f.kind !== "QUOTE_WITHOUT_SPEAKER" ||
      !f.evidence ||
      !spoken.some((a) => overlapsAny(a.spans.content, [[f.evidence?.start ?? 0, f.evidence?.end ?? 0]])),
  );
  return { attributions: out, flags };
}

/**
 * "Russia's mission dismissed the initiative as “illegitimate” and denied that Moscow had supplied …": a cue
 * with no source of its own, joined by "and"/"but" right after the content of the attribution before it, shares
 * that attribution's subject: its speaker, and its source span (as PolNeAR annotates a shared subject: on the
 * tuning tenth, source exact F1 68.46 → 68.59).
 */
function sharedSubjects(out: Attribution[], body: string): void {
  for (let i = 1; i < out.length; i++) {
    const a = out[i];
    const b = out[i - 1];
    if (!a || !b) continue;
    // (Only the speaker: the spans stay as the tagger found them.)
    if (participleOf(a, b, body)) {
      adoptSpeaker(a, b, Math.min(a.confidence, b.confidence));
      continue;
    }
    if (a.spans.source.length > 0 || a.speaker || a.speakerText) continue;
    if (!b.speaker && !b.speakerText) continue;
    const cue = a.spans.cue[0];
    const prevEnd = Math.max(...b.spans.content.map(([, e]) => e), ...b.spans.cue.map(([, e]) => e));
    if (!cue || prevEnd > cue[0]) continue;
    if (
      !/^[\s,]*(?:and|but)\s+(?:(?:also|then|later|flatly|strongly)\s+)?$/i.test(body.slice(prevEnd, cue[0]))
    )
      continue;
    adoptSpeaker(a, b, Math.min(a.confidence, b.confidence));
    a.spans.source = b.spans.source.map(([x, y]): Span => [x, y]);
  }
}

/**
 * "…, the ministry said, citing state media reports": a participle cue right after `b`'s cue ("said, citing",
 * "said on Monday, adding") has `b`'s subject, unless the tagger found it a source of its own outside what `b`
 * said.
 */
function participleOf(a: Attribution, b: Attribution, body: string): boolean {
  const aCue = a.spans.cue[0];
  const bCue = b.spans.cue[0];
  if (!aCue || !bCue || !(b.speaker || b.speakerText)) return false;
  if (!/^(?:citing|quoting|adding|saying|referring)$/i.test(a.cue)) return false;
  if (!/^(?:\s+(?:on\s+)?\p{Lu}\p{Ll}+day)?,\s*$/u.test(body.slice(bCue[1], aCue[0]))) return false;
  const insideB = ([x, y]: Span) =>
    [...b.spans.content, ...b.spans.source].some(([c, d]) => c <= x && y <= d);
  return !a.speaker || (a.spans.source.length > 0 && a.spans.source.every(insideB));
}

/**
 * "“…,” he said, according to KCNA.": when the tagger gives the "according to" the whole of another
 * attribution (its words and its cue) and that attribution already names the "according to" source as its
 * channel, the outer one only repeats it: dropped.
 */
function dropOuterChannels(out: Attribution[]): void {
  const within = (inner: Span[], outer: Span[]) =>
    inner.length > 0 && inner.every(([s, e]) => outer.some(([a, b]) => a <= s && e <= b));
  for (let i = out.length - 1; i >= 0; i--) {
    const a = out[i] as Attribution;
    if (a.cue.toLowerCase() !== "according to" || !a.speaker) continue;
    const repeated = out.some(
      (b) =>
        b !== a &&
        b.channel === a.speaker &&
        within(b.spans.cue, a.spans.content) &&
        within(b.spans.content, a.spans.content),
    );
    if (repeated) out.splice(i, 1);
  }
}

/**
 * "according to a confidential U.N. report seen by Harbor Ledger": a participle of seeing after a document
 * qualifies the document; no one speaks through it.
 */
function documentSeen(body: string, cue: Span | undefined): boolean {
  return (
    cue !== undefined &&
    /^(?:seen|obtained|reviewed)$/i.test(body.slice(cue[0], cue[1])) &&
    /^\s+by\b/.test(body.slice(cue[1], cue[1] + 4))
  );
}

/**
 * Nested attribution: "…,” Kim said, according to a statement carried by KCNA." When an "according to"
 * attribution shares its sentence with a cue whose source the text names but whose content it left out, the
 * named source is the speaker and the "according to" source is the channel it spoke through.
 */
function nestChannels(out: Attribution[], learned: SpanAttribution[], body: string, placed: Placed[]): void {
  for (const a of out) {
    if (a.cue !== "according to") continue;
    const cue = a.spans.cue[0];
    if (!cue) continue;
    const paraStart = body.lastIndexOf("\n", cue[0]) + 1;
    const nl = body.indexOf("\n", cue[1]);
    const end = nl < 0 ? body.length : nl;
    const inner = learned.find(
      (l) =>
        l.content.length === 0 &&
        l.source.length > 0 &&
        !documentSeen(body, l.cue[0]) &&
        (l.cue[0]?.[0] ?? -1) >= paraStart &&
        (l.cue[0]?.[1] ?? end + 1) <= end &&
        Math.abs((l.cue[0]?.[0] ?? 0) - cue[0]) < 80,
    );
    const s0 = inner?.source[0];
    const s1 = inner?.source[inner.source.length - 1];
    if (!s0 || !s1) continue;
    const sp = resolveSpeaker(body, placed, s0[0], s1[1]);
    if (!sp?.entity) continue;
    const via = a.spans.source[0];
    const channelText = via ? body.slice(via[0], via[1]) : "";
    a.channel = a.speaker ?? a.channel ?? (STATE_MEDIA.exec(channelText)?.[0].toLowerCase() || null);
    a.speaker = sp.entity.name;
    a.speakerKey = sp.entity.key;
    a.speakerText = sp.text;
    a.role = sp.entity.roles[0] ?? a.role;
    a.cue = cueHead(body.slice(inner.cue[0]?.[0] ?? 0, inner.cue[0]?.[1] ?? 0)) || a.cue;
  }
}

const ROLE_HEAD =
  /^(?:the|this|that)\s+(?:[a-z-]+\s+){0,3}(spokesman|spokeswoman|spokesperson|official|officials|ministry|minister|agency|diplomat|commander|leader|president|envoy|military|government|statement|report|chairman|secretary-general|general secretary|group|organi[sz]ation|institute|cent(?:re|er)|think tank|firm|company|watchdog|monitor)$/i;
/** Role nouns that name a body, not a person. */
const BODY_HEAD = /^(?:ministry|agency|military|government)$/;
/**
 * Nouns that stand for any organisation ("The group said"): when no earlier speaker's words or role hold the
 * noun, the organisation that spoke last.
 */
const ANY_ORG_HEAD =
  /^(?:group|organi[sz]ation|institute|cent(?:re|er)|think tank|firm|company|watchdog|monitor)$/;

/** A document's title right before a quotation: "issued the following press statement titled “…”". */
const TITLED =
  /\b(?:statement|article|commentary|editorial|report|letter|message|speech|address|essay|column|op-ed|book|paper|white paper|memorandum|notice|communiqu[eé]|announcement|information bulletin)s?,?\s+(?:titled|entitled|under the (?:title|headline)|headlined)\s*["“]?$|\bthe following (?:[\p{L}-]+\s+){0,2}(?:statement|article|commentary|report|message|letter)\s*["“]?$/iu;

/**
 * "Kim Yo Jong issued the following press statement under the title “We will …”": the title of a statement
 * or an article is its author's words. A quotation without a speaker that is such a title goes to the speaker
 * of the sentence's attribution that starts before it (the author), else to the sentence's subject when a
 * publishing verb follows it ("A spokesperson for the Foreign Ministry released Saturday the following press
 * statement “…”"); a seminar "titled …" or a title with no author stays without one.
 */
function titleSpeakers(atts: Attribution[], body: string, sentences: Sentence[], placed: Placed[]): void {
  for (const a of atts) {
    if (a.speaker || a.speakerText || !a.quoted) continue;
    const q = a.spans.content[0]?.[0];
    if (q === undefined) continue;
    const s = sentences.find((x) => x.start <= q && q < x.end);
    if (!s || !TITLED.test(body.slice(s.start, q))) continue;
    const startOf = (b: Attribution): number => b.spans.source[0]?.[0] ?? b.spans.cue[0]?.[0] ?? q;
    const author = atts
      .filter((b) => b !== a && b.speaker && startOf(b) >= s.start && startOf(b) < q)
      .sort((x, y) => startOf(y) - startOf(x))[0];
    if (author) {
      adoptSpeaker(a, author, Math.min(author.confidence, 0.7));
      continue;
    }
    const from = s.start + afterDateline(s.text);
    const verb = PUBLISHED.exec(body.slice(from, q));
    const sp = verb && verb.index > 0 ? resolveSpeaker(body, placed, from, from + verb.index) : null;
    const subject = sp ? speakerOf(sp) : null;
    if (subject?.speaker) adoptSpeaker(a, subject, 0.6);
  }
}

/** Who an attribution gets as its speaker from a resolved source. */
function speakerOf(sp: Speaker): Pick<Attribution, "speaker" | "speakerKey" | "speakerText" | "role"> {
  return {
    speaker: sp.entity?.name ?? (!sp.pronoun && /^[A-Z]/.test(sp.text) ? sp.text : null),
    speakerKey: sp.entity?.key ?? null,
    speakerText: sp.text,
    role: sp.role ?? sp.entity?.roles[0] ?? null,
  };
}

/** `a` speaks as `from` does, with the given confidence. */
function adoptSpeaker(
  a: Attribution,
  from: Pick<Attribution, "speaker" | "speakerKey" | "speakerText" | "role">,
  confidence: number,
): void {
  a.speaker = from.speaker;
  a.speakerKey = from.speakerKey;
  a.speakerText = from.speakerText;
  a.role = from.role;
  a.confidence = confidence;
}

/**
 * A pronoun source `a` ("he", "it") found to stand for `b`'s speaker: `a` keeps its words as written, and
 * takes `b`'s speaker and role, at no more than the given confidence.
 */
function refersTo(a: Attribution, b: Attribution, confidence: number): void {
  a.speaker = b.speaker;
  a.speakerKey = b.speakerKey;
  a.role = b.role ?? a.role;
  a.confidence = Math.min(a.confidence, confidence);
}

/** The verb that puts out a statement, after its author: "issued", "released Saturday", "made public". */
const PUBLISHED = /\s+(?:on\s+\p{Lu}\p{L}+\s+)?(?:issued|released|published|made public|sent|announced)\b/u;

/**
 * "The spokesperson said", "the ministry added": a definite role noun with no entity of its own is the
 * nearest earlier speaker whose words or role name that noun ("A spokesperson for the Foreign Ministry").
 */
function resolveRoleSpeakers(atts: Attribution[], placed: Placed[]): void {
  const mentions = new Map<string, number>();
  for (const p of placed) mentions.set(p.entity.key, (mentions.get(p.entity.key) ?? 0) + 1);
  atts.forEach((a, i) => {
    if (a.speakerKey || !a.speakerText) return;
    const head = ROLE_HEAD.exec(a.speakerText.trim())?.[1]?.toLowerCase();
    if (!head) return;
    // "Vice President Harris" is no president.
    const names = new RegExp(`(?<!vice[ -])\\b${head.replace(/s$/, "").replace(" ", "\\s+")}`, "i");
    const anyOrg = ANY_ORG_HEAD.test(head);
    // "The ministry said" after "Ministry spokesman Jeon Ha-gyu": a body is never a person who speaks for it.
    const forBody = anyOrg || BODY_HEAD.test(head);
    // Earlier speakers of the right kind; those whose words or role name the noun come first.
    const pool = atts
      .slice(0, i)
      .filter(
        (b) =>
          b.speakerKey &&
          (!anyOrg || b.speakerKey.startsWith("org:")) &&
          (!forBody || !b.speakerKey.startsWith("person:")),
      );
    const earlier = pool.filter((b) => names.test(`${b.speakerText ?? ""} ${b.role ?? ""}`));
    let b: Pick<Attribution, "speaker" | "speakerKey" | "role"> | undefined =
      earlier.at(-1) ?? (anyOrg ? pool.at(-1) : undefined);
    // The office alone ("the President", "the General Secretary"), not "the former President".
    const bare =
      a.speakerText
        .trim()
        .replace(/^(?:the|this)\s+/i, "")
        .replace(/\s+/g, " ")
        .toLowerCase() === head;
    // "The General Secretary said …" before he speaks under his name: the one person the article named
    // earlier with that office ("the respected General Secretary Kim Jong Un visited …").
    if (!b && TOP_OFFICE.has(head) && bare) {
      const at = a.spans.source[0]?.[0] ?? a.spans.cue[0]?.[0] ?? 0;
      const holders = new Set(
        placed
          .filter(
            (p) =>
              p.mention.start < at && p.entity.type === "PERSON" && p.entity.roles.some((r) => names.test(r)),
          )
          .map((p) => p.entity),
      );
      const [only] = holders;
      if (only && holders.size === 1)
        b = { speaker: only.name, speakerKey: only.key, role: only.roles.find((r) => names.test(r)) ?? null };
    }
    if (!b) return;
    // "The President" in a White House briefing is the President it speaks of throughout, not the foreign
    // president quoted last: for a head of state, an earlier speaker the article names at least twice as often
    // as any other holder of the office wins over the nearest.
    // Only for the bare office ("the former President" is another), and among people.
    if (TOP_OFFICE.has(head) && bare && earlier.length > 0) {
      const count = (x: Attribution) => mentions.get(x.speakerKey ?? "") ?? 0;
      const people = earlier.filter((x) => x.speakerKey?.startsWith("person:"));
      const ranked = [...new Map(people.map((x) => [x.speakerKey, x])).values()].sort(
        (x, y) => count(y) - count(x),
      );
      const [first, second] = ranked;
      if (first && (!second || count(first) >= 2 * count(second))) b = first;
    }
    a.speaker = b.speaker;
    a.speakerKey = b.speakerKey;
    a.role = a.role ?? b.role;
    a.confidence = Math.min(a.confidence, 0.7);
  });
}

/**
 * "…, the General Secretary said that …. …, he said.": a "he" or "she" resolved to the nearest person named
 * before it belongs instead to a speaker of the same gender who spoke after that mention under a role ("the
 * General Secretary", "the spokeswoman", resolved by resolveRoleSpeakers), since that speaker is nearer.
 * In order, so a run of "he said" follows the chain.
 */
function pronounsAfterRoles(atts: Attribution[], placed: Placed[]): void {
  const byKey = new Map(placed.map((p) => [p.entity.key, p.entity]));
  const moved = new Set<Attribution>();
  atts.forEach((a, i) => {
    const word = a.speakerText?.trim().toLowerCase() ?? "";
    const pron = PRONOUNS[word];
    const at = a.spans.source[0]?.[0];
    if (!pron || pron.collective || !a.speakerKey || at === undefined) return;
    // Where the current speaker was last named before the pronoun.
    let named = -1;
    for (const p of placed) {
      if (p.mention.start >= at) break;
      if (p.entity.key === a.speakerKey && p.mention.via !== "pronoun") named = p.mention.start;
    }
    if (named < 0) return;
    const b = atts
      .slice(0, i)
      .filter((x) => {
        const from = x.spans.source[0]?.[0] ?? -1;
        const e = x.speakerKey ? byKey.get(x.speakerKey) : undefined;
        return (
          (moved.has(x) || ROLE_HEAD.test(x.speakerText?.trim() ?? "")) &&
          from > named &&
          from < at &&
          e?.type === "PERSON" &&
          x.speakerKey !== a.speakerKey &&
          (e.gender === "unknown" || pron.gender === "unknown" || e.gender === pron.gender)
        );
      })
      .at(-1);
    if (!b) return;
    refersTo(a, b, a.confidence);
    moved.add(a);
  });
}

/** Nouns after "the" that are a document or a person, not a body named before ("the report", "the source"). */
const NOT_A_BODY_WORD =
  /^(?:report|statement|source|sources|official|officials|document|letter|article|paper|study|analysis|spokesman|spokeswoman|spokesperson|minister|president|leader|chairman|administration|government|same|latest|new|first|last|two|three)$/;

/**
 * "The panel's latest report said …", "the council said": a definite noun that is a word of the name of an
 * organisation named earlier ("the UN Panel of Experts", "the UN Security Council") is that organisation, the
 * one named last before it. Only for a speaker nothing else resolved.
 */
function nameHeadSpeakers(atts: Attribution[], placed: Placed[]): void {
  for (const a of atts) {
    if (a.speakerKey || !a.speakerText) continue;
    // The noun itself ("the council", "the panel's report"), not an adjective ("the national security adviser").
    const word = /^(?:[Tt]he|[Ii]ts|[Tt]heir)\s+(\p{Ll}+)(?:['’]s\b|$)/u.exec(a.speakerText.trim())?.[1];
    if (!word || NOT_A_BODY_WORD.test(word)) continue;
    const at = a.spans.source[0]?.[0] ?? a.spans.cue[0]?.[0] ?? 0;
    const names = new RegExp(`\\b${word}\\b`, "i");
    const named = placed.filter(
      (p) =>
        p.mention.end <= at &&
        p.entity.type === "ORG" &&
        [p.entity.name, ...p.entity.aliases].some((n) => /\s/.test(n) && names.test(n)),
    );
    const org = named.at(-1)?.entity;
    if (!org) continue;
    a.speaker = org.name;
    a.speakerKey = org.key;
    a.role = a.role ?? org.roles[0] ?? null;
    a.confidence = Math.min(a.confidence, 0.65);
  }
}

/** How far back (characters) an unresolved "it said" looks for the body that spoke last. */
const IT_REACH = 400;

/**
 * "South Korea's Joint Chiefs of Staff said the missile … . Seoul and Washington were analysing the data, it
 * said.": a closing "it said" the mentions could not resolve (the nearest body is inside its own words) is the
 * organisation or state of the attribution right before it, shortly before.
 */
function collectivePronouns(atts: Attribution[], placed: Placed[], body: string): void {
  const types = new Map(placed.map((p) => [p.entity.key, p.entity.type]));
  atts.forEach((a, i) => {
    if (a.speakerKey || a.speakerText?.trim().toLowerCase() !== "it") return;
    const at = a.spans.source[0]?.[0];
    // The wire's closing "…, it said.", or an "It said …" opening the sentence after the body's own.
    if (at === undefined || !/^(?:said|says|added|told)$/i.test(a.cue)) return;
    const closing = a.spans.content.some(([, e]) => e <= at && /^[\s,”"’']*$/.test(body.slice(e, at)));
    const opening = /(?:^|[.!?]["”’']?\s+)$/.test(body.slice(Math.max(0, at - 4), at));
    if (!closing && !opening) return;
    const b = atts[i - 1];
    // Opening a sentence, "It" follows a body named as such ("The ministry", "South Korea's spy agency, the
    // National Intelligence Service"), not one read off a description ("a war servant of the U.S.").
    if (!closing && !/^(?:the\s+)?\p{Lu}/u.test(b?.speakerText ?? "")) return;
    const t = b?.speakerKey ? types.get(b.speakerKey) : undefined;
    const from = b?.spans.cue[0]?.[0] ?? -1;
    if (!b || !(t === "ORG" || t === "STATE") || from >= at || at - from > IT_REACH) return;
    refersTo(a, b, 0.6);
  });
}

/**
 * Heads of state or party: one holder dominates an article that speaks of "the President" (a White House
 * briefing) or "the General Secretary" (KCNA, of the party's leader).
 */
const TOP_OFFICE = new Set(["president", "leader", "chairman", "general secretary"]);

/**
 * The cue word of a cue span: the speech cue from the lexicon it contains, as written ("have repeatedly
 * accused" → "accused", "said in a statement" → "said"), else the span as written.
 */
export function cueHead(span: string): string {
  const text = span.replace(/\s+/g, " ").trim();
  CUE_RE.lastIndex = 0;
  const m = CUE_RE.exec(text);
  return m?.[1] ?? text;
}

/** Content as text: the quotation marks around a direct quote and the comma before its closing mark go. */
function contentText(text: string): string {
  const t = text.trim();
  const m = /^["“]([\s\S]*?)[,.]?["”]$/.exec(t);
  return m?.[1] !== undefined && !/["“”]/.test(m[1]) ? m[1] : t;
}

function overlapsAny(a: Span[], b: Span[]): boolean {
  return a.some(([s, e]) => b.some(([t, u]) => s < u && t < e));
}

/** The rule-based attributions: direct quotes, reported speech and "according to". */
export function ruleAttributions(body: string, sentences: Sentence[], entities: Entity[]): AttributionResult {
  const placed = placeMentions(entities);
  const { quotes, flags } = findQuotes(body, sentences);
  const attributions: Attribution[] = [];
  const covered: Span[] = [];
  let lastSpeaker: { sp: Speaker | null; paragraph: number } | null = null;
  for (const q of quotes) {
    const content: Span = [q.open + 1, q.close];
    const sent = sentences.filter((s) => s.end > q.open && s.start <= q.close);
    const first = sent[0];
    const last = sent[sent.length - 1];
    if (!first || !last) continue;
    const after = speakerCue(body, placed, q.close + 1, last.end);
    const before = after?.sp ? null : speakerCue(body, placed, first.start, q.open);
    // A cue after the quote whose speaker is unknown ("…”, according to state media) yields to a named one before.
    const found = before?.sp ? before : (after ?? before);
    const channel = channelOf(body.slice(first.start, last.end), placed, first.start);
    // Partial quotes (a word or phrase inside reported speech) leave the sentence open to indirect attribution,
    // unless the quote already took the sentence's speech cue.
    if (found?.sp || q.close - q.open > 0.5 * (last.end - first.start)) covered.push([first.start, last.end]);
    if (found?.sp) {
      attributions.push(
        make(found.sp, found.cue, found.cueSpan, content, body, true, channel, found.sp.confidence),
      );
      lastSpeaker = { sp: found.sp, paragraph: q.paragraph };
    } else if (lastSpeaker && q.paragraph - lastSpeaker.paragraph <= 1) {
      attributions.push(
        make(lastSpeaker.sp, found?.cue ?? "", found?.cueSpan ?? null, content, body, true, channel, 0.5),
      );
      lastSpeaker = { sp: lastSpeaker.sp, paragraph: q.paragraph };
    } else if (speechLike(body.slice(q.open + 1, q.close))) {
      attributions.push(
        make(null, found?.cue ?? "", found?.cueSpan ?? null, content, body, true, channel, 0.3),
      );
      flags.push({
        kind: "QUOTE_WITHOUT_SPEAKER",
        message: "A direct quote has no speaker the text names.",
        evidence: { start: q.open, end: q.close + 1, text: body.slice(q.open, q.close + 1) },
      });
    }
  }
  /** Reported speech: SPEAKER CUE (that) CONTENT in one sentence. */
  const indirect = (s: Sentence): boolean => {
    CUE_RE.lastIndex = 0;
    for (const m of s.text.matchAll(CUE_RE)) {
      if (!m[1] || /^according/i.test(m[1])) continue;
      const cs = s.start + m.index;
      const ce = cs + m[1].length;
      // Speaker: the stretch since the clause start before the cue.
      const pre = body.slice(s.start, cs);
      const clause = /(?:^|[,;:]\s+|\bbut\s+|\band\s+)([^,;:]*)$/.exec(pre);
      // A speaker is a short noun phrase; longer stretches are clauses, not sources.
      if (!clause?.[1]) continue;
      // Adverbs, auxiliaries and time phrases between the speaker and the cue are not part of the speaker.
      const who = clause[1].replace(ADVERBIAL_TAIL, "");
      if (who.trim().split(/\s+/).length > 9) continue;
      const ps = cs - clause[1].length;
      const pe = ps + who.length;
      const sp = resolveSpeaker(body, placed, ps, pe);
      if (!sp) continue;
      const tail = /^\s*(?:on\s+\w+\s+)?(?:that\s+)?/.exec(body.slice(ce, s.end));
      const cStart = ce + (tail?.[0].length ?? 0);
      if (s.end - cStart < 12) {
        // Trailing attribution: "CONTENT, the ministry said (on Monday)."
        const comma = body.lastIndexOf(",", ps);
        if (comma <= s.start + 12 || comma < ps - 3) continue;
        const content = trimSpan(body, s.start, comma);
        attributions.push(make(sp, m[1], [cs, ce], content, body, false, null, sp.confidence - 0.1));
        return true;
      }
      const channel = channelOf(s.text, placed, s.start);
      const content = trimSpan(
        body,
        cStart,
        channel ? s.start + (CHANNEL_RE.exec(s.text)?.index ?? s.text.length) : s.end,
      );
      attributions.push(make(sp, m[1], [cs, ce], content, body, false, channel, sp.confidence - 0.1));
      return true;
    }
    return false;
  };
  for (const s of sentences) {
    if (covered.some(([a, b]) => s.start >= a && s.end <= b)) continue;
    if (indirect(s)) continue;
    const acc = /\baccording to\s+([^,.;]+)/i.exec(s.text);
    if (acc?.[1]) {
      const ss = s.start + acc.index + acc[0].length - acc[1].length;
      const sp = resolveSpeaker(body, placed, ss, ss + acc[1].length);
      const rest =
        acc.index > 5 ? [s.start, s.start + acc.index] : [s.start + acc.index + acc[0].length, s.end];
      const c0 = trimSpan(body, rest[0] ?? s.start, rest[1] ?? s.end);
      attributions.push(
        make(
          sp,
          "according to",
          [s.start + acc.index, s.start + acc.index + 12],
          c0,
          body,
          false,
          sp?.entity?.name ?? null,
          (sp?.confidence ?? 0.5) - 0.1,
        ),
      );
    }
  }
  return { attributions, flags };
}

function trimSpan(body: string, s: number, e: number): Span {
  while (s < e && /[\s,;:]/.test(body[s] ?? "")) s++;
  while (e > s && /[\s,;:.]/.test(body[e - 1] ?? "")) e--;
  return [s, e];
}
