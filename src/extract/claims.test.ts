import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Claim, Entity } from "../types.js";
import { extract, quantityOf } from "./index.js";
import { article, entity } from "./test-helpers.js";

const NK = ["North Korea", "DPRK", "Pyongyang"];

/** Russia, under each of these names the body uses. */
const russia = (body: string) =>
  entity(
    body,
    "Russia",
    "STATE",
    ["Russia", "Russian", "Moscow"].filter((f) => body.includes(f)),
  );

/** The entity with its country set (ISO code), as the entities stage gives it. */
const inCountry = (e: Entity, country: string): Entity => ({ ...e, country });

function claimsOf(body: string, extra: ReturnType<typeof entity>[] = []): Claim[] {
  const ents = [
    entity(
      body,
      "North Korea",
      "STATE",
      NK.filter((f) => body.includes(f)),
    ),
    entity(
      body,
      "United States",
      "STATE",
      ["United States", "U.S."].filter((f) => body.includes(f)),
    ),
    ...extra,
  ].filter((e) => e.mentions.length > 0);
  return extract(article(body, { outlet: "Harbor Ledger" }), ents).claims;
}

describe("claims in a statement's own voice", () => {
  it("reads a missile test named as a noun, and what 'this launch' points back to", () => {
    const body =
      "The United States strongly condemns the DPRK's ballistic missile test. This launch is a flagrant violation of multiple UN resolutions.";
    const claims = claimsOf(body);
    const test = claims.find((c) => c.type === "WEAPONS_TEST");
    assert.ok(test, JSON.stringify(claims));
    assert.equal(test.subject, "North Korea");
    const violation = claims.find((c) => c.type === "SANCTIONS_VIOLATION");
    assert.ok(violation);
    assert.equal(violation.subject, "North Korea", "'This launch' is North Korea's launch");
  });

  it("keeps a negation in another clause from denying the claim", () => {
    const body =
      "North Korea fired a ballistic missile on Friday. While U.S. commanders said it did not pose an immediate threat, this launch raises tensions in the region.";
    const launches = claimsOf(body).filter((c) => c.type === "WEAPONS_TEST");
    assert.equal(launches.length, 2);
    for (const c of launches) {
      assert.equal(c.stance, "ASSERT", c.evidence.text);
      assert.equal(c.subject, "North Korea", c.evidence.text);
    }
  });

  it("denies with 'no plans to', but not with 'does not conceal that'", () => {
    const body =
      "The government has no plans to export its rifles to anyone. The army does not conceal that its rockets are meant to retaliate against any provocation.";
    const claims = claimsOf(body);
    assert.equal(claims.find((c) => c.type === "ARMS_TRANSFER")?.stance, "DENY");
    assert.equal(claims.find((c) => c.type === "THREAT")?.stance, "ASSERT");
  });

  it("hedges what follows a condition", () => {
    const body = "If the report is accurate, then North Korea is violating UN Security Council resolutions.";
    const violation = claimsOf(body).find((c) => c.type === "SANCTIONS_VIOLATION");
    assert.equal(violation?.stance, "HEDGE");
  });
});

describe("the statement's own voice", () => {
  it("gives what 'we' urge or condemn to the outlet when no one is named to be 'we'", () => {
    const body = "We urge all countries to condemn the DPRK's ballistic missile launch.";
    const claim = claimsOf(body).find((c) => c.type === "WEAPONS_TEST");
    assert.ok(claim);
    assert.equal(claim.holder, "Harbor Ledger");
    assert.equal(claim.holderKind, "outlet");
  });
});

describe("claim types need their subject matter, not only a common verb", () => {
  it("does not read messages, local industry, campaigns or trade as arms claims", () => {
    const body =
      "Kim Jong Un sent a congratulatory message to the president of Vietnam. The plenary meeting discussed the development of local industry. The youth league launched a campaign for tree planting. The delegation agreed to promote trade and economic cooperation.";
    const types = claimsOf(body).map((c) => c.type);
    for (const t of ["ARMS_TRANSFER", "WEAPONS_DEVELOPMENT", "WEAPONS_TEST", "MILITARY_COOPERATION"])
      assert.ok(!types.includes(t), `${t} in ${types.join(", ")}`);
  });

  it("still reads arms, weapons development and tests when the sentence is about them", () => {
    const body =
      "North Korea sent artillery shells to Russia by rail. Pyongyang is developing a new solid-fuel engine for its missiles. The DPRK launched a cruise missile on Friday. The two countries agreed to expand military cooperation.";
    const types = claimsOf(body).map((c) => c.type);
    for (const t of ["ARMS_TRANSFER", "WEAPONS_DEVELOPMENT", "WEAPONS_TEST", "MILITARY_COOPERATION"])
      assert.ok(types.includes(t), `${t} in ${types.join(", ")}`);
  });

  it("reads a diplomatic contact only when it crosses a border", () => {
    const russia = (body: string) =>
      entity(
        body,
        "Russia",
        "STATE",
        ["Russia"].filter((f) => body.includes(f)),
      );
    const domestic =
      "Schoolchildren across the country visited the statues. Workers received gifts on Monday.";
    assert.ok(!claimsOf(domestic).some((c) => c.type === "DIPLOMATIC_CONTACT"));
    const abroad = "A delegation of North Korea visited Russia on Monday.";
    const contact = claimsOf(abroad, [russia(abroad)]).find((c) => c.type === "DIPLOMATIC_CONTACT");
    assert.ok(contact);
    assert.equal(contact.subject, "North Korea");
  });
});

