/**
 * Word lists for the text-quality flags GARBLED, ROLE_CONFLICT and PRONOUN_MISMATCH (data; the rules are in
 * ../garbled-list.ts, ../role-conflict.ts and ../mentions.ts; README.md says how to extend them). Everything
 * is lower case, but for the calendar words, and matched at word boundaries.
 */

/**
 * Hostile acts one state does to others, as verbs written right before the list of targets ("for invading
 * Ukraine and Georgia", "Russia attacked A and B"). List every form to be matched; a form that is also a noun
 * modifier ("attack drones") is harmless, since a list of states must follow it.
 */
export const HOSTILE_VERBS: readonly string[] = [
  "invade",
  "invades",
  "invaded",
  "invading",
  "attack",
  "attacks",
  "attacked",
  "attacking",
  "occupy",
  "occupies",
  "occupied",
  "occupying",
  "annex",
  "annexes",
  "annexed",
  "annexing",
  "bomb",
  "bombs",
  "bombed",
  "bombing",
  "shelled",
  "shelling",
  "waging war on",
  "waging war against",
  "waged war on",
  "waged war against",
];

/**
 * The same acts as nouns with their preposition ("the invasion of A and B"). A noun's actor must be written
 * right before it ("Russia's invasion of", "the Russian invasion of"): "Ukraine condemned the invasion of
 * Ukraine and Georgia" names no actor.
 */
export const HOSTILE_NOUNS: readonly string[] = [
  "invasion of",
  "invasions of",
  "attack on",
  "attacks on",
  "attack against",
  "attacks against",
  "occupation of",
  "annexation of",
  "bombing of",
  "shelling of",
  "war on",
  "war against",
  "aggression against",
];

/**
 * Claim types that put two states on the same side: one arming the other, or the two cooperating militarily.
 * DIPLOMATIC_CONTACT is left out on purpose: belligerents hold talks ("Russia and Ukraine held talks in
 * Istanbul"), so a contact says nothing about sides.
 */
export const PARTNER_CLAIM_TYPES: readonly string[] = ["ARMS_TRANSFER", "MILITARY_COOPERATION"];

/**
 * The MILITARY_COOPERATION lexicon also fires on "deploy*" and "troops", which a hostile deployment shares; a
 * cooperation claim shows partners only when its sentence also says so with one of these words.
 */
export const COOPERATION_WORDS: readonly string[] = [
  "cooperation",
  "cooperate",
  "cooperating",
  "cooperated",
  "alliance",
  "ally",
  "allies",
  "allied",
  "pact",
  "partnership",
  "partner",
  "partners",
  "ties",
  "joint",
  "arms deal",
  "arms deals",
];

/**
 * Words of fighting: a transfer or cooperation claim whose sentence holds one of these (or whose clause holds
 * a hostile act) is not taken as evidence that its two states are partners ("sent drones into Ukraine,
 * killing three").
 */
export const FIGHTING_WORDS: readonly string[] = [
  "fired",
  "firing",
  "struck",
  "strike",
  "strikes",
  "striking",
  "killing",
  "killed",
  "wounding",
  "wounded",
  "casualties",
  "shot down",
  "air raid",
  "air raids",
  "bombard",
  "bombarded",
  "bombardment",
  "offensive",
  "battle",
  "battlefield",
  "front line",
  "frontline",
  "enemy",
  "enemies",
];

/**
 * Kinds of government body that statements are sourced to ("the Foreign Ministry said", "a Defense
 * Department spokesman said"). Add a kind only when its qualifier names the body: "agency" is left out
 * because a news agency (KCNA, Yonhap) is a channel, not the body a spokesman speaks for.
 */
export const SOURCE_BODIES: readonly string[] = ["ministry", "department"];

/** Role nouns of someone who speaks for a body (the only roles held against the body an article cites). */
export const SPEAKING_ROLES: readonly string[] = [
  "spokesman",
  "spokeswoman",
  "spokesperson",
  "official",
  "representative",
  "press officer",
  "press secretary",
];

/**
 * Words that place a role in time: "the former trade ministry spokesman" and "the foreign ministry spokesman"
 * can both be true of one person, so roles with these are not held against each other.
 */
export const CHANGE_OF_POST: readonly string[] = [
  "former",
  "ex",
  "then",
  "outgoing",
  "incoming",
  "new",
  "newly",
  "now",
  "later",
  "previously",
  "once",
];

/** Spellings of one qualifier word, folded before roles and bodies are compared (British → American). */
export const SPELLING_FOLDS: Readonly<Record<string, string>> = {
  defence: "defense",
  programme: "program",
  labour: "labor",
};

/**
 * Nouns that name a woman, or a man: PRONOUN_MISMATCH is not raised when one stands between the resolved speaker
 * and a "she" (or "he") of the other gender, since the pronoun may mean that person ("a woman weaver … she").
 */
export const FEMININE_NOUNS: readonly string[] = [
  "woman",
  "women",
  "mother",
  "wife",
  "sister",
  "daughter",
  "girl",
  "lady",
  "mrs",
  "ms",
  "miss",
  "madam",
  "queen",
  "spokeswoman",
  "chairwoman",
  "congresswoman",
  "businesswoman",
  "actress",
  "grandmother",
  "aunt",
];

export const MASCULINE_NOUNS: readonly string[] = [
  "man",
  "men",
  "father",
  "husband",
  "brother",
  "son",
  "boy",
  "mr",
  "king",
  "spokesman",
  "chairman",
  "congressman",
  "businessman",
  "actor",
  "grandfather",
  "uncle",
];

/** Capitalised words that name no one: days and months (a "Friday" before "he" is not another referent). */
export const CALENDAR_WORDS: readonly string[] = [
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
