import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Entity } from "../types.js";
import { LIST_XML } from "./fixtures.js";
import { articlesToFtm, sanctionsToFtm, toCsv, toJsonLines } from "./ftm.js";
import { parseSanctionsXml } from "./sanctions-list.js";

describe("FollowTheMoney export", () => {
  const ftm = sanctionsToFtm(parseSanctionsXml(LIST_XML, "x.xml"));

  it("writes people, organisations and vessels, each with a Sanction pointing at it", () => {
    const pak = ftm.find((e) => e.schema === "Person" && e.properties.name?.[0] === "PAK SONG CHOL");
    assert.ok(pak);
    assert.deepEqual(pak.properties.nationality, ["kp"]);
    assert.deepEqual(pak.properties.birthDate, ["1961-02-03"]);
    const sanction = ftm.find((e) => e.schema === "Sanction" && e.properties.entity?.[0] === pak.id);
    assert.deepEqual(sanction?.properties.unscId, ["KPi.901"]);
    const vessel = ftm.find((e) => e.schema === "Vessel" && e.properties.name?.[0] === "Sea Lark");
    const vesselSanction = ftm.find(
      (e) => e.schema === "Sanction" && e.properties.entity?.[0] === vessel?.id,
    );
    assert.deepEqual(vesselSanction?.properties.unscId, ["KPe.901"]);
  });

  it("ties articles to the listed entity they mention", () => {
    const entity: Entity = {
      id: "e1",
      name: "Park Song-chol",
      type: "PERSON",
      aliases: ["Park Song-chol", "Park"],
      mentions: [],
      roles: [],
      gender: "male",
      key: "person:park-song-chol",
      sanctions: [{ reference: "KPi.901", name: "PAK SONG CHOL", score: 1, features: {} }],
    };
    const out = articlesToFtm([
      { id: "abc", title: "Broker", url: null, published: "2030-01-01", entities: [entity] },
    ]);
    const mention = out.find((e) => e.schema === "Mention");
    assert.deepEqual(mention?.properties.resolved, [
      ftm.find((e) => e.properties.name?.[0] === "PAK SONG CHOL")?.id,
    ]);
    assert.deepEqual(mention?.properties.document, ["article-abc"]);
  });

  it("serialises as JSON lines and as CSV with quoted cells", () => {
    const lines = toJsonLines(ftm).trim().split("\n");
    assert.equal(lines.length, ftm.length);
    const csv = toCsv(ftm);
    assert.match(csv.split("\n")[0] ?? "", /^id,schema,/);
    assert.match(csv, /"Operates the vessels Sea Lark, Morning Tide/);
  });
});