describe("quantities", () => {
  it("reads amounts, not days of the month, times or numbers that name things", () => {
    const q = (t: string) => quantityOf(t)?.text ?? null;
    assert.equal(q("North Korea sent about 7,000 containers"), "about 7,000");
    assert.equal(q("it fired 3 missiles in May"), "3");
    assert.equal(q("on July 21 the ministry said"), null);
    assert.equal(q("on 21 July the ministry said"), null);
    assert.equal(q("on Jan. 4 in Oslo"), null);
    assert.equal(q("at 3 p.m. local time"), null);
    assert.equal(q("the launch at 11:47 in the morning"), null);
    assert.equal(q("in violation of Resolution 2397"), null);
  });
});

describe("claim lexicon terms", () => {
  it("lets a * end any word of a phrase, not only the last", () => {
    const body = "Our nuclear weapons will be used if the enemy crosses the line.";
    assert.ok(claimsOf(body).some((c) => c.type === "THREAT"));
  });
});

describe("triggers that name a trade", () => {
  it("does not read 'shipping firms' as a shipment, but still reads a shipment later in the sentence", () => {
    const designated =
      "The U.S. Treasury on Friday designated two Nakhodka-based shipping firms that it said had moved munitions to Russia.";
    const a = claimsOf(designated, [entity(designated, "US Treasury", "ORG", ["U.S. Treasury"])]);
    assert.ok(!a.some((c) => c.type === "ARMS_TRANSFER" && c.subject === "US Treasury"), JSON.stringify(a));
    assert.ok(
      a.some((c) => c.type === "SANCTIONS_ACTION" && c.subject === "US Treasury"),
      JSON.stringify(a),
    );
    const both = "Two shipping companies say North Korea shipped shells to Russia in May.";
    const b = claimsOf(both);
    assert.ok(
      b.some((c) => c.type === "ARMS_TRANSFER" && c.subject === "North Korea"),
      JSON.stringify(b),
    );
  });

  it("gives an act someone is punished for to the punished, and 'between X and Y' to X and Y", () => {
    const body =
      "The United States on Monday designated three entities for their role in arms transfers between the DPRK and Russia.";
    const ents = [entity(body, "Russia", "STATE", ["Russia"])];
    const claims = claimsOf(body, ents);
    const transfer = claims.find((c) => c.type === "ARMS_TRANSFER");
    assert.ok(transfer, JSON.stringify(claims));
    assert.equal(transfer.subject, "North Korea");
    assert.equal(transfer.object, "Russia");
    const sanction = claims.find((c) => c.type === "SANCTIONS_ACTION");
    assert.equal(sanction?.subject, "United States");
    const over = "The United States sanctioned two firms over munitions deliveries to Russia.";
    const o = claimsOf(over, [entity(over, "Russia", "STATE", ["Russia"])]).find(
      (c) => c.type === "ARMS_TRANSFER",
    );
    assert.ok(o);
    assert.notEqual(o.subject, "United States");
  });
});

describe("trigger words", () => {
  it("does not read 'important' as an import", () => {
    const body = "It is an important day for North Korea's munitions plants, state media said.";
    assert.ok(!claimsOf(body).some((c) => c.type === "ARMS_TRANSFER"), JSON.stringify(claimsOf(body)));
    const imported = "North Korea imported munitions from Belarus last year.";
    assert.ok(claimsOf(imported).some((c) => c.type === "ARMS_TRANSFER"));
  });
});

describe("trigger verbs with objects that are no event", () => {
  it("does not read remarks, updates, supply chains, campaigns or deliverables as arms deals or tests", () => {
    for (const body of [
      "North Korea's envoy will deliver remarks on missiles at the assembly.",
      "The ministry will provide an update on the munitions stockpile on Friday.",
      "North Korea's weapons supply chains rely on Chinese parts, the report said.",
      "North Korea launched a campaign against missile defence plans.",
      "The summit's deliverables include a missile defence network.",
    ]) {
      const kinds = claimsOf(body).map((c) => c.type);
      assert.ok(!kinds.includes("ARMS_TRANSFER") && !kinds.includes("WEAPONS_TEST"), `${body}: ${kinds}`);
    }
    const launched = claimsOf("North Korea launched a ballistic missile on Friday.");
    assert.ok(launched.some((c) => c.type === "WEAPONS_TEST" && c.subject === "North Korea"));
    const delivered = claimsOf("North Korea delivered rockets and missiles to Russia last year.");
    assert.ok(delivered.some((c) => c.type === "ARMS_TRANSFER" && c.subject === "North Korea"));
  });
});

