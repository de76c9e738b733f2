import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Article } from "../../types.js";
import { personKey, recognizeEntities } from "./index.js";

function article(body: string): Article {
  return {
    id: "t",
    source: "test",
    url: null,
    title: "",
    section: null,
    published: null,
    publishedFrom: "none",
    outlet: null,
    claimedSource: null,
    dateline: null,
    byline: null,
    language: "en",
    body,
    removed: [],
  };
}

const byKey = (body: string) => new Map(recognizeEntities(article(body)).map((e) => [e.key, e]));

describe("recognizeEntities", () => {
  it("reads the North's full name with a typographic apostrophe as North Korea, not the South", () => {
    const e = byKey(
      "Kim Jong Un, president of the State Affairs of the Democratic People’s Republic of Korea, received a delegation.",
    );
    assert.ok(e.has("state:KP"), [...e.keys()].join(", "));
    assert.ok(!e.has("state:KR"), "“Republic of Korea” inside the North's name is not South Korea");
  });

  it("reads 'The North' and 'The Kremlin' opening a sentence as the states, but not 'The North Atlantic'", () => {
    const body =
      "Seoul said shells went by rail. The North denied it. The Kremlin declined to comment. The North Atlantic alliance met.";
    const e = byKey(body);
    const nk = e.get("state:KP");
    assert.ok(nk, [...e.keys()].join(", "));
    assert.deepEqual(
      nk.mentions.map((m) => m.text),
      ["The North"],
    );
    assert.ok(e.get("state:RU")?.mentions.some((m) => m.text === "The Kremlin"));
  });

  it("finds an unseen person after a role set off by commas, after a verb of saying, and a given name in -i or -an", () => {
    const people = (body: string) =>
      recognizeEntities(article(body))
        .filter((e) => e.type === "PERSON")
        .map((e) => [e.name, e.roles[0] ?? null]);
    assert.deepEqual(
      people(
        "“We cannot let it disappear,” Japan's ambassador to the UN, Kazuyuki Yamazaki, told reporters.",
      ),
      [["Kazuyuki Yamazaki", "Japan's ambassador to the UN"]],
    );
    assert.deepEqual(people("“It could take months,” said Jenny Town of the Stimson Center."), [
      ["Jenny Town", null],
    ]);
    assert.deepEqual(people("Brian Hook, a former envoy, said the talks stalled."), [
      ["Brian Hook", "former envoy"],
    ]);
    // A title still opens with its demonym, and what follows "according to" must look like a person.
    assert.deepEqual(people("Iraqi Foreign Minister Fuad Hussein said the border was closed."), [
      ["Fuad Hussein", "Iraqi Foreign Minister"],
    ]);
    assert.deepEqual(people("The bill passed, according to House Democrats."), []);
  });

  it("joins spelling variants of one person under one canonical name", () => {
    const e = byKey("Kim Jong-un met officials. Later Kim Jong Un spoke, and Kim Jong-Un left.").get(
      "person:kim-jong-un",
    );
    assert.ok(e);
    assert.equal(e.name, "Kim Jong Un");
    assert.equal(e.mentions.length, 3);
    assert.deepEqual(new Set(e.aliases), new Set(["Kim Jong Un", "Kim Jong-un", "Kim Jong-Un"]));
  });

  it("reads a capital as its government when it acts, and as a place after 'in'", () => {
    const m = byKey("Pyongyang denied the report. Officials gathered at a trade fair in Pyongyang.");
    assert.equal(m.get("state:KP")?.mentions.length, 1);
    assert.equal(m.get("place:pyongyang")?.mentions.length, 1);
  });

  it("treats both ends of 'from <capital> to <capital>' as acting states", () => {
    const m = byKey("The report described rail deliveries from Pyongyang to Moscow last year.");
    assert.equal(m.get("state:KP")?.mentions[0]?.text, "Pyongyang");
    assert.equal(m.get("state:RU")?.mentions[0]?.text, "Moscow");
  });

  it("finds an unseen person from an apposition and keeps the role", () => {
    const m = byKey(
      "Park Min-soo, a foreign ministry spokesman, said talks had stalled. Park added nothing more.",
    );
    const e = m.get("person:pak-min-su");
    assert.ok(e, [...m.keys()].join(","));
    assert.deepEqual(e.roles, ["foreign ministry spokesman"]);
    assert.equal(e.mentions.length, 2, "the bare surname resolves to the full name");
  });

  it("finds people whose names carry accents, whole", () => {
    const m = byKey(
      "President Recep Tayyip Erdoğan met U.N. Secretary General António Guterres in Ankara on Monday.",
    );
    const names = [...m.values()].filter((e) => e.type === "PERSON").map((e) => e.name);
    assert.ok(names.includes("Recep Tayyip Erdoğan"), names.join(", "));
    assert.ok(names.includes("António Guterres"), names.join(", "));
  });

  it("never merges two different people who share a family name", () => {
    const m = byKey(
      "Kim Yo Jong issued a statement. Kim Tok Hun, the premier, visited a farm. Kim praised the harvest.",
    );
    const sister = m.get("person:kim-yo-jong");
    const premier = m.get("person:kim-tok-hun");
    assert.ok(sister && premier);
    assert.equal(sister.mentions.length, 1);
    assert.equal(premier.mentions.length, 2, "the bare 'Kim' goes to the nearest earlier Kim");
  });

  it("takes a role written before a known name and a gender from the gazetteer", () => {
    const e = byKey("Russian Defense Minister Sergei Shoigu arrived. Shoygu later left.").get(
      "person:sergei-shoigu",
    );
    assert.ok(e);
    assert.equal(e.mentions.length, 2);
    assert.ok(e.roles.includes("Russian Defense Minister"));
    assert.equal(e.gender, "male");
  });

  it("does not make entities of months, weekdays or sentence openers", () => {
    const names = recognizeEntities(
      article("On Tuesday the drills began. In April nothing happened. Experts disagree."),
    ).map((e) => e.name);
    assert.deepEqual(names, []);
  });

  it("gives offsets that point at the mention text", () => {
    const body = "Seoul said the DPRK fired a Hwasong-19 during Freedom Shield.";
    for (const e of recognizeEntities(article(body))) {
      for (const m of e.mentions) assert.equal(body.slice(m.start, m.end), m.text);
    }
    const keys = recognizeEntities(article(body)).map((e) => e.key);
    assert.ok(
      keys.includes("weapon:hwasong-19") &&
        keys.includes("event:freedom-shield") &&
        keys.includes("state:KR"),
    );
  });
});

