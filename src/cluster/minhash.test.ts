import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { BANDS, bandKeys, estimateJaccard, LshIndex, PERMUTATIONS, signature } from "./minhash.js";
import {
  detailsConflict,
  details,
  intersectionSize,
  shingleSet,
  textFingerprint,
  words,
} from "./shingles.js";
import { launchReport, ORIGINAL, TRUNCATED, WITH_CHROME } from "./testing.js";

function sortedSet(values: number[]): Uint32Array {
  return Uint32Array.from([...new Set(values.map((v) => v & 0x3fffffff))].sort((a, b) => a - b));
}

describe("words and shingles", () => {
  it("fold case, accents, curly quotes and punctuation", () => {
    assert.deepEqual(words("Pyŏngyang’s “ICBM” — fired!"), ["pyongyang's", "icbm", "fired"]);
    assert.equal(textFingerprint("North Korea fired, again."), textFingerprint("north korea FIRED again"));
    assert.notEqual(textFingerprint("North Korea fired again"), textFingerprint("North Korea fired twice"));
  });

  it("give sorted distinct hashes, one shingle for a text shorter than k", () => {
    const s = shingleSet("a b c a b c a b c", 3);
    assert.equal(s.length, 3);
    for (let i = 1; i < s.length; i++) assert.ok(s[i - 1]! < s[i]!);
    assert.equal(shingleSet("two words", 3).length, 1);
    assert.equal(shingleSet("", 3).length, 0);
  });

  it("share most shingles between an original and its copy with chrome, all of a truncated copy's", () => {
    const a = shingleSet(ORIGINAL, 3);
    const chrome = shingleSet(WITH_CHROME, 3);
    const truncated = shingleSet(TRUNCATED, 3);
    assert.ok(intersectionSize(a, chrome) / a.length > 0.95);
    assert.equal(intersectionSize(a, truncated), truncated.length);
  });
});

describe("details", () => {
  it("see different facts in one template, and none between a text and its own copy", () => {
    const march = details(launchReport("Wednesday", "7:10 a.m.", "Sunan", "1,000", "6,000"));
    const april = details(launchReport("Thursday", "3:40 p.m.", "Sinpo", "850", "5,200"));
    assert.equal(detailsConflict(march, april), true);
    assert.equal(detailsConflict(details(ORIGINAL), details(WITH_CHROME)), false);
    assert.equal(detailsConflict(details(ORIGINAL), details(TRUNCATED)), false);
  });

  it("let a copy spell out a weekday as a date", () => {
    const a = details("The ministry said on Friday that the trains ran twice a week.");
    const b = details("The ministry said on June 14 that the trains ran twice a week.");
    assert.equal(detailsConflict(a, b), false);
  });
});

describe("MinHash signatures", () => {
  it("estimate the Jaccard similarity of two sets within a few hundredths on average", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 2 ** 30 - 1 }), { minLength: 300, maxLength: 600 }),
        fc.double({ min: 0.1, max: 0.9, noNaN: true }),
        (base, keep) => {
          const cut = Math.floor(base.length * keep);
          const a = sortedSet(base.slice(0, Math.floor(base.length * 0.8)));
          const b = sortedSet(base.slice(base.length - Math.floor(base.length * 0.8) - cut / 4));
          const truth = intersectionSize(a, b) / (a.length + b.length - intersectionSize(a, b));
          return Math.abs(estimateJaccard(signature(a), signature(b)) - truth) < 0.2;
        },
      ),
      { numRuns: 60 },
    );
  });

  it("are equal for equal sets and stable across calls", () => {
    const s = shingleSet(ORIGINAL, 3);
    assert.deepEqual(signature(s), signature(Uint32Array.from(s)));
    assert.equal(estimateJaccard(signature(s), signature(s)), 1);
    assert.equal(signature(s).length, PERMUTATIONS);
    assert.equal(bandKeys(signature(s)).length, BANDS);
  });

  it("put a copy in the same LSH bucket as its original and leave an unrelated text out", () => {
    const index = new LshIndex();
    index.addAndQuery(0, signature(shingleSet(ORIGINAL, 3)));
    index.addAndQuery(1, signature(shingleSet(launchReport("Monday", "5:00", "Sohae", "300", "90"), 3)));
    const found = index.addAndQuery(2, signature(shingleSet(WITH_CHROME, 3)));
    assert.deepEqual([...found], [0]);
  });
});