describe("trigger words that name no event", () => {
  it("passes over a trigger inside an organisation's name, but reads the same word outside one", () => {
    const body =
      "A delegation of the International Alliance of Friendship Societies arrived in Pyongyang on Monday. North Korea and Russia signed a defense pact and vowed to deepen their military alliance.";
    const ents = [
      entity(body, "International Alliance of Friendship Societies", "ORG", [
        "International Alliance of Friendship Societies",
      ]),
      entity(body, "Russia", "STATE", ["Russia"]),
    ];
    const coop = claimsOf(body, ents).filter((c) => c.type === "MILITARY_COOPERATION");
    assert.equal(coop.length, 1, JSON.stringify(coop.map((c) => c.evidence.text)));
    assert.match(coop[0]?.evidence.text ?? "", /defense pact/);
  });

  it("reads no exercise in a reporter asking to 'drill down'", () => {
    const body =
      "Q Can you drill down on what the North Korean army is planning with its artillery next month? MR. KIRBY: North Korea conducted live-fire drills near the border on Tuesday.";
    const drills = claimsOf(body).filter((c) => c.type === "MILITARY_EXERCISE");
    assert.equal(drills.length, 1, JSON.stringify(drills.map((c) => c.evidence.text)));
    assert.match(drills[0]?.evidence.text ?? "", /live-fire drills/);
  });
});

describe("sanctions actions need a sanctions context", () => {
  it("reads no sanctions action in 'monitoring the situation' or a designated team, but reads a designation", () => {
    const idle =
      "MS. JEAN-PIERRE: We are closely monitoring the situation in Florida. Has he designated a negotiating team?";
    assert.equal(claimsOf(idle).filter((c) => c.type === "SANCTIONS_ACTION").length, 0);
    const real = "The United States designated two individuals who helped North Korea evade sanctions.";
    const action = claimsOf(real).find((c) => c.type === "SANCTIONS_ACTION");
    assert.equal(action?.subject, "United States");
  });
});

describe("threats need a threat of force", () => {
  it("reads no threat in job threats or in a senator's name, but reads a warning of retaliation", () => {
    const idle =
      "Politicians keep threatening teachers with losing their jobs. Q Senator Warner was just talking to my colleague.";
    const ents = [entity(idle, "Mark Warner", "PERSON", ["Senator Warner"])];
    assert.equal(claimsOf(idle, ents).filter((c) => c.type === "THREAT").length, 0);
    const real = "North Korea warned that it would retaliate against any provocation.";
    assert.equal(claimsOf(real).find((c) => c.type === "THREAT")?.subject, "North Korea");
  });
});

describe("military cooperation needs more than troops or a deployment", () => {
  it("reads none in troops alone or in deploying clean energy, but reads troops sent to another state", () => {
    const idle =
      "Israeli troops stormed a dwelling in Gaza. The two countries agreed to rapidly deploy clean energy at scale.";
    assert.equal(claimsOf(idle).filter((c) => c.type === "MILITARY_COOPERATION").length, 0);
    const real = "North Korea has deployed thousands of troops to Russia, the United States said.";
    const coop = claimsOf(real, [entity(real, "Russia", "STATE", ["Russia"])]).find(
      (c) => c.type === "MILITARY_COOPERATION",
    );
    assert.equal(coop?.subject, "North Korea");
    assert.equal(coop?.object, "Russia");
  });
});

describe("economic development is no weapons development", () => {
  it("passes over 'developed countries' and 'development finance' in a sentence about defense", () => {
    const idle =
      "Developed countries pledged development finance to the developing world at the defense ministers' meeting.";
    assert.equal(claimsOf(idle).filter((c) => c.type === "WEAPONS_DEVELOPMENT").length, 0);
    const real = "North Korea is developing a new solid-fuel missile, the defense ministry said.";
    assert.equal(claimsOf(real).find((c) => c.type === "WEAPONS_DEVELOPMENT")?.subject, "North Korea");
  });
});

describe("security cooperation is not food or energy security", () => {
  it("reads no military cooperation in cooperation on food security, but reads trilateral cooperation in security", () => {
    const idle =
      "The United States and Japan will deepen cooperation on food security and energy security across the region.";
    assert.equal(claimsOf(idle).filter((c) => c.type === "MILITARY_COOPERATION").length, 0);
    const real =
      "Japan, South Korea and the United States committed to strengthening trilateral cooperation in security.";
    assert.ok(claimsOf(real).some((c) => c.type === "MILITARY_COOPERATION"));
  });
});