describe("names across spellings", () => {
  it("gives one key to hyphen, space, case and romanisation variants of an unseen Korean name", () => {
    const keys = [
      "Officials said Pak Jong-chon, a party secretary, attended.",
      "Accompanying him was Pak Jong Chon, vice-chairman of the commission.",
      "Park Jong-chon, a senior official, was seen again.",
    ].map((body) => [...byKey(body).keys()].find((k) => k.startsWith("person:")));
    assert.deepEqual(keys, ["person:pak-jong-chon", "person:pak-jong-chon", "person:pak-jong-chon"]);
    // Voicing written both ways in one outlet ("Kim Chol Pom" / "Kim Chol Bom") is one person.
    const a = byKey("Kim Chol Pom, chairman of the provincial committee, spoke.");
    const b = byKey("Kim Chol Bom, chairman of the provincial committee, spoke.");
    assert.ok(a.has("person:kim-chol-pom") && b.has("person:kim-chol-pom"));
  });

  it("keeps every syllable, so names that differ in one syllable stay apart", () => {
    const m = byKey(
      "Present were Kim Son Gyong, a vice-minister, and Kim Song Yong, a department director. Kim Chun Gil and Kim Chung Il spoke.",
    );
    const people = [...m.values()].filter((e) => e.type === "PERSON").map((e) => e.key);
    assert.deepEqual(people.sort(), [
      "person:kim-chun-kil",
      "person:kim-chung-il",
      "person:kim-son-kyong",
      "person:kim-song-yong",
    ]);
  });

  it("joins an unseen spelling of a gazetteer person to the gazetteer entry, and says how", () => {
    const e = byKey("Choi Son-hui, the foreign minister, met the envoy.").get("person:choe-son-hui");
    assert.ok(e);
    assert.equal(e.name, "Choe Son Hui");
    assert.equal(e.mentions[0]?.via, "variant");
  });

  it("reads a leader's name glued to its neighbours by a scraper", () => {
    const body =
      "The respected ComradeKim Jong Unsaid that the statues of PresidentKim Il Sungand ChairmanKim Jong Ilon the hill stand.";
    const m = byKey(body);
    assert.equal(m.get("person:kim-jong-un")?.mentions[0]?.text, "Kim Jong Un");
    assert.equal(m.get("person:kim-il-sung")?.mentions.length, 1);
    assert.equal(m.get("person:kim-jong-il")?.mentions.length, 1);
    for (const e of m.values()) for (const x of e.mentions) assert.equal(body.slice(x.start, x.end), x.text);
    // The title before a glued name is its own, never the previous name ("…Sungand Chairman").
    assert.deepEqual(m.get("person:kim-jong-il")?.roles, ["Chairman"]);
    // A name written as one word inside another word is not the person: "Kimilsungia" is a flower.
    assert.equal(byKey("They grew Kimilsungia in the greenhouse.").get("person:kim-il-sung"), undefined);
  });

  it("keeps abbreviations inside a role ('secretary of the C.C., WPK')", () => {
    const e = byKey("He was accompanied by Jo Chun Ryong, secretary of the C.C., WPK, and others.").get(
      "person:jo-chun-ryong",
    );
    assert.deepEqual(e?.roles, ["secretary of the C.C."]);
  });

  it("does not take a person's name inside an institution's name as the person", () => {
    const m = byKey(
      "Students of Kim Il Sung University met at Kim Il Sung Square near the Kim Jong Suk Textile Mill.",
    );
    assert.equal(m.get("person:kim-il-sung"), undefined);
    assert.equal(m.get("person:kim-jong-suk"), undefined);
    assert.equal(m.get("org:kim-il-sung-university")?.type, "ORG");
    assert.equal(m.get("place:kim-il-sung-square")?.type, "PLACE");
  });

  it("finds names joined by 'and', titles before each, and short names in a list of names", () => {
    const m = byKey(
      "Attending were Choe Hung Jo and Kim Yong Hak, secretaries of the committee. Manager Ri Hwang and Deputy Manager Ri Kil came. He laid flowers at the busts of Choe Chun Guk, Kang Kon, Kim Chaek and Ryu Kyong Su.",
    );
    for (const key of [
      "person:choe-hung-jo",
      "person:kim-yong-hak",
      "person:ri-hwang",
      "person:ri-kil",
      "person:choe-chun-kuk",
      "person:kang-kon",
      "person:kim-chaek",
      "person:ryu-kyong-su",
    ])
      assert.equal(m.get(key)?.type, "PERSON", key);
  });

  it("does not make people of capitalised phrases shaped like names", () => {
    const m = byKey(
      "The Heavy Machine Complex and the Anju Pump Factory met the Juche Idea study group in the Czech Republic.",
    );
    assert.deepEqual(
      [...m.values()].filter((e) => e.type === "PERSON").map((e) => e.name),
      [],
    );
  });

  it("never reads a family name that starts a longer name as a bare surname", () => {
    const m = byKey("Kim Tok Hun, the premier, spoke. Students of Kim Chaek University listened. Kim left.");
    const premier = m.get("person:kim-tok-hun");
    assert.deepEqual(
      premier?.mentions.map((x) => x.text),
      ["Kim Tok Hun", "Kim"],
    );
  });

  it("finds a vessel after 'tanker' with the IMO number the article gives", () => {
    const e = byKey("The tanker Sea Lark (IMO 1234567) loaded oil at sea.").get("vessel:sea-lark");
    assert.equal(e?.type, "VESSEL");
    assert.equal(e?.imo, "1234567");
  });
});

