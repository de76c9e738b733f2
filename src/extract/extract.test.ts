import assert from "node:assert/strict";
import { test } from "node:test";
import type { Entity } from "../types.js";
import { afterDateline, sourceEnd } from "./attributions.js";
import { recognizeEntities } from "./entities/index.js";
import { extract } from "./index.js";
import { splitSentences } from "./sentences.js";
import { article, entity } from "./test-helpers.js";

test("sentences: abbreviations and initials do not end a sentence", () => {
  const s = splitSentences(
    "The U.S. envoy met Dr. Lee on Jan. 4 in Oslo. Talks ended. “We agree,” she said.",
  );
  assert.deepEqual(
    s.map((x) => x.text),
    ["The U.S. envoy met Dr. Lee on Jan. 4 in Oslo.", "Talks ended.", "“We agree,” she said."],
  );
});

test("sentences: 'a.m.' or 'U.S.' ends a sentence before a word that only opens one", () => {
  const s = splitSentences(
    "It detected the launch at 7:10 a.m. The missile flew east. Troops trained in the U.S. Army base, not in the U.S. But talks went on.",
  );
  assert.deepEqual(
    s.map((x) => x.text),
    [
      "It detected the launch at 7:10 a.m.",
      "The missile flew east.",
      "Troops trained in the U.S. Army base, not in the U.S.",
      "But talks went on.",
    ],
  );
});

test("direct quote with a pronoun speaker resolves to the nearest woman and keeps offsets", () => {
  const body =
    "Ri Son Hwa, a foreign ministry spokeswoman, spoke on Friday.\n\n“Our factories will never sell rockets abroad,” she said.";
  const ents = [
    entity(body, "Ri Son Hwa", "PERSON", ["Ri Son Hwa"], "female", ["foreign ministry spokeswoman"]),
  ];
  const out = extract(article(body), ents);
  const a = out.attributions.find((x) => x.quoted);
  assert.ok(a);
  assert.equal(a.speaker, "Ri Son Hwa");
  assert.equal(a.speakerText, "she");
  assert.equal(a.cue, "said");
  assert.equal(a.content, "Our factories will never sell rockets abroad");
  // The content span covers the quotation with its marks (as PolNeAR annotates); `content` is the words.
  const c = a.spans.content[0];
  assert.ok(c);
  assert.equal(body.slice(c[0], c[1]), "“Our factories will never sell rockets abroad,”");
  assert.equal(a.role, "foreign ministry spokeswoman");
  assert.ok(!out.flags.some((f) => f.kind === "PRONOUN_MISMATCH"));
});

test("'the President' in a briefing is the President it speaks of throughout, not the foreign one quoted last", () => {
  const body =
    "President Joe Biden met his advisers on Monday. Biden said the aid would flow. Biden said the talks went well.\n\nPresident Volodymyr Zelensky said Ukraine needs more shells.\n\nThe President said the package would pass this week.";
  const ents = [
    entity(body, "Joe Biden", "PERSON", ["President Joe Biden", "Biden"], "male", ["President"]),
    entity(body, "Volodymyr Zelensky", "PERSON", ["President Volodymyr Zelensky"], "male", ["President"]),
  ];
  const out = extract(article(body), ents);
  const a = out.attributions.find((x) => x.content.includes("package"));
  assert.equal(
    a?.speaker,
    "Joe Biden",
    JSON.stringify(out.attributions.map((x) => [x.speakerText, x.speaker])),
  );
});

test("KCNA's bare 'the General Secretary' is the party leader the article names, not the nearest secretary", () => {
  const body =
    "Kim Jong Un, general secretary of the Workers' Party of Korea, inspected a munitions factory on Tuesday. Kim Jong Un praised the workers. Kim Jong Un stressed the need to double the output of shells.\n\nJo Yong Won, secretary of the Central Committee, said the plan was fulfilled.\n\nThe General Secretary said the factory must produce more shells next year.";
  const ents = [
    entity(body, "Kim Jong Un", "PERSON", ["Kim Jong Un"], "male", [
      "general secretary of the Workers' Party of Korea",
    ]),
    entity(body, "Jo Yong Won", "PERSON", ["Jo Yong Won"], "male", ["secretary of the Central Committee"]),
  ];
  const out = extract(article(body), ents);
  const a = out.attributions.find((x) => x.content.includes("next year"));
  assert.equal(a?.speaker, "Kim Jong Un");
  assert.equal(a?.speakerText, "The General Secretary");
  assert.equal(out.attributions.find((x) => x.content.includes("fulfilled"))?.speaker, "Jo Yong Won");
});

test("'the General Secretary' speaking first is the one person the article named with that office", () => {
  const body =
    "The respected General Secretary Kim Jong Un visited a shell factory. Premier Kim Tok Hun accompanied him.\n\nThe General Secretary said the factory must produce more shells next year.";
  const ents = [
    entity(body, "Kim Jong Un", "PERSON", ["Kim Jong Un"], "male", ["General Secretary"]),
    entity(body, "Kim Tok Hun", "PERSON", ["Kim Tok Hun"], "male", ["Premier"]),
  ];
  const out = extract(article(body), ents);
  const a = out.attributions.find((x) => x.content.includes("next year"));
  assert.equal(a?.speaker, "Kim Jong Un");
  assert.equal(a?.speakerKey, "person:kim-jong-un");
});