describe("triggers that point back, and trade rules", () => {
  it("reads no arms deal in export controls, nor in 'the delivery of aid' after an arms deal was told", () => {
    const body =
      "North Korea shipped artillery shells to Russia. The allies will tighten export controls on military technology. They must not impede the delivery of life-saving aid.";
    const transfers = claimsOf(body).filter((c) => c.type === "ARMS_TRANSFER");
    assert.deepEqual(
      transfers.map((c) => c.evidence.text),
      ["North Korea shipped artillery shells to Russia."],
    );
  });

  it("still reads 'the shipment' as pointing back to the arms deal told before", () => {
    const body = "North Korea shipped artillery shells to Russia in August. The shipment arrived by rail.";
    assert.equal(claimsOf(body).filter((c) => c.type === "ARMS_TRANSFER").length, 2);
  });
});

describe("arms transfers need arms or military goods", () => {
  it("reads no transfer in a budget that provides money for a nuclear deterrent, but reads military aid", () => {
    const idle =
      "The budget provides $37.7 billion to maintain a strong nuclear deterrent and military readiness.";
    assert.equal(claimsOf(idle).filter((c) => c.type === "ARMS_TRANSFER").length, 0);
    const real = "The United States will provide additional military aid to Ukraine.";
    const ents = [entity(real, "Ukraine", "STATE", ["Ukraine"])];
    const transfer = claimsOf(real, ents).find((c) => c.type === "ARMS_TRANSFER");
    assert.equal(transfer?.subject, "United States");
    assert.equal(transfer?.object, "Ukraine");
  });
});

describe("sanctions violations need what sanctions protect", () => {
  it("reads none in a violation of sovereignty, human rights abuses or drug smuggling, but reads breaches of resolutions and illicit arms transfers", () => {
    const idle =
      "The drone flight was a wanton violation of the sovereignty of the DPRK. We condemn all human rights violations. The partners will fight the smuggling of illicit drugs.";
    assert.equal(claimsOf(idle).filter((c) => c.type === "SANCTIONS_VIOLATION").length, 0);
    const real =
      "This launch is a flagrant violation of multiple UN Security Council resolutions. The advisors condemned North Korea's illicit arms transfers.";
    assert.equal(claimsOf(real).filter((c) => c.type === "SANCTIONS_VIOLATION").length, 2);
  });
});

describe("datelines", () => {
  it("name the agency that files the report, not a party to the claim", () => {
    const body =
      "Pyongyang, July 28 (KCNA) -- A delegation of the DPRK Ministry of Electric Power Industry left here by air to attend talks in Moscow.";
    const ents = [entity(body, "KCNA", "ORG", ["KCNA"]), entity(body, "Russia", "STATE", ["Moscow"])];
    const contact = claimsOf(body, ents).find((c) => c.type === "DIPLOMATIC_CONTACT");
    assert.ok(contact);
    assert.notEqual(contact.subject, "KCNA");
    assert.ok(!contact.actors.includes("org:kcna"), contact.actors.join(" "));
  });
});

describe("acts of war are no weapons tests", () => {
  it("reads no test in launching an attack or a military offensive, but reads a missile launch", () => {
    const idle =
      "Russia launched a massive attack on Ukraine. Israel may launch a military offensive in Rafah.";
    const ents = [entity(idle, "Russia", "STATE", ["Russia"]), entity(idle, "Israel", "STATE", ["Israel"])];
    assert.equal(claimsOf(idle, ents).filter((c) => c.type === "WEAPONS_TEST").length, 0);
    const real = "North Korea launched a ballistic missile toward the East Sea.";
    assert.equal(claimsOf(real).find((c) => c.type === "WEAPONS_TEST")?.subject, "North Korea");
  });
});

describe("personnel changes move people", () => {
  it("reads none in promoting policies or dismissing claims, but reads a promotion and an appointment", () => {
    const idle =
      "Minister Kim said the plan will promote the people's health. The ambassador dismissed the claims as fabrication.";
    const ents = [entity(idle, "Kim Tok Hun", "PERSON", ["Minister Kim"], "male")];
    assert.equal(claimsOf(idle, ents).filter((c) => c.type === "PERSONNEL_CHANGE").length, 0);
    const real =
      "Pak Jong Chon was promoted to marshal. Choe Son Hui was appointed foreign minister of North Korea.";
    const people = [
      entity(real, "Pak Jong Chon", "PERSON", ["Pak Jong Chon"], "male"),
      entity(real, "Choe Son Hui", "PERSON", ["Choe Son Hui"], "female"),
    ];
    assert.equal(claimsOf(real, people).filter((c) => c.type === "PERSONNEL_CHANGE").length, 2);
  });
});