describe("aliases, honorifics, possessives, acronyms and metonyms", () => {
  it("ties each form to its canonical entity and says how", () => {
    const body =
      "The DPRK said the ROK and Washington were lying. KCNA quoted Comrade Kim Jong Un. Putin's envoy met Mr. Koo Byoung-sam; Mr. Koo said little. " +
      "The Kremlin and the Blue House stayed silent while Moscow and Seoul consulted the UNSC. Kim Jong Un's sister spoke.";
    const m = byKey(body);
    const via = (key: string) => m.get(key)?.mentions.map((x) => [x.text, x.via]);
    assert.deepEqual(via("state:KP"), [["DPRK", "alias"]]);
    assert.deepEqual(via("state:KR"), [
      ["ROK", "alias"],
      ["Blue House", "metonym"],
      ["Seoul", "metonym"],
    ]);
    assert.deepEqual(via("state:US"), [["Washington", "metonym"]]);
    assert.deepEqual(via("state:RU"), [
      ["The Kremlin", "metonym"],
      ["Moscow", "metonym"],
    ]);
    assert.deepEqual(via("org:kcna"), [["KCNA", "name"]]);
    assert.deepEqual(via("org:unsc"), [["UNSC", "alias"]]);
    assert.deepEqual(via("person:kim-jong-un"), [
      ["Kim Jong Un", "name"],
      ["Kim Jong Un", "name"],
    ]);
    assert.deepEqual(via("person:vladimir-putin"), [["Putin", "alias"]]);
    assert.deepEqual(via("person:ku-pyong-sam"), [
      ["Koo Byoung-sam", "context"],
      ["Koo", "surname"],
    ]);
    assert.equal(m.get("person:ku-pyong-sam")?.gender, "male");
  });
});