test("a 'he' after a speaker named by office is that speaker, not the last man listed before", () => {
  const body =
    "General Secretary Kim Jong Un on August 31 convened a consultative meeting on regional development.\n\nPresent at the meeting were Presidium members Kim Tok Hun and Jo Yong Won and officials of the provincial committees.\n\nAnalyzing the importance of the hospitals, the General Secretary said that the construction is an important political work.\n\nIn recent years the Party built light industry factories in local areas, but this alone is not enough, he said.";
  const ents = [
    entity(body, "Kim Jong Un", "PERSON", ["Kim Jong Un"], "male", ["General Secretary"]),
    entity(body, "Kim Tok Hun", "PERSON", ["Kim Tok Hun"], "male"),
    entity(body, "Jo Yong Won", "PERSON", ["Jo Yong Won"], "male"),
  ];
  const out = extract(article(body), ents);
  const he = out.attributions.find((x) => x.speakerText === "he");
  assert.ok(he, JSON.stringify(out.attributions.map((x) => [x.speakerText, x.speaker])));
  assert.equal(he.speaker, "Kim Jong Un");
});

test("a channel named after 'according to' keeps a hyphenated name whole and is no channel of its own words", () => {
  const body =
    "The National Intelligence Service told lawmakers in a closed-door briefing that the shipments had been carried by rail from the port of Rajin, according to Lee Seong-kweon, a member of the intelligence committee.";
  const ents = [
    entity(body, "National Intelligence Service", "ORG", ["National Intelligence Service"]),
    entity(body, "Lee Seong-kweon", "PERSON", ["Lee Seong-kweon"], "male"),
  ];
  const out = extract(article(body), ents);
  const told = out.attributions.find((x) => x.cue === "told");
  assert.equal(told?.speaker, "National Intelligence Service");
  assert.equal(told?.channel, "Lee Seong-kweon");
  for (const a of out.attributions) assert.notEqual(a.channel, a.speaker ?? undefined);
});

test("two cues joined by 'and' share their subject; a source the text only describes holds its claims by name", () => {
  const body =
    'Eleven countries said on Monday that North Korea had evaded sanctions through ship-to-ship transfers.\n\nRussia\'s mission to the UN dismissed the initiative as "illegitimate" and denied that Moscow had supplied any oil to Pyongyang in violation of UN resolutions.';
  const ents = [
    entity(body, "Russia", "STATE", ["Russia", "Moscow"]),
    entity(body, "North Korea", "STATE", ["North Korea", "Pyongyang"]),
  ];
  const out = extract(article(body), ents);
  const denied = out.attributions.find((x) => x.cue === "denied");
  assert.ok(denied, JSON.stringify(out.attributions.map((x) => [x.speakerText, x.cue])));
  assert.equal(denied.speaker, "Russia");
  assert.equal(body.slice(...(denied.spans.source[0] ?? [0, 0])), "Russia's mission to the UN");
  const oil = out.claims.find((c) => c.type === "ARMS_TRANSFER");
  assert.equal(oil?.holder, "Russia");
  assert.equal(oil?.stance, "DENY");
  const evaded = out.claims.find((c) => c.type === "SANCTIONS_VIOLATION" && c.stance === "ASSERT");
  assert.equal(evaded?.holder, "Eleven countries");
  assert.equal(evaded?.holderKind, "unknown");
});

test("a closing 'it said' is the body that spoke right before, even when its own words name another", () => {
  const body =
    "South Korea's Joint Chiefs of Staff said the missile was launched from near Pyongyang around noon. Seoul and Washington were analysing the data, it said.";
  const ents = [
    entity(body, "South Korea", "STATE", ["South Korea", "Seoul"]),
    entity(body, "Joint Chiefs of Staff", "ORG", ["Joint Chiefs of Staff"]),
    entity(body, "United States", "STATE", ["Washington"]),
    entity(body, "North Korea", "STATE", ["Pyongyang"]),
  ];
  const out = extract(article(body), ents);
  const it = out.attributions.find((x) => x.speakerText === "it");
  assert.ok(it, JSON.stringify(out.attributions.map((x) => [x.speakerText, x.cue, x.content])));
  assert.equal(it.speaker, "Joint Chiefs of Staff");
});

test("a source 'X's state media KCNA' is the outlet it ends with, not the state before it", () => {
  const body = "North Korea's state media KCNA did not immediately report the launch.";
  const ents = [
    entity(body, "North Korea", "STATE", ["North Korea's"]),
    entity(body, "KCNA", "ORG", ["KCNA"]),
  ];
  const out = extract(article(body), ents);
  const a = out.attributions.find((x) => x.cue === "report");
  assert.ok(a, JSON.stringify(out.attributions.map((x) => [x.speakerText, x.cue])));
  assert.equal(a.speaker, "KCNA");
});