describe("threats are threats of force", () => {
  it("reads no threat in cyber threats, bomb threats or missile warning data, and still reads a warning of retaliation", () => {
    const body = [
      "The United States and Japan will share information about cyber threats with South Korea.",
      "The three countries will share missile warning data on North Korea in real time.",
      "Hundreds of schools in the United States received bomb threats over the weekend.",
      "Japan and India will fund research on medical countermeasures against pandemics.",
      "North Korea warned South Korea of merciless retaliation.",
    ].join(" ");
    const threats = claimsOf(body).filter((c) => c.type === "THREAT");
    assert.deepEqual(
      threats.map((c) => c.evidence.text),
      ["North Korea warned South Korea of merciless retaliation."],
    );
  });
  it("reads a warning as a threat only when it warns of a consequence", () => {
    const body = [
      "The United States has warned that Russia is seeking to buy artillery shells from North Korea.",
      "Officials passed a warning to Russian security services about a plot against concert halls.",
      "Japan warned of the spread of missile technology in the region.",
      "North Korea has already warned that it would take a necessary military measure to defend its sovereignty.",
      "Pyongyang warned Seoul that it would pay the price for the drills.",
    ].join(" ");
    const threats = claimsOf(body).filter((c) => c.type === "THREAT");
    assert.deepEqual(
      threats.map((c) => c.evidence.text),
      [
        "North Korea has already warned that it would take a necessary military measure to defend its sovereignty.",
        "Pyongyang warned Seoul that it would pay the price for the drills.",
      ],
    );
  });

  it("gives a sentence one claim of a type even when two entries of the type match it", () => {
    const body = "North Korea threatened Seoul and warned of merciless retaliation.";
    assert.equal(claimsOf(body).filter((c) => c.type === "THREAT").length, 1);
  });
});

describe("stances in a briefing room", () => {
  const stanceOf = (sentence: string, type: string) =>
    claimsOf(sentence).find((c) => c.type === type)?.stance;

  it("reads the briefing room's ways of declining, with either apostrophe", () => {
    assert.equal(
      stanceOf("I’m not going to get ahead of the summit with North Korea.", "DIPLOMATIC_CONTACT"),
      "DECLINE",
    );
    assert.equal(
      stanceOf("I'd refer you to the Pentagon on the missile launch by North Korea.", "WEAPONS_TEST"),
      "DECLINE",
    );
    assert.equal(
      stanceOf("I don’t want to get ahead of the talks with North Korea.", "DIPLOMATIC_CONTACT"),
      "DECLINE",
    );
  });

  it("does not let a decline reach past 'but' into what the speaker does say", () => {
    assert.equal(
      stanceOf(
        "I’d refer you to DOD, but the United States shipped artillery shells to Ukraine.",
        "ARMS_TRANSFER",
      ),
      "ASSERT",
    );
  });

  it("reads a negation written with a typographic apostrophe, and no denial in a question", () => {
    assert.equal(
      stanceOf("North Korea wasn’t shipping artillery shells to Russia.", "ARMS_TRANSFER"),
      "DENY",
    );
    assert.equal(
      stanceOf("Why doesn’t the United States send more artillery shells to Ukraine?", "ARMS_TRANSFER"),
      "HEDGE",
    );
  });
});

describe("declining to speak of a claim told before", () => {
  const body =
    'South Korea\'s spy agency said on Thursday that North Korea had shipped artillery shells to Russia by rail.\n\nThe Kremlin declined to comment. Asked about the report, spokesman Dmitry Peskov said: "I have nothing to say on this topic."';
  const ents = [
    entity(body, "South Korea", "STATE", ["South Korea"]),
    entity(body, "Russia", "STATE", ["Russia", "Kremlin"]),
    entity(body, "Dmitry Peskov", "PERSON", ["Dmitry Peskov"], "male"),
  ];
  const claims = claimsOf(body, ents);

  it("gives a bare 'declined to comment' the claim it follows, held by the decliner", () => {
    const declined = claims.find((c) => c.holder === "Russia");
    assert.ok(declined, JSON.stringify(claims.map((c) => [c.type, c.holder, c.stance])));
    assert.equal(declined.type, "ARMS_TRANSFER");
    assert.equal(declined.stance, "DECLINE");
    assert.equal(declined.subject, "North Korea");
    assert.match(declined.evidence.text, /declined to comment/);
  });

  it("reads 'I have nothing to say on this topic' as declining, not asserting", () => {
    const peskov = claims.filter((c) => c.holder === "Dmitry Peskov");
    assert.ok(peskov.length > 0, JSON.stringify(claims.map((c) => [c.type, c.holder, c.stance])));
    for (const c of peskov) assert.equal(c.stance, "DECLINE");
  });

  it("leaves the claim's own holder asserting it", () => {
    const told = claims.find((c) => c.holder === "South Korea");
    assert.equal(told?.stance, "ASSERT");
  });
});

describe("military personnel sent abroad", () => {
  it("reads officers sent to a front as military cooperation, hedged when only believed", () => {
    const body =
      '"North Korea is also believed to have sent about 100 military officers to the front," the lawmaker told reporters.';
    const claims = claimsOf(body);
    const c = claims.find((x) => x.type === "MILITARY_COOPERATION");
    assert.ok(c, JSON.stringify(claims));
    assert.equal(c.subject, "North Korea");
    assert.equal(c.stance, "HEDGE");
    assert.equal(c.quantity?.value, 100);
  });
});

