import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { homoglyphFlags } from "../flags.js";
import { article } from "../test-helpers.js";
import { foldHomoglyphs } from "./homoglyphs.js";
import { recognizeEntities } from "./index.js";

// "Kim Jong Un" with a Cyrillic і (U+0456) and о (U+043E); "Shoigu" with a Greek ο (U+03BF).
const DISGUISED = "Kіm Jоng Un visited a munitions plant with Sergei Shοigu on Tuesday, state media said.";

describe("homoglyph names", () => {
  it("folds only words that mix Latin with look-alike letters, keeping every offset", () => {
    const text = `${DISGUISED} Москва and Αθήνα stay as they are.`;
    const folded = foldHomoglyphs(text);
    assert.equal(folded.text.length, text.length);
    assert.ok(folded.text.startsWith("Kim Jong Un visited"));
    assert.ok(folded.text.includes("Sergei Shoigu"));
    assert.ok(folded.text.includes("Москва and Αθήνα"), "whole words in Cyrillic or Greek are real text");
    assert.equal(folded.words.length, 3);
    assert.equal(foldHomoglyphs("Plain English text.").words.length, 0);
  });

  it("recognises a disguised name as the person it imitates, with the mention as written", () => {
    const entities = recognizeEntities(article(DISGUISED));
    const kim = entities.find((e) => e.key === "person:kim-jong-un");
    assert.ok(kim, JSON.stringify(entities.map((e) => e.key)));
    assert.equal(kim.name, "Kim Jong Un");
    const [mention] = kim.mentions;
    assert.equal(mention?.text, "Kіm Jоng Un");
    assert.equal(mention?.via, "homoglyph");
    assert.equal(DISGUISED.slice(mention?.start, mention?.end), "Kіm Jоng Un");
    assert.ok(entities.some((e) => e.name === "Sergei Shoigu"));
  });

  it("flags each disguised name, naming the foreign letters", () => {
    const flags = homoglyphFlags(recognizeEntities(article(DISGUISED)));
    const kim = flags.find((f) => f.evidence?.text === "Kіm Jоng Un");
    assert.ok(kim, JSON.stringify(flags));
    assert.equal(kim.kind, "HOMOGLYPH_NAME");
    assert.match(kim.message, /і, о/);
    assert.match(kim.message, /Kim Jong Un/);
    assert.deepEqual(homoglyphFlags(recognizeEntities(article("Kim Jong Un visited a plant."))), []);
  });
});
