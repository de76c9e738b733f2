import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { extract } from "./index.js";
import { statementTurn, titleTurn } from "./statements.js";
import { article, entity } from "./test-helpers.js";

const STATEMENT = [
  "Pyongyang, June 21 (KCNA) -- Ri Son Hwa, vice-minister of Foreign Affairs, issued the following press statement on June 21:",
  "The puppet navy staged another provocative drill near our waters.",
  "I doubt whether they know what they are doing. We will never tolerate such reckless moves.",
  "Our army launched a new cruise missile on Thursday to show our resolve.",
].join("\n");

describe("statements published whole", () => {
  const ents = [
    entity(STATEMENT, "Ri Son Hwa", "PERSON", ["Ri Son Hwa"], "female"),
    entity(
      STATEMENT,
      "North Korea",
      "STATE",
      ["our army"].filter((f) => STATEMENT.includes(f)),
    ),
  ].filter((e) => e.mentions.length > 0);
  const out = extract(article(STATEMENT, { outlet: "KCNA" }), ents);

  it("gives the statement's claims to the person whose statement it is, not to the outlet", () => {
    const test = out.claims.find((c) => c.type === "WEAPONS_TEST");
    assert.ok(test, JSON.stringify(out.claims.map((c) => c.type)));
    assert.equal(test.holder, "Ri Son Hwa");
    assert.equal(test.holderKind, "speaker");
  });

  it("reads the statement's 'I' as its author", () => {
    const doubt = out.attributions.find((a) => a.speakerText === "I");
    assert.ok(doubt, JSON.stringify(out.attributions.map((a) => [a.speakerText, a.cue])));
    assert.equal(doubt.speaker, "Ri Son Hwa");
  });

  it("leaves a report that quotes a statement further down in the reporter's voice", () => {
    const body = [
      "SEOUL — North Korea fired a cruise missile on Thursday, officials in Seoul said.",
      "The launch came days after talks broke down.",
      "Analysts expect more tests this year.",
      "Ri Son Hwa, a vice-minister, issued the following statement:",
      "“We will never tolerate such reckless moves.”",
      "The navy launched another cruise missile on Friday.",
    ].join("\n");
    const ents = [entity(body, "Ri Son Hwa", "PERSON", ["Ri Son Hwa"], "female")];
    const claims = extract(article(body, { outlet: "Harbor Ledger" }), ents).claims;
    const last = claims.filter((c) => c.type === "WEAPONS_TEST").at(-1);
    assert.ok(last);
    assert.equal(last.holder, "Harbor Ledger");
  });
});

describe("who a published text is by", () => {
  it("is the sender of a message received, the body a spokesman speaks for, not the dateline's agency", () => {
    const message = [
      "Pyongyang, August 22 (KCNA) -- Kim Jong Un received a message of greeting from Yoweri Museveni, president of Uganda.",
      "The full text of the message is as follows:",
      "I am pleased to extend warm congratulations to you.",
    ].join("\n");
    const ents = [
      entity(message, "Kim Jong Un", "PERSON", ["Kim Jong Un"], "male"),
      entity(message, "Yoweri Museveni", "PERSON", ["Yoweri Museveni"], "male"),
      entity(message, "KCNA", "ORG", ["KCNA"]),
    ];
    assert.equal(statementTurn(message, ents)?.speaker, "Yoweri Museveni");
    const statement =
      "Pyongyang, May 20 (KCNA) -- A spokesman for the Foreign Ministry of the DPRK released the following press statement on May 20:\nThe drills must stop.";
    const ents2 = [
      entity(statement, "KCNA", "ORG", ["KCNA"]),
      entity(statement, "Foreign Ministry", "ORG", ["Foreign Ministry"]),
      entity(statement, "North Korea", "STATE", ["DPRK"]),
    ];
    assert.equal(statementTurn(statement, ents2)?.speaker, "North Korea");
    const list =
      "WASHINGTON – Today, President Joe Biden announced his intent to nominate the following individuals:\nJane Roe.";
    assert.equal(statementTurn(list, [entity(list, "Joe Biden", "PERSON", ["Joe Biden"], "male")]), null);
  });
});

describe("transcript turns", () => {
  it("read the answerer's 'I' and a label taken for a source as the labelled speaker", () => {
    const body = [
      "MS. JEAN-PIERRE: Good afternoon. I will hand it over to John Kirby.",
      "Q Will the President sanction the shipping firms?",
      "MR. KIRBY: Thanks for the question. We have watched these shipments for months, and they matter a great deal to our allies in the region. I think we will hold them accountable.",
      "Q And North Korea?",
      "MR. KIRBY: I won't get ahead of any sanctions decisions.",
    ].join("\n");
    const ents = [
      entity(body, "John Kirby", "PERSON", ["John Kirby"], "male"),
      entity(body, "Karine Jean-Pierre", "PERSON", [], "female"),
    ].filter((e) => e.mentions.length > 0);
    const out = extract(article(body, { outlet: "The White House" }), ents);
    const firstPerson = out.attributions.filter((a) => /^(?:I|we)$/i.test(a.speakerText ?? ""));
    assert.ok(firstPerson.length > 0, JSON.stringify(out.attributions.map((a) => [a.speakerText, a.cue])));
    for (const a of firstPerson.filter((x) => body.indexOf("MR. KIRBY") < (x.spans.cue[0]?.[0] ?? 0)))
      assert.equal(a.speaker, "John Kirby");
    for (const a of out.attributions.filter((x) => x.speakerText === "MR. KIRBY"))
      assert.equal(a.speaker, "John Kirby");
  });
});

