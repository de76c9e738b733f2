import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Entity, SanctionsList } from "../types.js";
import { LIST_XML as XML } from "./fixtures.js";
import {
  buildSanctionsIndex,
  diffSanctionsLists,
  linkEntities,
  matchEntity,
  nameSimilarity,
  parseSanctionsXml,
  vesselsInComment,
} from "./index.js";

function entity(name: string, type: Entity["type"], extra: Partial<Entity> = {}): Entity {
  return {
    id: name,
    name,
    type,
    aliases: [name],
    mentions: [],
    roles: [],
    gender: "unknown",
    key: `x:${name}`,
    ...extra,
  };
}

describe("parseSanctionsXml", () => {
  const list = parseSanctionsXml(XML, "fixture.xml");

  it("reads persons with trimmed references, aliases, nationality and birth dates", () => {
    const pak = list.entries.find((e) => e.reference === "KPi.901");
    assert.ok(pak);
    assert.equal(pak.name, "PAK SONG CHOL");
    assert.deepEqual(pak.aliases, ["Pak Song-chol"]);
    assert.deepEqual(pak.nationality, ["Democratic People's Republic of Korea"]);
    assert.deepEqual(pak.birthDates, ["1961-02-03"]);
    assert.equal(pak.listedOn, "2029-05-01");
    assert.equal(list.generated, "2030-01-02T03:04:05.000Z");
    assert.deepEqual(list.entries.find((e) => e.reference === "KPi.902")?.aliases, []);
  });

  it("derives vessels from the comments of shipping entities, and the company IMO", () => {
    const company = list.entries.find((e) => e.reference === "KPe.901");
    assert.equal(company?.imo, "1234567");
    const vessels = list.entries.filter((e) => e.kind === "vessel").map((e) => e.name);
    assert.deepEqual(vessels, ["Sea Lark", "Morning Tide", "Red Pine 7"]);
    assert.equal(list.entries.find((e) => e.name === "Sea Lark")?.reference, "KPe.901/vessel/Sea Lark");
  });

  it("rejects documents that are not a consolidated list, with a code and a hint", () => {
    assert.throws(
      () => parseSanctionsXml("<rss><channel/></rss>", "feed.xml"),
      (e: unknown) => (e as { code?: string }).code === "SANCTIONS_XML_INVALID",
    );
  });

  it("does not expand entities declared in a DTD", () => {
    const evil = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY boom "EXPANDED">]><CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&boom;</FIRST_NAME><REFERENCE_NUMBER>Z.1</REFERENCE_NUMBER></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>`;
    const parsed = parseSanctionsXml(evil, "evil.xml");
    assert.ok(!parsed.entries.some((e) => e.name.includes("EXPANDED")));
  });
});

describe("vesselsInComment", () => {
  it("finds a single named vessel", () => {
    assert.deepEqual(vesselsInComment("It is the manager of the vessel Blue Heron. It also did X."), [
      "Blue Heron",
    ]);
  });
});

describe("diffSanctionsLists", () => {
  it("reports added, removed and changed references", () => {
    const before = parseSanctionsXml(XML, "a.xml");
    const after: SanctionsList = {
      ...before,
      entries: before.entries
        .filter((e) => e.reference !== "KPi.902")
        .map((e) => (e.reference === "KPi.901" ? { ...e, aliases: [...e.aliases, "Pak Songchol"] } : e))
        .concat([{ ...before.entries[0]!, reference: "KPi.903", name: "NEW PERSON" }]),
    };
    const diff = diffSanctionsLists(before, after);
    assert.deepEqual(
      diff.added.map((e) => e.reference),
      ["KPi.903"],
    );
    assert.deepEqual(
      diff.removed.map((e) => e.reference),
      ["KPi.902"],
    );
    assert.deepEqual(diff.changed, [{ reference: "KPi.901", name: "PAK SONG CHOL", fields: ["aliases"] }]);
  });
});

describe("matching", () => {
  const index = buildSanctionsIndex(parseSanctionsXml(XML, "fixture.xml"));

  it("folds hyphens, case, word order and romanisation variants", () => {
    assert.equal(nameSimilarity("Pak Song-chol", "PAK SONG CHOL"), 1);
    assert.equal(nameSimilarity("Song Chol Park", "PAK SONG CHOL"), 1);
    assert.ok(nameSimilarity("Ri Myong Su", "Ri Yong Ho") < 0.8);
  });

  it("links a designated person named in another spelling, with a feature breakdown", () => {
    const links = matchEntity(entity("Park Song-chol", "PERSON", { country: "KP" }), index);
    assert.equal(links[0]?.reference, "KPi.901");
    assert.equal(links[0]?.features.type, 1);
    assert.equal(links[0]?.features.country, 1);
  });

  it("finds a designated entity by the acronym in its listed name", () => {
    const list = parseSanctionsXml(
      XML.replace("SEAGULL HORIZON TRADING COMPANY", "SEAGULL HORIZON TRADING COMPANY (SHTC)"),
      "x",
    );
    assert.equal(matchEntity(entity("SHTC", "ORG"), buildSanctionsIndex(list))[0]?.reference, "KPe.901");
  });

  it("finds a designated entity mentioned under its alias", () => {
    const links = matchEntity(entity("Kalmaegi Trading Corp.", "ORG"), index);
    assert.equal(links[0]?.reference, "KPe.901");
    assert.equal(links[0]?.features.alias, 1);
  });

  it("links a vessel named in the comments", () => {
    assert.equal(
      matchEntity(entity("Morning Tide", "VESSEL"), index)[0]?.reference,
      "KPe.901/vessel/Morning Tide",
    );
  });

  it("keeps non-designated and too-short names below the threshold", () => {
    assert.deepEqual(matchEntity(entity("Ri Myong Chol", "PERSON"), index), []);
    assert.deepEqual(matchEntity(entity("Pak", "PERSON"), index), []);
    assert.deepEqual(matchEntity(entity("Pak Song Chol", "STATE"), index), []);
    assert.deepEqual(matchEntity(entity("Seagull Horizon Trading", "PERSON"), index), []);
  });

  it("has a configurable threshold", () => {
    const loose = matchEntity(entity("Ri Myong Chol", "PERSON"), index, { threshold: 0.6 });
    assert.equal(loose[0]?.reference, "KPi.902");
  });

  it("linkEntities fills sanctions without touching unmatched entities", () => {
    const input = [entity("Pak Song Chol", "PERSON"), entity("Kim Min Jae", "PERSON")];
    const out = linkEntities(input, index);
    assert.equal(out[0]?.sanctions?.[0]?.reference, "KPi.901");
    assert.equal(out[1]?.sanctions, undefined);
    assert.equal(input[0]?.sanctions, undefined);
  });
});

describe("person names part by part", () => {
  const list = parseSanctionsXml(
    XML.replace(
      "<FIRST_NAME>RI</FIRST_NAME><SECOND_NAME>MYONG SU</SECOND_NAME>",
      "<FIRST_NAME>KIM</FIRST_NAME><SECOND_NAME>YONG CHOL</SECOND_NAME>",
    ),
    "x",
  );
  const index = buildSanctionsIndex(list);

  it("does not link a Korean name that differs from the listed one in one syllable", () => {
    // One letter apart, two different people: "Myong" is not "Yong".
    assert.deepEqual(matchEntity(entity("Kim Myong Chol", "PERSON"), index), []);
    const loose = matchEntity(entity("Kim Myong Chol", "PERSON"), index, { threshold: 0 });
    assert.ok((loose[0]?.score ?? 1) < 0.7, JSON.stringify(loose[0]));
    assert.equal(matchEntity(entity("Kim Yong-chol", "PERSON"), index)[0]?.reference, "KPi.902");
  });

  it("reads given-name-first order, joined given names and MR apostrophes", () => {
    assert.equal(matchEntity(entity("Song-Chol Pak", "PERSON"), index)[0]?.reference, "KPi.901");
    assert.equal(matchEntity(entity("Pak Songchol", "PERSON"), index)[0]?.reference, "KPi.901");
    assert.equal(matchEntity(entity("Pak So’ng-ch’ol", "PERSON"), index)[0]?.reference, "KPi.901");
  });

  it("lets other names carry a patronymic and a small spelling difference", () => {
    const ru = parseSanctionsXml(
      XML.replace(
        "<FIRST_NAME> PAK </FIRST_NAME><SECOND_NAME>SONG CHOL</SECOND_NAME>",
        "<FIRST_NAME>IVAN</FIRST_NAME><SECOND_NAME>PETRENKO</SECOND_NAME>",
      ),
      "x",
    );
    const ruIndex = buildSanctionsIndex(ru);
    assert.equal(matchEntity(entity("Ivan Ivanovich Petrenko", "PERSON"), ruIndex)[0]?.reference, "KPi.901");
    assert.equal(matchEntity(entity("Ivan Petrenco", "PERSON"), ruIndex)[0]?.reference, "KPi.901");
    assert.deepEqual(matchEntity(entity("Ivan Petrov", "PERSON"), ruIndex), []);
  });

  it("weighs birth years, IMO numbers and hull numbers when both sides give them", () => {
    const withYear = matchEntity({ ...entity("Pak Song Chol", "PERSON"), birthDates: ["1961"] }, index);
    assert.equal(withYear[0]?.features.birth_date, 1);
    assert.deepEqual(matchEntity({ ...entity("Pak Song Chol", "PERSON"), birthDates: ["1990"] }, index), []);
    const company = list.entries.find((e) => e.reference === "KPe.901");
    assert.ok(company);
    const ship = {
      ...company,
      reference: "X/vessel/RED PINE 7",
      kind: "vessel" as const,
      name: "RED PINE 7",
      imo: "7654321",
    };
    const ships = buildSanctionsIndex({ ...list, entries: [ship] });
    assert.equal(
      matchEntity({ ...entity("Red Pine 7", "VESSEL"), imo: "7654321" }, ships)[0]?.features.imo,
      1,
    );
    assert.deepEqual(matchEntity({ ...entity("Red Pine 7", "VESSEL"), imo: "1111111" }, ships), []);
    assert.deepEqual(matchEntity(entity("Red Pine 8", "VESSEL"), ships), []);
  });
});

describe("blocking", () => {
  it("still finds a name whose every token is common in the list", () => {
    const list = parseSanctionsXml(XML, "x");
    const index = buildSanctionsIndex(list);
    // With a posting limit of 0 every token counts as common: the rarest one is used.
    assert.equal(
      matchEntity(entity("Pak Song Chol", "PERSON"), index, { maxPosting: 0 })[0]?.reference,
      "KPi.901",
    );
  });
});
