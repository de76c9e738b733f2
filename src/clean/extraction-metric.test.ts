// Tests-by-example of the AEB scorer (eval/extraction-metric.ts): the body-extraction eval is only as good as
// this metric's agreement with the upstream definition.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { scoreAll, scorePage, shingles, tokens } from "../../eval/extraction-metric.js";

describe("AEB extraction metric", () => {
  it("tokenises like Python's \\w+: letters, numbers and underscores of any script", () => {
    assert.deepEqual(tokens("Kim's  snake_case 3.5 Séoul — 서울!"), [
      "Kim",
      "s",
      "snake_case",
      "3",
      "5",
      "Séoul",
      "서울",
    ]);
  });
  it("makes 4-gram shingles, one short shingle for 1-3 tokens, none for no tokens", () => {
    assert.equal(shingles("a b c d e").size, 2);
    assert.deepEqual([...shingles("a b").values()], [1]);
    assert.equal(shingles("— …").size, 0);
    assert.equal(shingles("x y z w x y z w").get(["x", "y", "z", "w"].join("\u0001")), 2);
  });
  it("scores a page by multiset overlap", () => {
    // reference: 3 shingles; prediction: the same plus 1 extra shingle
    const page = scorePage("p", "one two three four five six", "one two three four five six seven");
    assert.equal(page.precision, 3 / 4);
    assert.equal(page.recall, 1);
  });
  it("leaves empty predictions out of precision but counts them as recall 0", () => {
    const refs = new Map([
      ["a", "one two three four"],
      ["b", "five six seven eight"],
    ]);
    const s = scoreAll(refs, new Map([["a", "one two three four"]]));
    assert.equal(s.precision, 1);
    assert.equal(s.recall, 0.5);
    assert.equal(s.f1, (2 * 1 * 0.5) / 1.5);
  });
});