test("'…, the ministry said on Wednesday, citing …' reports the clause before its comma, said by the ministry", () => {
  const body =
    "(SEOUL) North Korea shipped dozens of multiple rocket launchers to Russia last week, South Korea's defense ministry said on Wednesday, citing satellite imagery of the Tumangang rail yard.\n\n(SEOUL) North Korea shipped drones to Russia in March, the ministry said.";
  const ents = [
    entity(body, "North Korea", "STATE", ["North Korea"]),
    entity(body, "South Korea", "STATE", ["South Korea"]),
    entity(body, "Russia", "STATE", ["Russia"]),
  ];
  const out = extract(article(body), ents);
  const launchers = out.claims.find((c) => c.item === "multiple rocket launchers");
  assert.equal(
    launchers?.holder,
    "South Korea",
    JSON.stringify(out.attributions.map((a) => [a.speaker, a.cue, a.content])),
  );
  const said = out.attributions.find((a) => a.content.includes("rocket launchers"));
  assert.ok(said?.content.startsWith("North Korea shipped"), said?.content);
  const drones = out.claims.find((c) => c.item === "drones");
  assert.notEqual(drones?.holder, "North Korea", "a party of the content is not its speaker");
});

test("a relative pronoun as the source is the name right before it; a name inside another noun is not", () => {
  const body =
    "Delegates in Pyongyang on Monday listened to Choe Son Hui, the foreign minister, who said the sanctions had failed.\n\nThe joint drill of the United States and South Korea, which shows the aggressive nature of the allies, ended on Friday.";
  const ents = [
    entity(body, "Choe Son Hui", "PERSON", ["Choe Son Hui"], "female", ["foreign minister"]),
    entity(body, "United States", "STATE", ["United States"]),
    entity(body, "South Korea", "STATE", ["South Korea"]),
  ];
  const out = extract(article(body), ents);
  const said = out.attributions.find((x) => x.content.includes("sanctions had failed"));
  assert.equal(said?.speakerText, "who");
  assert.equal(said?.speaker, "Choe Son Hui");
  const shows = out.attributions.find((x) => x.content.includes("aggressive nature"));
  if (shows) assert.equal(shows.speaker, null);
});

test("a clause opening with 'that' is what is said, never the speaker", () => {
  const body =
    'Pyongyang, November 4 (KCNA) -- Following are major articles in Rodong Sinmun on Monday:\n\n- An article says that the revolutionary slogan of the Workers\' Party of Korea "Let us more dynamically usher in a new era of rural revolution" reflects the will of the farmers.';
  const ents = [entity(body, "Workers' Party of Korea", "ORG", ["Workers' Party of Korea"])];
  const out = extract(article(body), ents);
  const a = out.attributions.find((x) => x.cue === "says");
  assert.ok(a, JSON.stringify(out.attributions));
  assert.equal(a.speakerText, "An article");
  assert.notEqual(a.speaker, "Workers' Party of Korea");
});

test("a long source stops where a clause begins; names and dates in capitals are no verbs", () => {
  const head = (t: string) => t.slice(0, sourceEnd(t)).trim();
  assert.equal(
    head("The venue of the awards ceremony was filled with the enthusiasm of the Air Force"),
    "The venue of the awards ceremony",
  );
  assert.equal(
    head("The chief of the Belarusian Group for Solidarity with the DPRK said July 27 was recorded"),
    "The chief of the Belarusian Group for Solidarity with the DPRK",
  );
  assert.equal(
    head("National Security Advisor, Jake Sullivan, who is here to speak about the visit"),
    "National Security Advisor, Jake Sullivan",
  );
  const kept = [
    "Kim Jong Un, president of the State Affairs of the Democratic People's Republic of Korea,",
    "The supreme military leadership of the DPRK on May 24",
    "officials have",
  ];
  for (const t of kept) assert.equal(head(t), t.trim());
});

test("a name no entity knows is still the speaker, accents and all, without the 'But' before it", () => {
  const body =
    "Venezuela wants the oil sanctions lifted first.\n\nBut Nicolás Maduro says that sanctions relief has to come before any election.";
  const out = extract(article(body), []);
  const a = out.attributions.find((x) => x.cue === "says");
  assert.ok(a, JSON.stringify(out.attributions));
  assert.equal(a.speaker, "Nicolás Maduro");
});

test("'he' for a woman is flagged PRONOUN_MISMATCH", () => {
  const body = "Ri Son Hwa spoke to reporters.\n\n“No rockets were sold,” he said.";
  const ents = [entity(body, "Ri Son Hwa", "PERSON", ["Ri Son Hwa"], "female")];
  const out = extract(article(body), ents);
  assert.ok(out.flags.some((f) => f.kind === "PRONOUN_MISMATCH"));
});

test("a mismatched pronoun is not flagged when the text names someone else it may mean", () => {
  const mismatches = (body: string) =>
    extract(article(body), [entity(body, "Pak Chol Min", "PERSON", ["Pak Chol Min"], "male")]).flags.filter(
      (f) => f.kind === "PRONOUN_MISMATCH",
    );
  // A woman no entity names, or a name the recogniser did not know, stands between the man and "she".
  assert.equal(
    mismatches(
      'Pak Chol Min visited the silk mill.\n\nA woman weaver showed him the looms. "We doubled output," she said.',
    ).length,
    0,
  );
  assert.equal(
    mismatches('Pak Chol Min toured the mill with Director Sohn.\n\n"We doubled output," she said.').length,
    0,
  );
  // A weekday is nobody: the mismatch stands.
  assert.equal(
    mismatches('Pak Chol Min spoke to reporters on Friday.\n\n"We doubled output," she said.').length,
    1,
  );
  // Nor is the quote given to the man.
  const weaver =
    'Pak Chol Min visited the silk mill.\n\nA woman weaver showed him the looms. "We doubled output," she said.';
  const said = extract(article(weaver), [entity(weaver, "Pak Chol Min", "PERSON", ["Pak Chol Min"], "male")]);
  assert.ok(said.attributions.every((a) => a.speaker !== "Pak Chol Min"));
});