describe("statements a title names", () => {
  it("are held by the person after the role words, not by the topic's people", () => {
    const body =
      "The DPRK launched a ballistic missile today. This launch is a flagrant violation of UN Security Council resolutions. Jake Sullivan will travel to Seoul.";
    const ents = [entity(body, "Jake Sullivan", "PERSON", ["Jake Sullivan"], "male")];
    const t = titleTurn(
      "Statement from NSC Spokesperson Adrienne Watson on the Travel of National Security Advisor Jake Sullivan",
      body,
      ents,
    );
    assert.equal(t?.speaker, "Adrienne Watson");
    const out = extract(
      article(body, {
        outlet: "The White House",
        title: "Statement from NSC Spokesperson Adrienne Watson on the DPRK’s Ballistic Missile Launch",
      }),
      ents,
    );
    assert.equal(out.claims.find((c) => c.type === "WEAPONS_TEST")?.holder, "Adrienne Watson");
    assert.equal(titleTurn("Joint Statement of the United States and Japan", body, ents), null);
    assert.equal(titleTurn("Readout of Jake Sullivan’s Meeting", body, ents), null);
  });

  it("name an office holder by title and family name when the text never gives the full name", () => {
    const body = "The United States condemns the launch. We will keep working with our allies.";
    assert.equal(
      titleTurn("Statement from President Lindqvist on the Missile Launch", body, [])?.speaker,
      "President Lindqvist",
    );
    assert.equal(titleTurn("Statement from Lindqvist on the Missile Launch", body, []), null);
    const named = `${body} President Anna Lindqvist spoke with the prime minister.`;
    const ents = [entity(named, "Anna Lindqvist", "PERSON", ["Anna Lindqvist"], "female")];
    assert.equal(
      titleTurn("Statement from President Lindqvist on the Missile Launch", named, ents)?.speaker,
      "Anna Lindqvist",
    );
  });
});

describe("reports of a speech", () => {
  it("give the speech's unmarked 'I' to its speaker, and the report's claims to the outlet", () => {
    const body = [
      "Kim Jong Un made an important speech at the celebration on Monday.",
      "Looking back on the year, I stressed the regional development as the top-priority task of the Party and the government, and we will keep it so.",
      "The army test-fired a new cruise missile on the same day.",
    ].join("\n");
    const ents = [entity(body, "Kim Jong Un", "PERSON", ["Kim Jong Un"], "male")];
    const out = extract(
      article(body, {
        outlet: "KCNA",
        title: "Respected Comrade Kim Jong Un Makes Important Speech on National Day",
      }),
      ents,
    );
    const first = out.attributions.filter((a) => a.speakerText === "I");
    assert.ok(first.length > 0, JSON.stringify(out.attributions.map((a) => [a.speakerText, a.cue])));
    for (const a of first) assert.equal(a.speaker, "Kim Jong Un");
    assert.equal(out.claims.find((c) => c.type === "WEAPONS_TEST")?.holder, "KCNA");
  });
});

describe("joint statements: the group that opens the text is its 'we'", () => {
  const JOINT = [
    "12 March 2025, Canberra",
    "",
    "Today, we — Prime Minister Mark Ellery of Australia, Prime Minister Aiko Tanabe of Japan, and President",
    "Dana R. Whitfield, Jr. of the United States — met for the second trilateral summit.",
    "",
    "We condemn North Korea's launch of an intercontinental ballistic missile on March 3. We call on all states to",
    "fully implement the sanctions, and we will coordinate closely against ship-to-ship transfers.",
  ].join("\n");
  const ents = [
    entity(JOINT, "Mark Ellery", "PERSON", ["Mark Ellery"], "male"),
    entity(JOINT, "Aiko Tanabe", "PERSON", ["Aiko Tanabe"], "female"),
    entity(JOINT, "Dana R. Whitfield", "PERSON", ["Dana R. Whitfield"], "male"),
    entity(JOINT, "Australia", "STATE", ["Australia"]),
    entity(JOINT, "Japan", "STATE", ["Japan"]),
    entity(JOINT, "United States", "STATE", ["United States"]),
    entity(JOINT, "North Korea", "STATE", ["North Korea"]),
  ];
  const out = extract(article(JOINT, { outlet: "The White House" }), ents);
  const group = "Leaders of Australia, Japan and the United States";

  it("names a long list of leaders by the states they lead, and gives them the text's 'we'", () => {
    const we = out.attributions.filter((a) => a.speakerText?.toLowerCase() === "we");
    assert.ok(we.length > 0, JSON.stringify(out.attributions.map((a) => [a.speakerText, a.cue])));
    for (const a of we) assert.equal(a.speaker, group);
  });

  it("holds the statement's claims as the group's, not the outlet's", () => {
    const test = out.claims.find((c) => c.type === "WEAPONS_TEST");
    assert.ok(test, JSON.stringify(out.claims.map((c) => [c.type, c.holder])));
    assert.equal(test.holder, group);
  });

  it("keeps a short group as written, and reads nothing into a 'we' that only opens a sentence", () => {
    const g7 =
      "We, the Leaders of the Group of Seven (G7), met in Ottawa on June 2.\n\nWe condemn the launches.";
    const short = extract(article(g7), []);
    assert.equal(
      short.attributions.find((a) => a.speakerText === "We")?.speaker,
      "Leaders of the Group of Seven (G7)",
    );
    const gaggle =
      "We, kind of, gave a little bit of a preview of our next leg.\n\nWe said the talks would go on.";
    const none = extract(article(gaggle), []);
    assert.ok(
      none.attributions.every((a) => !a.speaker),
      JSON.stringify(none.attributions),
    );
  });
});