describe("titles in Western reporting", () => {
  it("keeps titles, portfolios and places out of the name and keeps them as the role", () => {
    const m = byKey(
      "Chief of Staff Jeff Zients said it. Secretary of Transportation Pete Buttigieg agreed, and Kentucky Governor Andy Beshear spoke at the Press Briefing Room.",
    );
    assert.deepEqual(m.get("person:jeff-zients")?.roles, ["Chief of Staff"]);
    assert.ok(m.get("person:pete-buttigieg"));
    assert.deepEqual(m.get("person:andy-beshear")?.roles, ["Kentucky Governor"]);
    const people = [...m.values()].filter((e) => e.type === "PERSON").map((e) => e.key);
    assert.deepEqual(people.sort(), ["person:andy-beshear", "person:jeff-zients", "person:pete-buttigieg"]);
  });
});

describe("ships and seas in maritime reporting", () => {
  it("reads 'a North Korea-flagged tanker, the Yu Jong 2,' as a vessel, and no China in the East China Sea", () => {
    const m = byKey(
      "Japan said its navy spotted a North Korea-flagged tanker, the Yu Jong 2, alongside another vessel in the East China Sea. A second ship sailed in the Sea of Japan. The tanker, the ministry said, had turned off its transponder.",
    );
    assert.equal(m.get("vessel:yu-jong-2")?.type, "VESSEL");
    assert.equal(m.get("state:CN"), undefined);
    assert.ok((m.get("state:JP")?.mentions ?? []).every((x) => !/Sea of/.test(x.text)));
    assert.equal(m.get("state:JP")?.mentions.length, 1);
    const vessels = [...m.values()].filter((e) => e.type === "VESSEL").map((e) => e.name);
    assert.deepEqual(vessels, ["Yu Jong 2"]);
  });

  it("keeps the compass word of a place's name: North and South Phyongan are two provinces", () => {
    const m = byKey(
      "Ships met in the East China Sea, then in the South China Sea. Farms in North Phyongan Province and South Phyongan Province reported a good harvest.",
    );
    const places = [...m.values()].filter((e) => e.type === "PLACE").map((e) => e.name);
    assert.deepEqual(places.sort(), [
      "East China Sea",
      "North Phyongan Province",
      "South China Sea",
      "South Phyongan Province",
    ]);
  });
});

describe("titles written in lower case before a name", () => {
  it("reads 'Kremlin spokesman Anton Belov' as a person with that role, but not a nomination's 'vice'", () => {
    const m = byKey(
      "Kremlin spokesman Anton Belov declined to comment. White House press secretary Laura Brandt said talks would go on. The nominee will serve as Assistant Secretary, vice Joe Leonard, resigned.",
    );
    assert.deepEqual(m.get("person:anton-belov")?.roles, ["Kremlin spokesman"]);
    assert.deepEqual(m.get("person:laura-brandt")?.roles, ["White House press secretary"]);
    // "vice" there means "in place of": no title, and nothing else makes Joe Leonard a person.
    assert.equal(m.get("person:joe-leonard"), undefined);
  });
});

describe("kinship descriptors", () => {
  it("ties 'the influential sister of the leader Kim Jong Un' to Kim Yo Jong when she is named", () => {
    const body =
      "The influential sister of the leader Kim Jong Un mocked the drills on Monday. Kim Yo Jong said the allies would regret it.";
    const e = byKey(body);
    const sister = e.get("person:kim-yo-jong");
    assert.ok(sister);
    const described = sister.mentions.find((m) => m.via === "description");
    assert.equal(described?.text, "The influential sister of the leader Kim Jong Un");
    // The brother is still his own entity.
    assert.equal(e.get("person:kim-jong-un")?.mentions.length, 1);
  });

  it("does not invent the relative when the article never names her", () => {
    const e = byKey("The younger sister of the leader Kim Jong Un was not seen at the parade.");
    assert.equal(e.get("person:kim-yo-jong"), undefined);
  });
});

describe("person keys across transliterations", () => {
  it("folds Russian oy/oi wherever it stands before a consonant or ends the name", () => {
    assert.equal(personKey("Viktor Boyko"), personKey("Viktor Boiko"));
    assert.equal(personKey("Lev Tolstoy"), personKey("Lev Tolstoi"));
    assert.notEqual(personKey("Anna Boyarova"), personKey("Anna Boiarova"));
  });
});