test("'they' speaks for a state or body before it, never for one person", () => {
  const speakerOf = (body: string, ents: Entity[]) =>
    extract(article(body), ents).attributions.find((a) => a.speakerText?.toLowerCase() === "they")?.speaker;
  const withState =
    "Kim Yong Chol arrived in Moscow with a delegation of North Korea.\n\n“The talks were useful,” they said.";
  assert.equal(
    speakerOf(withState, [
      entity(withState, "Kim Yong Chol", "PERSON", ["Kim Yong Chol"], "male"),
      entity(withState, "North Korea", "STATE", ["North Korea"]),
    ]),
    "North Korea",
  );
  // A state named long before is not who "they" are.
  const far =
    "North Korea held a harvest festival this week in the northern provinces. The farm managers and the local brigade leaders gathered near the fields and the new warehouses, and the visiting students from the capital watched the machines at work all afternoon.\n\n“The harvest was good,” they said.";
  assert.equal(speakerOf(far, [entity(far, "North Korea", "STATE", ["North Korea"])]), null);
  const alone = "Kim Yong Chol toured the farm with local officials.\n\n“The harvest was good,” they said.";
  assert.equal(speakerOf(alone, [entity(alone, "Kim Yong Chol", "PERSON", ["Kim Yong Chol"], "male")]), null);
});

test("a quoted term or title is nobody's quote; a sentence quoted with no speaker is flagged", () => {
  const flagged = (body: string) =>
    extract(article(body), [])
      .flags.filter((f) => f.kind === "QUOTE_WITHOUT_SPEAKER")
      .map((f) => f.evidence?.text);
  assert.deepEqual(
    flagged(
      "The drills rehearse a so-called “decapitation strike” and the “Freedom Edge” manoeuvres, it was reported.",
    ),
    [],
  );
  assert.deepEqual(
    flagged("“The missiles will be delivered before the winter begins.”\n\nNo one signed it."),
    ["“The missiles will be delivered before the winter begins.”"],
  );
  // Longer scare quotes and names in capitals are terms too; a slogan or a clause with no speaker is flagged.
  assert.deepEqual(
    flagged(
      'The enemies staged a "small-unit mobile live firing drill" under the "theory of withdrawal of the U.S. forces from the ROK" at the "Extended Deterrence Strategy and Consultation Group" meeting. The decree "On adopting the Law on Road Traffic" was issued.',
    ),
    [],
  );
  assert.deepEqual(
    flagged(
      'Thousands gathered in the square.\n\n"Blood for blood!"\n\n"We will never forgive the aggressors of our land"',
    ),
    ['"Blood for blood!"', '"We will never forgive the aggressors of our land"'],
  );
});

test("a spokesman the text does not name speaks for the state, with the description as role", () => {
  const body =
    "A spokesman for the Foreign Ministry of North Korea said on Sunday that the drills near its border were a grave provocation.";
  const out = extract(article(body), [entity(body, "North Korea", "STATE", ["North Korea"])]);
  const a = out.attributions.find((x) => x.content.includes("drills"));
  assert.equal(a?.speaker, "North Korea");
  assert.equal(a?.role, "spokesman for the Foreign Ministry of North Korea");
});

test("the title of a statement is its author's words, not a quote without a speaker", () => {
  const body =
    'Pyongyang, July 13 (KCNA) -- Kim Yo Jong issued the following press statement under the title "We will deter the looming military threat with tougher counteraction":\nThe U.S. keeps staging drills near our border.';
  const out = extract(article(body), [entity(body, "Kim Yo Jong", "PERSON", ["Kim Yo Jong"], "female")]);
  assert.ok(!out.flags.some((f) => f.kind === "QUOTE_WITHOUT_SPEAKER"), JSON.stringify(out.flags));
  const title = out.attributions.find((a) => a.content.startsWith("We will deter"));
  assert.equal(title?.speaker, "Kim Yo Jong");
  assert.equal(out.claims.find((c) => c.type === "THREAT")?.holder, "Kim Yo Jong"); // With no attribution for the publishing verb, the title goes to the sentence's subject.
  const bare =
    'Pyongyang, August 24 (KCNA) -- Kim Yo Jong released Saturday the following press statement "We will cope with any military threat":\nThe U.S. keeps staging drills.';
  const plain = extract(article(bare), [entity(bare, "Kim Yo Jong", "PERSON", ["Kim Yo Jong"], "female")]);
  assert.equal(plain.attributions.find((a) => a.content.startsWith("We will cope"))?.speaker, "Kim Yo Jong");
});