describe("who supplies whom", () => {
  const ents = (body: string) => [
    entity(
      body,
      "Russia",
      "STATE",
      ["Russia", "Russian", "Moscow"].filter((f) => body.includes(f)),
    ),
    entity(
      body,
      "UN Security Council",
      "ORG",
      ["UN Security Council", "UN"].filter((f) => body.includes(f)),
    ),
  ];
  it("reads a verb of receiving from its supplier: the one after 'from' ships to the one before", () => {
    const body =
      "U.S. officials said North Korea's tankers had received at least 1.5 million barrels of refined petroleum from Russian vessels since late December.";
    const c = claimsOf(body, ents(body)).find((x) => x.type === "ARMS_TRANSFER");
    assert.ok(c, JSON.stringify(claimsOf(body, ents(body))));
    assert.equal(c.subject, "Russia");
    assert.equal(c.object, "North Korea");
    assert.equal(c.item, "refined petroleum");
    assert.equal(c.quantity?.value, 1_500_000);
  });

  it("takes no delivery at home for a transfer, and no rule-maker for an actor", () => {
    assert.ok(
      !claimsOf("The missile units will receive the new weapons today.").some(
        (c) => c.type === "ARMS_TRANSFER",
      ),
    );
    const body =
      "Russia continues to supply North Korea with refined petroleum beyond what is permitted by UN Security Council resolutions, in violation of UN resolutions.";
    const claims = claimsOf(body, ents(body));
    const supply = claims.find((x) => x.type === "ARMS_TRANSFER");
    assert.equal(supply?.subject, "Russia");
    for (const c of claims) assert.notEqual(c.object, "UN Security Council", JSON.stringify(c));
  });
});

describe("a doer named by 'by'", () => {
  it("is the trigger's own only a few words after it; 'the launch' still points back to its launcher", () => {
    const body =
      "North Korea fired a ballistic missile on Tuesday, Japan said. The launch came days before a visit to Seoul by U.S. Secretary of State Antony Blinken.";
    const blinken = entity(body, "Antony Blinken", "PERSON", ["Antony Blinken"], "male");
    const claims = claimsOf(body, [blinken, entity(body, "Japan", "STATE", ["Japan"])]);
    const tests = claims.filter((c) => c.type === "WEAPONS_TEST");
    assert.ok(tests.length >= 2, JSON.stringify(claims));
    for (const t of tests) {
      assert.equal(t.subject, "North Korea", JSON.stringify(t));
      assert.notEqual(t.object, "Antony Blinken");
    }
    const visit = claims.find((c) => c.type === "DIPLOMATIC_CONTACT");
    assert.notEqual(visit?.subject, "North Korea");
  });

  it("reads 'did not immediately report' as declining, not denying", () => {
    const body =
      "North Korea fired a missile on Tuesday. North Korea's state media did not immediately report the launch.";
    const claims = claimsOf(body);
    assert.ok(!claims.some((c) => c.stance === "DENY"), JSON.stringify(claims));
  });
});

describe("a state firing another state's weapons", () => {
  it("is evidence of a transfer from the maker to the user, not a test of its own", () => {
    const body =
      "Ukraine's military intelligence said on Sunday that Russia had fired at least 20 North Korean KN-23 ballistic missiles at Ukrainian cities since December.";
    const ents = [
      entity(body, "Ukraine", "STATE", ["Ukraine", "Ukrainian"]),
      entity(body, "Russia", "STATE", ["Russia"]),
      { ...entity(body, "North Korea", "STATE", ["North Korean"]), key: "state:KP" },
    ];
    ents[2] = {
      ...(ents[2] as Entity),
      mentions: (ents[2] as Entity).mentions.map((m) => ({ ...m, via: "demonym" as const })),
    };
    const claims = extract(article(body), ents).claims;
    const c = claims.find((x) => x.type === "ARMS_TRANSFER");
    assert.ok(c, JSON.stringify(claims.map((x) => [x.type, x.subject, x.object])));
    assert.equal(c.subject, "North Korea");
    assert.equal(c.object, "Russia");
    assert.equal(c.quantity?.value, 20);
    assert.ok(!claims.some((x) => x.type === "WEAPONS_TEST" && x.subject === "Russia"));
  });

  it("leaves a state's test of its own missiles a test", () => {
    const body =
      "North Korea fired two North Korean-made ballistic missiles into the sea on Tuesday, Japan said.";
    const claims = claimsOf(body, [entity(body, "Japan", "STATE", ["Japan"])]);
    assert.ok(
      claims.some((x) => x.type === "WEAPONS_TEST" && x.subject === "North Korea"),
      JSON.stringify(claims),
    );
  });
});

