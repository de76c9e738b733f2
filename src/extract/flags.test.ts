import assert from "node:assert/strict";
import { test } from "node:test";
import type { Entity, Flag } from "../types.js";
import { extract } from "./index.js";
import { article, entity } from "./test-helpers.js";

const flagsOf = (body: string, ents: Entity[], kind: string): Flag[] =>
  extract(article(body), ents).flags.filter((f) => f.kind === kind);

const state = (body: string, name: string, forms: string[], code: string): Entity => ({
  ...entity(body, name, "STATE", forms),
  key: `state:${code}`,
  country: code,
});

// ───────────────────────────── ROLE_CONFLICT ─────────────────────────────

test("ROLE_CONFLICT: the article cites the foreign ministry but its spokesman's role names the defence ministry", () => {
  const body =
    "TEHRAN – Iran's Foreign Ministry said on Sunday that the new European measures were illegal.\n\n" +
    "“Europe will regret this step,” Nasser Karimi, a defence ministry spokesman, told reporters.\n\n" +
    "Ministry officials said the country would file a complaint with the United Nations.";
  const ents = [
    state(body, "Iran", ["Iran"], "IR"),
    entity(body, "Nasser Karimi", "PERSON", ["Nasser Karimi", "Karimi"], "male", [
      "defence ministry spokesman",
    ]),
  ];
  const flags = flagsOf(body, ents, "ROLE_CONFLICT");
  assert.equal(flags.length, 1);
  const [f] = flags;
  assert.match(f?.message ?? "", /Foreign Ministry/);
  assert.match(f?.message ?? "", /Nasser Karimi/);
  assert.match(f?.message ?? "", /defence ministry/);
  assert.ok(f?.evidence);
  assert.equal(f.evidence.text, "defence ministry spokesman");
  assert.equal(body.slice(f.evidence.start, f.evidence.end), "defence ministry spokesman");
});

test("ROLE_CONFLICT: 'according to' a ministry counts as citing it", () => {
  const body =
    "The shipment was stopped at the border, according to the Interior Ministry of Kazakhstan.\n\n" +
    "“The cargo had false papers,” said Aidos Bekov, a customs ministry official.";
  const ents = [
    state(body, "Kazakhstan", ["Kazakhstan"], "KZ"),
    entity(body, "Aidos Bekov", "PERSON", ["Aidos Bekov"], "male", ["customs ministry official"]),
  ];
  const flags = flagsOf(body, ents, "ROLE_CONFLICT");
  assert.equal(flags.length, 1);
  assert.match(flags[0]?.message ?? "", /Interior Ministry/);
  assert.match(flags[0]?.message ?? "", /customs ministry/);
});

test("ROLE_CONFLICT: one person called a foreign ministry and a trade ministry spokeswoman", () => {
  const body =
    "Zhanna Orlova, a foreign ministry spokeswoman, said on Tuesday that the tanker had broken no rules.\n\n" +
    "Orlova, a trade ministry spokeswoman, added that the cargo was bound for a private buyer.";
  const ents = [
    entity(body, "Zhanna Orlova", "PERSON", ["Zhanna Orlova", "Orlova"], "female", [
      "foreign ministry spokeswoman",
      "trade ministry spokeswoman",
    ]),
  ];
  const flags = flagsOf(body, ents, "ROLE_CONFLICT");
  assert.equal(flags.length, 1);
  const [f] = flags;
  assert.match(f?.message ?? "", /Zhanna Orlova/);
  assert.match(f?.message ?? "", /foreign ministry/);
  assert.match(f?.message ?? "", /trade ministry/);
  assert.equal(f?.evidence?.text, "trade ministry spokeswoman");
});

test("ROLE_CONFLICT: two people from two ministries, each described one way, are not flagged", () => {
  const body =
    "MINSK – Belarus's Foreign Ministry said on Friday that the border closure was temporary.\n\n" +
    "“Our door stays open,” Olga Petrova, a foreign ministry spokeswoman, told a briefing.\n\n" +
    "Ivan Sokol, a defence ministry spokesman, said troops had been moved away from the crossing.";
  const ents = [
    state(body, "Belarus", ["Belarus"], "BY"),
    entity(body, "Olga Petrova", "PERSON", ["Olga Petrova"], "female", ["foreign ministry spokeswoman"]),
    entity(body, "Ivan Sokol", "PERSON", ["Ivan Sokol"], "male", ["defence ministry spokesman"]),
  ];
  assert.deepEqual(flagsOf(body, ents, "ROLE_CONFLICT"), []);
  // Without the ministry statement: still two people, two consistent roles.
  const bare = body.slice(body.indexOf("“"));
  const bareEnts = [
    entity(bare, "Olga Petrova", "PERSON", ["Olga Petrova"], "female", ["foreign ministry spokeswoman"]),
    entity(bare, "Ivan Sokol", "PERSON", ["Ivan Sokol"], "male", ["defence ministry spokesman"]),
  ];
  assert.deepEqual(flagsOf(bare, bareEnts, "ROLE_CONFLICT"), []);
});