test("denial cue makes the claim inside the content DENY, held by the speaker", () => {
  const body = "Moscow denied that Iran supplied drones to Russia last month.";
  const ents = [
    entity(body, "Russia", "STATE", ["Russia", "Moscow"]),
    entity(body, "Iran", "STATE", ["Iran"]),
  ];
  const out = extract(article(body), ents);
  const claim = out.claims.find((c) => c.type === "ARMS_TRANSFER");
  assert.ok(claim);
  assert.equal(claim.stance, "DENY");
  assert.equal(claim.holder, "Russia");
  assert.equal(claim.holderKind, "speaker");
  assert.equal(claim.subject, "Iran");
  assert.equal(claim.item, "drones");
});

test("outlet voice, hedging and quantity", () => {
  const body =
    "Belarus may have shipped roughly 3,500 artillery shells to Serbia, officials in Vilnius fear.";
  const ents = [entity(body, "Belarus", "STATE", ["Belarus"]), entity(body, "Serbia", "STATE", ["Serbia"])];
  const out = extract(article(body), ents);
  const claim = out.claims[0];
  assert.ok(claim);
  assert.equal(claim.type, "ARMS_TRANSFER");
  assert.equal(claim.holder, "Harbor Ledger");
  assert.equal(claim.holderKind, "outlet");
  assert.equal(claim.stance, "HEDGE");
  assert.deepEqual(claim.quantity, { text: "roughly 3,500", value: 3500, approximate: true });
  assert.equal(claim.subject, "Belarus");
  assert.equal(claim.object, "Serbia");
});

test("relative dates lean to the past; months resolve to YYYY-MM; no publication date leaves them null", () => {
  const body = "The drill ended on Friday. In February the navy launched a cruise missile.";
  const out = extract(article(body, { published: "2025-03-09" }), []); // a Sunday
  assert.deepEqual(
    out.dates.map((d) => d.resolved),
    ["2025-03-07", "2025-02"],
  );
  const test = out.claims.find((c) => c.type === "WEAPONS_TEST");
  assert.equal(test?.when, "2025-02");
  const undated = extract(article(body, { published: null }), []);
  assert.ok(undated.dates.every((d) => d.resolved === null && d.note));
  assert.ok(undated.flags.some((f) => f.kind === "DATE_UNKNOWN"));
});

test("a quote whose speaker the text gives only by role is not flagged as having no speaker", () => {
  const body =
    "The minister spoke in Tallinn on Monday. In his speech, the President said, “Things are getting better. Our ports are open again.” He left at noon.";
  const out = extract(article(body), []);
  assert.ok(!out.flags.some((f) => f.kind === "QUOTE_WITHOUT_SPEAKER"), JSON.stringify(out.flags));
  const a = out.attributions.find((x) => x.content.includes("Things are getting better"));
  assert.equal(a?.speakerText, "the President");
});

test("unclosed quote, quote with no speaker and foreign claimed source are flagged", () => {
  const body =
    "Officials met.\n\n“The shipments are continuing, the report claims.\n\nNothing else.\n\n“Trade is up.”";
  const out = extract(article(body, { claimedSource: "Reuters" }), []);
  const kinds = out.flags.map((f) => f.kind);
  assert.ok(kinds.includes("UNBALANCED_QUOTE"));
  assert.ok(kinds.includes("QUOTE_WITHOUT_SPEAKER"));
  assert.ok(kinds.includes("UNVERIFIED_PROVENANCE"));
  const same = extract(article("Calm day.", { outlet: "Reuters", claimedSource: "Reuters" }), []);
  assert.ok(!same.flags.some((f) => f.kind === "UNVERIFIED_PROVENANCE"));
});

test("according to: source, content and channel", () => {
  const body = "Laos received 40 trucks from Vietnam, according to KPL.";
  const ents = [
    entity(body, "Laos", "STATE", ["Laos"]),
    entity(body, "Vietnam", "STATE", ["Vietnam"]),
    entity(body, "KPL", "ORG", ["KPL"]),
  ];
  const a = extract(article(body), ents).attributions[0];
  assert.ok(a);
  assert.equal(a.speaker, "KPL");
  assert.equal(a.cue, "according to");
  assert.equal(a.content, "Laos received 40 trucks from Vietnam");
});

test("actor inconsistency: one sentence contradicts the dominant supplier", () => {
  const body = [
    "Belarus shipped shells to Serbia in May.",
    "Belarus also sent rockets to Serbia.",
    "Belarus delivered more shells to Serbia by rail.",
    "Latvia sent Serbia the shells, the paper said.",
  ].join(" ");
  const ents = ["Belarus", "Serbia", "Latvia"].map((n) => entity(body, n, "STATE", [n]));
  const out = extract(article(body), ents);
  const f = out.flags.filter((x) => x.kind === "ACTOR_INCONSISTENT");
  assert.equal(f.length, 1);
  assert.match(f[0]?.evidence?.text ?? "", /^Latvia sent/);
});