describe("measures, acknowledgements and a speaker's own acts", () => {
  it("takes no calibre or range for a quantity, and names the launchers", () => {
    const body =
      "The source added that North Korea could also provide Russia more 240 mm multiple rocket launchers.";
    const ru = entity(body, "Russia", "STATE", ["Russia"]);
    const c = claimsOf(body, [ru]).find((x) => x.type === "ARMS_TRANSFER");
    assert.ok(c);
    assert.equal(c.quantity, null);
    assert.equal(c.item, "multiple rocket launchers");
  });

  it("reads 'has not officially acknowledged sending troops' as the speaker declining about its own act", () => {
    const body = "North Korea has not officially acknowledged sending troops to Russia.";
    const ru = entity(body, "Russia", "STATE", ["Russia"]);
    const c = claimsOf(body, [ru]).find((x) => x.type === "MILITARY_COOPERATION");
    assert.ok(c, JSON.stringify(claimsOf(body, [ru])));
    assert.equal(c.stance, "DECLINE");
    assert.equal(c.holder, "North Korea");
    assert.equal(c.subject, "North Korea");
  });
});

describe("wire copy: denials, dismissals, declines and troop deployments", () => {
  const UN = (body: string) => entity(body, "United Nations", "ORG", ["U.N."]);

  it("reads 'Moscow denied violating U.N. sanctions' as Russia's own violation denied, and no sanctions action", () => {
    const body =
      "Moscow has repeatedly denied violating U.N. sanctions, which cap North Korea's imports of refined petroleum.";
    const claims = claimsOf(body, [russia(body), UN(body)]);
    const v = claims.find((c) => c.type === "SANCTIONS_VIOLATION");
    assert.ok(v, JSON.stringify(claims));
    assert.equal(v.subject, "Russia");
    assert.equal(v.stance, "DENY");
    assert.equal(claims.filter((c) => c.type === "SANCTIONS_ACTION").length, 0);
  });

  it("types troops sent as military cooperation, the same type as troops deployed", () => {
    const body =
      "Pyongyang sent a fresh contingent of roughly 3,000 troops to Russia in late November, the agency said. North Korea has deployed about 11,000 soldiers to Russia, the United States said.";
    const claims = claimsOf(body, [russia(body)]);
    assert.equal(claims.filter((c) => c.type === "ARMS_TRANSFER").length, 0, JSON.stringify(claims));
    const coop = claims.filter((c) => c.type === "MILITARY_COOPERATION");
    assert.equal(coop.length, 2);
    assert.equal(coop[0]?.item, "troops");
    assert.ok(coop.every((c) => c.subject === "North Korea"));
  });

  it("reads 'called the reports a smear campaign' as the speaker denying the claim before it", () => {
    const body =
      "North Korea has sent about 11,000 troops to Russia, the United States said on Monday. In a commentary, Pyongyang called the reports “a smear campaign” by Washington.";
    const claims = claimsOf(body, [russia(body)]);
    const denied = claims.find((c) => c.holder === "North Korea" && c.stance === "DENY");
    assert.ok(denied, JSON.stringify(claims.map((c) => [c.type, c.holder, c.stance])));
    assert.equal(denied.type, "MILITARY_COOPERATION");
    const western =
      "North Korea has sent about 11,000 troops to Russia, the United States said on Monday. The Kremlin dismissed Western claims about North Korean soldiers as lies.";
    const kremlin = entity(western, "Russia", "STATE", ["Russia", "The Kremlin"]);
    assert.ok(
      claimsOf(western, [kremlin]).some((c) => c.holder === "Russia" && c.stance === "DENY"),
      "'dismissed Western claims' throws out the report",
    );
    // "false maritime claims" throws out no report.
    const idle = "China pursues false maritime claims in the South China Sea, the United States said.";
    assert.ok(!claimsOf(idle).some((c) => c.stance === "DENY"));
  });

  it("reads 'has not officially confirmed' as declining, and 'did not respond to a request for comment' as the subject declining", () => {
    const body =
      "North Korea received 1 million barrels of oil from Russia, the United States said. Russia's foreign ministry did not respond to a request for comment. North Korea has not officially confirmed the deliveries of oil.";
    const claims = claimsOf(body, [russia(body)]);
    const ru = claims.find((c) => c.holder === "Russia");
    assert.ok(ru, JSON.stringify(claims.map((c) => [c.type, c.holder, c.stance])));
    assert.equal(ru.stance, "DECLINE");
    assert.equal(ru.type, "ARMS_TRANSFER");
    const nk = claims.find((c) => c.holder === "North Korea");
    assert.equal(nk?.stance, "DECLINE");
  });
});