test("ROLE_CONFLICT: 'ministry' against 'foreign ministry' and 'foreign ministry' against 'foreign affairs ministry' are one body", () => {
  const contains =
    "The ministry said on Monday that the ambassador had been summoned.\n\n" +
    "“We expect an apology,” said Lina Haddad, a foreign ministry spokeswoman.\n\n" +
    "Haddad, a ministry spokeswoman, declined to name the ambassador.";
  const a = [
    entity(contains, "Lina Haddad", "PERSON", ["Lina Haddad", "Haddad"], "female", [
      "foreign ministry spokeswoman",
      "ministry spokeswoman",
    ]),
  ];
  assert.deepEqual(flagsOf(contains, a, "ROLE_CONFLICT"), []);

  const affairs =
    "Syria's Foreign Affairs Ministry said the strike broke the ceasefire.\n\n" +
    "“This is a dangerous escalation,” said Omar Khalil, a foreign ministry spokesman.\n\n" +
    "Khalil, a foreign affairs ministry spokesman, said a formal protest had been sent.";
  const b = [
    state(affairs, "Syria", ["Syria"], "SY"),
    entity(affairs, "Omar Khalil", "PERSON", ["Omar Khalil", "Khalil"], "male", [
      "foreign ministry spokesman",
      "foreign affairs ministry spokesman",
    ]),
  ];
  assert.deepEqual(flagsOf(affairs, b, "ROLE_CONFLICT"), []);
});

test("ROLE_CONFLICT: spelling variants, another state's ministry and a former post are not conflicts", () => {
  const spelling =
    "The Defense Ministry said on Thursday that the drills would end on schedule.\n\n" +
    "“No live rounds will be fired,” said Han Sung Il, a defence ministry spokesman.";
  const a = [
    entity(spelling, "Han Sung Il", "PERSON", ["Han Sung Il"], "male", ["defence ministry spokesman"]),
  ];
  assert.deepEqual(flagsOf(spelling, a, "ROLE_CONFLICT"), []);

  const states =
    "Russia's Foreign Ministry said the convoy was carrying aid.\n\n" +
    "“It carried shells,” said Olena Marchenko, a defence ministry spokeswoman in Kyiv.";
  const b = [
    state(states, "Russia", ["Russia"], "RU"),
    {
      ...entity(states, "Olena Marchenko", "PERSON", ["Olena Marchenko"], "female", [
        "defence ministry spokeswoman",
      ]),
      country: "UA",
    },
  ];
  assert.deepEqual(flagsOf(states, b, "ROLE_CONFLICT"), []);

  const former =
    "Kwon Min, the former trade ministry spokesman, said the port was still open.\n\n" +
    "Kwon, now a foreign ministry spokesman, said talks would resume.";
  const c = [
    entity(former, "Kwon Min", "PERSON", ["Kwon Min", "Kwon"], "male", [
      "former trade ministry spokesman",
      "foreign ministry spokesman",
    ]),
  ];
  assert.deepEqual(flagsOf(former, c, "ROLE_CONFLICT"), []);
});

test("ROLE_CONFLICT: a cited ministry with its own spokesman leaves another ministry's spokesman alone", () => {
  const body =
    "Vietnam's Foreign Ministry said the patrol boats had left the area.\n\n" +
    "“We protested at once,” said Le Thi Thu, a foreign ministry spokeswoman.\n\n" +
    "Tran Van Binh, a defence ministry official, said the navy was on alert.";
  const ents = [
    state(body, "Vietnam", ["Vietnam"], "VN"),
    entity(body, "Le Thi Thu", "PERSON", ["Le Thi Thu"], "female", ["foreign ministry spokeswoman"]),
    entity(body, "Tran Van Binh", "PERSON", ["Tran Van Binh"], "male", ["defence ministry official"]),
  ];
  assert.deepEqual(flagsOf(body, ents, "ROLE_CONFLICT"), []);
});

test("ROLE_CONFLICT: a spokesman who is only mentioned, not quoted, is not taken for the cited ministry's", () => {
  const body =
    "Mongolia's Foreign Ministry said on Monday that the coal contract had been cancelled.\n\n" +
    "The decision came a week after Bat-Erdene Tsogt, a mining ministry spokesman, was dismissed.";
  const ents = [
    state(body, "Mongolia", ["Mongolia"], "MN"),
    entity(body, "Bat-Erdene Tsogt", "PERSON", ["Bat-Erdene Tsogt"], "male", ["mining ministry spokesman"]),
  ];
  assert.deepEqual(flagsOf(body, ents, "ROLE_CONFLICT"), []);
  // Once he speaks, the role is held against the ministry the article cites.
  const speaking = `${body}\n\n“The contract was signed lawfully,” Bat-Erdene Tsogt said.`;
  const ents2 = [
    state(speaking, "Mongolia", ["Mongolia"], "MN"),
    entity(speaking, "Bat-Erdene Tsogt", "PERSON", ["Bat-Erdene Tsogt"], "male", [
      "mining ministry spokesman",
    ]),
  ];
  assert.equal(flagsOf(speaking, ents2, "ROLE_CONFLICT").length, 1);
});