test("a kin phrase speaker is the relative, and a partial quote keeps the reported-speech cue and channel", () => {
  const body =
    "The elder brother of President Lina Varga on Monday denied that Moldova sold rifles to Chad, calling the report “fiction”, according to state media. Teo Varga later left for Rome.";
  const ents = [
    entity(body, "Lina Varga", "PERSON", ["Lina Varga"], "female"),
    entity(body, "Teo Varga", "PERSON", ["Teo Varga"], "male"),
    entity(body, "Moldova", "STATE", ["Moldova"]),
    entity(body, "Chad", "STATE", ["Chad"]),
  ];
  const out = extract(article(body), ents);
  const a = out.attributions.find((x) => x.cue === "denied");
  assert.ok(a, JSON.stringify(out.attributions));
  assert.equal(a.speaker, "Teo Varga");
  assert.equal(a.channel, "state media");
  assert.ok(!out.flags.some((f) => f.kind === "QUOTE_WITHOUT_SPEAKER"));
  const claim = out.claims.find((c) => c.type === "ARMS_TRANSFER");
  assert.equal(claim?.stance, "DENY");
  assert.equal(claim?.holder, "Teo Varga");
});

test("trailing attribution: content before the comma, speaker and cue after it", () => {
  const body = "Chile will buy four frigates from Spain next year, the Chilean navy said on Monday.";
  const out = extract(article(body), [
    entity(body, "Chile", "STATE", ["Chile", "Chilean"]),
    entity(body, "Spain", "STATE", ["Spain"]),
  ]);
  const a = out.attributions.find((x) => x.cue === "said");
  assert.ok(a, JSON.stringify(out.attributions));
  assert.equal(a.content, "Chile will buy four frigates from Spain next year");
  assert.equal(a.speakerText, "the Chilean navy");
});

test("a denial's claim: 'the country' is the speaker's state, the recipient follows 'to', Seoul is not a party", () => {
  const body =
    "A spokesperson for Ruritania on Sunday denied that the country had sent any artillery shells to Borduria, calling the reports from Syldavia a fabrication.";
  const ents = ["Ruritania", "Borduria", "Syldavia"].map((n) => entity(body, n, "STATE", [n]));
  const out = extract(article(body), ents);
  const claim = out.claims.find((c) => c.type === "ARMS_TRANSFER");
  assert.ok(claim, JSON.stringify(out.claims));
  assert.equal(claim.stance, "DENY");
  assert.equal(claim.holder, "Ruritania");
  assert.equal(claim.subject, "Ruritania");
  assert.equal(claim.object, "Borduria");
  assert.equal(claim.item, "artillery shells");
});

test("origin and recipient from prepositions; a number inside a weapon's name is no quantity", () => {
  const body =
    "Officials said arms shipments went from Borduria to Ruritania, including a Hwasong-19 missile.";
  const ents = ["Borduria", "Ruritania"].map((n) => entity(body, n, "STATE", [n]));
  const claim = extract(article(body), ents).claims.find((c) => c.type === "ARMS_TRANSFER");
  assert.ok(claim);
  assert.equal(claim.subject, "Borduria");
  assert.equal(claim.object, "Ruritania");
  assert.equal(claim.quantity, null);
});

test("one sentence can hold claims of several types; an exercise's actor follows 'of'", () => {
  const body =
    "Borduria has accused Ruritania of supplying rockets to Syldavia, which is under international sanctions.";
  const ents = ["Borduria", "Ruritania", "Syldavia"].map((n) => entity(body, n, "STATE", [n]));
  const out = extract(article(body), ents);
  const arms = out.claims.find((c) => c.type === "ARMS_TRANSFER");
  assert.equal(arms?.subject, "Ruritania");
  assert.equal(arms?.object, "Syldavia");
  assert.equal(arms?.holder, "Borduria");
  assert.ok(out.claims.some((c) => c.type === "SANCTIONS_ACTION"));
  const ex = "The visit followed planned military exercises of Syldavia near the border.";
  const drill = extract(article(ex), [entity(ex, "Syldavia", "STATE", ["Syldavia"])]).claims.find(
    (c) => c.type === "MILITARY_EXERCISE",
  );
  assert.equal(drill?.subject, "Syldavia");
});

test("'did not immediately comment' is DECLINE; 'the spokesperson' refers back to the named one", () => {
  const body =
    "Ruritania's foreign ministry spokesperson said on Monday that Borduria launched a missile.\n\nThe spokesperson accused Borduria of a provocation.\n\nBordurian state media did not immediately comment on the launch.";
  const ents = [
    entity(body, "Ruritania", "STATE", ["Ruritania"]),
    entity(body, "Borduria", "STATE", ["Borduria", "Bordurian"]),
  ];
  const out = extract(article(body), ents);
  const back = out.attributions.find((a) => /^The spokesperson$/i.test(a.speakerText ?? ""));
  assert.ok(back, JSON.stringify(out.attributions));
  assert.equal(back.speaker, "Ruritania");
  const decline = out.claims.find((c) => /did not immediately comment/.test(c.evidence.text));
  assert.equal(decline?.stance, "DECLINE");
});

test("a state named before an organisation only modifies it: the organisation is the speaker", () => {
  const body =
    "Valdorian Trade Ministry officials said that the frigate sale still needs study.\n\nValdoria's Trade Ministry said on Tuesday that talks would resume.";
  const ents = [
    entity(body, "Valdoria", "STATE", ["Valdorian", "Valdoria"]),
    entity(body, "Trade Ministry", "ORG", ["Trade Ministry"]),
  ];
  const out = extract(article(body), ents);
  const said = out.attributions.filter((a) => a.cue === "said");
  assert.equal(said.length, 2, JSON.stringify(said));
  for (const a of said) assert.equal(a.speaker, "Trade Ministry", JSON.stringify(a));
});

