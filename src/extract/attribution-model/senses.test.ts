import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  hasVerbClass,
  nounClass,
  nounFlags,
  packSenses,
  senseOf,
  senseValue,
  unpackSenses,
  VERB,
  verbClass,
} from "./senses.js";

describe("WordNet sense table", () => {
  it("packs classes so that a verb's first sense and all its senses can be read back", () => {
    // First sense verb.communication (32), a second verb.cognition (31); a noun sense noun.person (18).
    const v = senseValue([32, 31], [18]);
    assert.equal(verbClass(v), VERB.communication);
    assert.equal(hasVerbClass(v, VERB.communication), 1);
    assert.equal(hasVerbClass(v, VERB.cognition), 1);
    assert.equal(hasVerbClass(v, VERB.social), 0);
    assert.equal(nounClass(v), 18 - 3 + 1);
    assert.equal(nounFlags(v) & 1, 1, "noun.person has the first flag");
    assert.equal(senseValue([], []), 0);
  });

  it("survives packing and unpacking, and refuses a file that is not a table", () => {
    const packed = packSenses(
      new Map([
        ["declare", senseValue([32], [])],
        ["envoy", senseValue([], [18])],
      ]),
    );
    const t = unpackSenses(packed);
    assert.equal(t.keys.length, 2);
    assert.ok(t.keys[0]! < t.keys[1]!, "keys are sorted for binary search");
    assert.deepEqual([...t.vals].sort(), [senseValue([32], []), senseValue([], [18])].sort());
    assert.throws(() => unpackSenses(Buffer.from("WDAM2 not a sense table")), /not a Watchdesk sense table/);
  });

  it("knows the shipped table's speech and thought verbs, people and unknown words", () => {
    assert.equal(verbClass(senseOf("say")), VERB.communication);
    assert.equal(verbClass(senseOf("deny")), VERB.communication);
    assert.equal(verbClass(senseOf("believe")), VERB.cognition);
    assert.equal(nounFlags(senseOf("spokesman")) & 1, 1, "a spokesman is a person");
    assert.equal(senseOf("qzxv-not-a-word"), 0);
  });
});