// ───────────────────────────── GARBLED ─────────────────────────────

const IRAN_RUSSIA =
  "BRUSSELS – Iran has shipped hundreds of attack drones to Russia, Western officials said on Tuesday.\n\n" +
  "Analysts warned that Tehran could also send ballistic missiles to Moscow.";

function iranRussia(body: string): Entity[] {
  return [
    state(body, "Iran", ["Iran", "Tehran"], "IR"),
    state(body, "Russia", ["Russia", "Moscow"], "RU"),
    state(body, "Ukraine", ["Ukraine", "Kyiv"], "UA"),
    state(body, "Georgia", ["Georgia"], "GE"),
    state(body, "Belarus", ["Belarus"], "BY"),
  ];
}

test("GARBLED: a list of invaded states that names the invader's arms supplier", () => {
  const body = `${IRAN_RUSSIA}\n\nThe European Union has sanctioned Russia for its chemical weapons programme and for invading Ukraine and Iran.`;
  const flags = flagsOf(body, iranRussia(body), "GARBLED");
  assert.equal(flags.length, 1);
  const [f] = flags;
  assert.equal(f?.evidence?.text, "invading Ukraine and Iran");
  assert.equal(body.slice(f?.evidence?.start, f?.evidence?.end), "invading Ukraine and Iran");
  assert.match(f?.message ?? "", /Iran/);
  assert.match(f?.message ?? "", /Russia/);
  assert.match(f?.message ?? "", /arms transfer/);
});

test("GARBLED: the act as a noun takes the state written right before it as its actor", () => {
  const body = `${IRAN_RUSSIA}\n\nThe measures answer Russia's full-scale invasion of Ukraine and Iran.`;
  const flags = flagsOf(body, iranRussia(body), "GARBLED");
  assert.equal(flags.length, 1);
  assert.equal(flags[0]?.evidence?.text, "invasion of Ukraine and Iran");
  // No actor written before the noun: the state before it condemns, it does not invade.
  const condemned = "Ukraine and Georgia condemned the invasion of Ukraine and Georgia in a joint statement.";
  assert.deepEqual(flagsOf(condemned, iranRussia(condemned), "GARBLED"), []);
});

test("GARBLED: a target that is one of the sanctioned parties of the same sentence", () => {
  const body =
    "Canada imposed sanctions on Russia and Belarus for attacking Ukraine and Belarus, officials said.";
  const ents = [
    state(body, "Canada", ["Canada"], "CA"),
    state(body, "Russia", ["Russia"], "RU"),
    state(body, "Belarus", ["Belarus"], "BY"),
    state(body, "Ukraine", ["Ukraine"], "UA"),
  ];
  const flags = flagsOf(body, ents, "GARBLED");
  assert.equal(flags.length, 1);
  assert.equal(flags[0]?.evidence?.text, "attacking Ukraine and Belarus");
  assert.match(flags[0]?.message ?? "", /Belarus/);
});

test("GARBLED: ordinary lists are not flagged", () => {
  const body =
    `${IRAN_RUSSIA}\n\nRussia and Iran vetoed the draft resolution on Tuesday. ` +
    "The council kept its sanctions on North Korea and Iran in place. " +
    "Georgia said Russia had attacked Ukraine and Georgia in the past two decades. " +
    "Iran also sold attack drones to Russia and Belarus.";
  const ents = [...iranRussia(body), state(body, "North Korea", ["North Korea"], "KP")];
  assert.deepEqual(flagsOf(body, ents, "GARBLED"), []);
});

test("GARBLED: a partner that opens its own clause after the list is not a target", () => {
  const reason = `${IRAN_RUSSIA}\n\nLondon sanctioned Russia for invading Ukraine and Iran for arming it.`;
  assert.deepEqual(flagsOf(reason, iranRussia(reason), "GARBLED"), []);
  const verb = `${IRAN_RUSSIA}\n\nRussia attacked Ukraine and Iran sent more drones within weeks.`;
  assert.deepEqual(flagsOf(verb, iranRussia(verb), "GARBLED"), []);
  const possessive = `${IRAN_RUSSIA}\n\nRussia is accused of attacking Ukraine and Iran's rivals in the Gulf.`;
  assert.deepEqual(flagsOf(possessive, iranRussia(possessive), "GARBLED"), []);
});

test("GARBLED: talks between belligerents and weapons fired at a state do not make partners", () => {
  const talks =
    "Ukraine's envoy met with Russia's delegation in Istanbul in March. Kyiv's negotiators held talks with Moscow again in May.\n\n" +
    "Washington has sanctioned Russia for invading Ukraine and Georgia.";
  assert.deepEqual(flagsOf(talks, iranRussia(talks), "GARBLED"), []);
  const drones =
    "Russia sent swarms of drones into Ukraine overnight, striking two power stations. " +
    "Moscow sent more drones into Ukraine on Friday, killing three people.\n\n" +
    "Washington has sanctioned Russia for invading Ukraine and Georgia.";
  assert.deepEqual(flagsOf(drones, iranRussia(drones), "GARBLED"), []);
});