test("a speech participle used as an adjective ('this claimed launch') is no attribution", () => {
  const body =
    "The United States condemns the launch. This claimed space launch involved technologies that are directly related to the missile program.";
  const out = extract(article(body), []);
  assert.ok(!out.attributions.some((a) => a.cue === "claimed"), JSON.stringify(out.attributions));
});

test("a pronoun or a sentence adverb the tagger took for a source is no speaker's name", () => {
  const body =
    "The ministry issued a statement on Monday. It urged the neighbouring state to stop the drills at once. We make it clear that we will respond in kind.";
  const out = extract(article(body), []);
  const names = out.attributions.map((a) => a.speaker);
  assert.ok(out.attributions.length > 0, "the tagger finds the reported speech");
  assert.ok(!names.includes("It") && !names.includes("We"), JSON.stringify(names));
});

test("a dateline before the speaker is not part of the speaker's words", () => {
  const body =
    "Pyongyang, May 29 (KCNA) -- Kim Yo Jong, vice department director of the Central Committee, said that the balloons were a gift.";
  const ents = [entity(body, "Kim Yo Jong", "PERSON", ["Kim Yo Jong"], "female")];
  const a = extract(article(body), ents).attributions.find((x) => x.speaker === "Kim Yo Jong");
  assert.ok(a);
  assert.ok(a.speakerText?.startsWith("Kim Yo Jong"), a.speakerText ?? "");
  const [src] = a.spans.source;
  assert.ok(src && body.slice(src[0], src[1]).startsWith("Kim Yo Jong"));
});

test("datelines of wires and papers are found before a source, and a plain name is not one", () => {
  for (const [text, rest] of [
    ["SEOUL, Dec. 1 (Yonhap) -- Officials", "Officials"],
    ["WASHINGTON — The Pentagon", "The Pentagon"],
    ["Kim Yo Jong", "Kim Yo Jong"],
    ["Pyongyang officials", "Pyongyang officials"],
  ] as const)
    assert.equal(text.slice(afterDateline(text)), rest);
});

test("a speech verb inside a set phrase ('needless to say', 'so to speak') reports no one's words", () => {
  const body =
    "The flood left thousands homeless. Needless to say, children will find it hard to live in tents until the houses are rebuilt.";
  const out = extract(article(body), []);
  assert.ok(
    !out.attributions.some((a) => /say/i.test(a.cue)),
    JSON.stringify(out.attributions.map((a) => a.cue)),
  );
});

/** The whole extract stage over recognised entities, as `watchdesk analyze` runs it. */
function analyzed(body: string) {
  const a = article(body);
  return extract(a, recognizeEntities(a));
}

/** The attribution whose content holds these words. */
const saying = (out: ReturnType<typeof analyzed>, words: string) =>
  out.attributions.find((x) => x.content.includes(words));

test("wire copy: a lowercase title, an appositive agency, 'It said' and 'the group said' find their speakers", () => {
  const body = [
    "Kremlin spokesman Anton Belov declined to comment on the figures. “We do not comment on such reports,” he told a daily briefing.",
    "South Korea's spy agency, the National Intelligence Service, told lawmakers that North Korea had deployed about 11,000 soldiers to Russia. It said some had been killed in drone strikes.",
    "The Open Source Centre said the tanker had loaded fuel at a Russian port. The group said the ship had switched off its transponder.",
  ].join("\n\n");
  const out = analyzed(body);
  const by = (words: string) => saying(out, words)?.speaker;
  assert.equal(by("comment on such reports"), "Anton Belov");
  assert.equal(by("had deployed about 11,000"), "National Intelligence Service");
  assert.equal(by("some had been killed"), "National Intelligence Service");
  assert.equal(by("switched off its transponder"), "Open Source Centre");
});

test("'a London-based research group' is no speaker for the United Kingdom", () => {
  const body =
    "LONDON, Nov 28 (Harbor Wire) - A tanker that U.N. investigators previously accused of ferrying refined petroleum to North Korea was photographed taking on cargo at a Russian port this month, according to a report released on Thursday by a London-based research group.";
  const a = analyzed(body).attributions.find((x) => x.cue === "according to");
  assert.ok(a);
  assert.match(a.speakerText ?? "", /London-based research group/);
  assert.notEqual(a.speaker, "United Kingdom");
});

test("'The panel's latest report said' is the panel named before, and so is the 'It said' after it", () => {
  const body = [
    "Russia vetoed the renewal of the UN Panel of Experts on Thursday.",
    "The panel's latest report, published earlier this month, said it was investigating 58 cyberattacks by North Korea. It also said North Korea continued to export coal.",
  ].join("\n\n");
  const ents = [entity(body, "UN Panel of Experts", "ORG", ["UN Panel of Experts"])];
  const out = extract(article(body), [
    ...ents,
    entity(body, "Russia", "STATE", ["Russia"]),
    entity(body, "North Korea", "STATE", ["North Korea"]),
  ]);
  const by = (words: string) => saying(out, words)?.speaker;
  assert.equal(by("58 cyberattacks"), "UN Panel of Experts");
  assert.equal(by("export coal"), "UN Panel of Experts");
});