describe("wire copy: who tests, what counts and who holds", () => {
  it("gives a test the leader oversaw to his state", () => {
    const body = "State media said leader Kim Jong Un oversaw the test of a new solid-fuel ICBM.";
    const kim = inCountry(entity(body, "Kim Jong Un", "PERSON", ["Kim Jong Un"], "male", ["leader"]), "KP");
    const nk = inCountry(entity(body, "North Korea", "STATE", ["North Korea"]), "KP");
    const c = extract(article(body), [kim, nk]).claims.find((x) => x.type === "WEAPONS_TEST");
    assert.ok(c);
    assert.equal(c.subject, "North Korea");
  });

  it("counts no years of oversight as a quantity", () => {
    assert.equal(quantityOf("vetoed the panel's mandate, ending 15 years of independent oversight"), null);
    assert.equal(quantityOf("a 30-day ban on exports"), null);
    assert.equal(quantityOf("sent 3,000 troops for two years")?.value, 3000);
  });

  it("leaves a launch to the outlet when an accusation follows in a clause of time", () => {
    const body =
      "The launch came a day after the United States accused North Korea of sending troops to Russia.";
    const claims = claimsOf(body, [russia(body)]);
    const test = claims.find((c) => c.type === "WEAPONS_TEST");
    assert.ok(test, JSON.stringify(claims));
    assert.equal(test.holder, "Harbor Ledger");
    assert.equal(test.object, null);
    const coop = claims.find((c) => c.type === "MILITARY_COOPERATION");
    assert.equal(coop?.holder, "United States");
  });
});

describe("wire copy: meetings, items and what a modal hedges", () => {
  it("reads 'Choe met Lavrov in Moscow' as a contact, and a party plenum as none", () => {
    const body =
      "North Korea's foreign minister met Russian Foreign Minister Sergei Lavrov in Moscow last week. North Korea will convene a plenary meeting of its ruling Workers' Party, South Korea's foreign ministry said.";
    const ents = [
      inCountry(entity(body, "North Korea", "STATE", ["North Korea"]), "KP"),
      inCountry(entity(body, "Workers' Party of Korea", "ORG", ["Workers' Party"]), "KP"),
      inCountry(russia(body), "RU"),
      inCountry(entity(body, "South Korea", "STATE", ["South Korea"]), "KR"),
    ];
    const claims = extract(article(body), ents).claims.filter((c) => c.type === "DIPLOMATIC_CONTACT");
    assert.equal(claims.length, 1, JSON.stringify(claims));
    assert.equal(claims[0]?.object, "Russia");
  });

  it("names plural missiles as the item, and lets 'and may' hedge only the second act", () => {
    const body =
      "North Korea had test-fired two short-range ballistic missiles on Friday and may launch a reconnaissance satellite later this month, an official said.";
    const c = claimsOf(body).find((x) => x.type === "WEAPONS_TEST");
    assert.ok(c);
    assert.equal(c.item, "ballistic missiles");
    assert.equal(c.stance, "ASSERT");
  });
});

describe("a trigger that points back finds its event only a few sentences back", () => {
  it("reads 'that meeting' right after a summit as the summit, but not after a briefing has moved on", () => {
    const summit =
      "The leaders of North Korea and Russia held a summit in Pyongyang on Tuesday, the United States said.";
    const near = `${summit} That meeting lasted four hours.`;
    const filler = Array.from({ length: 8 }, (_, k) => `The committee discussed budget item ${k + 2}.`).join(
      " ",
    );
    const far = `${summit} ${filler} That meeting lasted four hours.`;
    const contactsIn = (body: string) =>
      claimsOf(body, [russia(body)]).filter(
        (c) => c.type === "DIPLOMATIC_CONTACT" && c.evidence.text.startsWith("That meeting"),
      );
    assert.equal(contactsIn(near).length, 1);
    assert.equal(contactsIn(far).length, 0);
  });
});

describe("a supposed act", () => {
  it("hedges 'the transfers, if confirmed, could violate …'", () => {
    const body =
      "Experts said the arms transfers from North Korea to Iran, if confirmed, could violate U.N. Security Council resolutions.";
    const claims = claimsOf(body, [entity(body, "Iran", "STATE", ["Iran"])]);
    const t = claims.find((c) => c.type === "ARMS_TRANSFER");
    assert.ok(t, JSON.stringify(claims));
    assert.equal(t.stance, "HEDGE");
  });
});

describe("what only raises suspicions", () => {
  it("hedges what only raises suspicions", () => {
    const body =
      "A South Korean official said the drones were modeled on Russian designs, raising suspicions that Russia had provided drone technology to North Korea.";
    const claims = claimsOf(body, [russia(body)]);
    const t = claims.find((c) => c.type === "ARMS_TRANSFER");
    assert.ok(t, JSON.stringify(claims));
    assert.equal(t.stance, "HEDGE");
  });
});

describe("an attack that only qualifies a weapon", () => {
  it("reads 'the test of new attack drones' as a test, but 'launched an attack on the city' as none", () => {
    const test = "North Korea conducted the test of new attack drones on Saturday, state media said.";
    assert.ok(
      claimsOf(test).some((c) => c.type === "WEAPONS_TEST"),
      JSON.stringify(claimsOf(test)),
    );
    const attack = "North Korea launched an attack on the island with artillery, the military said.";
    assert.ok(!claimsOf(attack).some((c) => c.type === "WEAPONS_TEST"));
  });
});
