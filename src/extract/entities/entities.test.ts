import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Article } from "../../types.js";
import { recognizeEntities } from "./index.js";

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
    const m = byKey("The report described arms shipments from Pyongyang to Moscow last year.");
    assert.equal(m.get("state:KP")?.mentions[0]?.text, "Pyongyang");
    assert.equal(m.get("state:RU")?.mentions[0]?.text, "Moscow");
  });

  it("finds an unseen person from an apposition and keeps the role", () => {
    const m = byKey(
      "Park Min-soo, a foreign ministry spokesman, said talks had stalled. Park added nothing more.",
    );
    const e = m.get("person:parkminsoo");
    assert.ok(e, [...m.keys()].join(","));
    assert.deepEqual(e.roles, ["foreign ministry spokesman"]);
    assert.equal(e.mentions.length, 2, "the bare surname resolves to the full name");
  });

  it("never merges two different people who share a family name", () => {
    const m = byKey(
      "Kim Yo Jong issued a statement. Kim Tok Hun, the premier, visited a farm. Kim praised the harvest.",
    );
    const sister = m.get("person:kim-yo-jong");
    const premier = m.get("person:kimtokhun");
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