test("wire copy: 'she' after a woman described by her brother is hers; 'the ministry' is no ministry spokesman; no dateline in content", () => {
  const body = [
    "SEOUL — North Korea has shipped about 9,000 containers of munitions to Russia, South Korea's defense ministry said on Wednesday.",
    "Ministry spokesman Jeon Ha-gyu told a briefing that the shipments included artillery shells. The ministry also said North Korea may have received satellite technology.",
    "Kim Yo-jong, the powerful sister of leader Kim Jong-un, dismissed the claims. “We have never exported weapons to any country,” she said.",
  ].join("\n\n");
  const out = analyzed(body);
  assert.equal(saying(out, "never exported weapons")?.speaker, "Kim Yo Jong");
  assert.ok(!out.flags.some((f) => f.kind === "PRONOUN_MISMATCH"));
  assert.equal(saying(out, "satellite technology")?.speaker, "South Korea");
  const first = saying(out, "9,000 containers");
  assert.ok(first);
  assert.match(first.content, /^North Korea has shipped/);
});

test("a mistranslated 'he' after 'Kim Yo Jong, sister of leader Kim Jong Un' is still hers (flagged), said once via KCNA", () => {
  const body =
    "Kim Yo Jong, sister of North Korean leader Kim Jong Un, called the claims “absurd.” “We have never exported weapons to any country,” he said, according to KCNA.";
  const out = analyzed(body);
  const quotes = out.attributions.filter((x) => x.content.includes("never exported weapons"));
  assert.equal(quotes.length, 1, JSON.stringify(quotes.map((q) => [q.cue, q.speaker])));
  assert.equal(quotes[0]?.speaker, "Kim Yo Jong");
  assert.equal(quotes[0]?.channel, "KCNA");
  assert.ok(out.flags.some((f) => f.kind === "PRONOUN_MISMATCH"));
});

test("'…, the ministry said, citing state media reports': the ministry cites, not the person the report is about", () => {
  const body =
    "Ri Pyong-chol, a senior party official, was dismissed in April, South Korea's unification ministry said, citing state media reports.";
  const out = analyzed(body);
  const citing = out.attributions.find((x) => x.cue === "citing");
  assert.ok(citing, JSON.stringify(out.attributions.map((x) => [x.cue, x.speaker])));
  assert.equal(citing.speaker, "South Korea");
  const said = out.attributions.find((x) => x.cue === "said");
  assert.equal(said?.speaker, "South Korea");
});

test("a test Kim inspected before he 'called for' mass production is told by the outlet, and is his state's", () => {
  const body =
    "SEOUL, Aug. 26 (Harbor Wire) -- North Korean leader Kim Jong Un inspected the test of newly developed suicide drones and called for their mass production, state media reported Monday.";
  const out = analyzed(body);
  const test = out.claims.find((c) => c.type === "WEAPONS_TEST");
  assert.ok(test, JSON.stringify(out.claims));
  assert.notEqual(test.holder, "Kim Jong Un");
  assert.equal(test.subject, "North Korea");
  assert.equal(out.claims.find((c) => c.type === "WEAPONS_DEVELOPMENT")?.subject, "North Korea");
});

test("'according to a confidential U.N. report seen by Harbor Ledger' is the report's claim, and 'The report also said' is the same source", () => {
  const body =
    "North Korea shipped more than 6,700 containers of munitions to Russia between August and January, according to a confidential U.N. report seen by Harbor Ledger.\n\nThe report also said North Korea had earned about $3 billion from cyber theft last year.";
  const out = analyzed(body);
  const first = saying(out, "6,700 containers");
  assert.equal(first?.cue, "according to");
  assert.equal(first?.speaker, "United Nations");
  assert.equal(saying(out, "cyber theft")?.speaker, "United Nations");
  const transfer = out.claims.find((c) => c.type === "ARMS_TRANSFER");
  assert.equal(transfer?.holder, "United Nations");
});

test("'The drills come a week after Seoul said …, a claim Pyongyang has denied': the drills are the outlet's, with no Russian party", () => {
  const body =
    "SEOUL (KWS) — South Korea and the United States began their annual Freedom Shield exercise on Monday, the Joint Chiefs of Staff said.\n\nThe drills come a week after Seoul said North Korea had shipped roughly 12,000 containers of artillery shells to Russia, a claim Pyongyang has denied.";
  const out = analyzed(body);
  const drills = out.claims.filter(
    (c) => c.type === "MILITARY_EXERCISE" && c.evidence.text.startsWith("The drills"),
  );
  assert.equal(
    drills.length,
    1,
    JSON.stringify(out.claims.map((c) => [c.type, c.subject, c.object, c.holder])),
  );
  assert.equal(drills[0]?.object, null);
  assert.equal(drills[0]?.holder, "Harbor Ledger");
  assert.equal(drills[0]?.stance, "ASSERT");
  assert.ok(out.claims.some((c) => c.type === "ARMS_TRANSFER" && c.holder === "South Korea"));
});
