import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cleanDocument } from "./index.js";
import { unglueNames } from "./glued-names.js";
import { plainText } from "./test-helpers.js";

describe("glued names", () => {
  it("splits a name glued to the next word when the text shows both halves apart", () => {
    const paras = [
      "Pyongyang, March 3 (KCNA) -- Choe Son Hui, foreign minister, met the delegation.",
      "Choe Son Huisaid the talks were frank. The envoy said nothing.",
      "Minister Choe Son Huiwho led the talks, and the guests who came left.",
    ];
    const out = unglueNames(paras);
    assert.equal(out[1], "Choe Son Hui said the talks were frank. The envoy said nothing.");
    assert.equal(out[2], "Minister Choe Son Hui who led the talks, and the guests who came left.");
    assert.equal(out[0], paras[0]);
    // A word glued before the name, and a glued word that does not end the capitalised run.
    assert.deepEqual(
      unglueNames([
        "Marshal Choe Son Hui spoke of Choe Son Hui and others.",
        "It was ofChoe Son Huiand MarshalChoe Son Hui.",
      ]),
      [
        "Marshal Choe Son Hui spoke of Choe Son Hui and others.",
        "It was of Choe Son Hui and Marshal Choe Son Hui.",
      ],
    );
    assert.deepEqual(unglueNames(["Choe Son Hui spoke.", "Choe Son Huivisited Wonsan; she visited it."]), [
      "Choe Son Hui spoke.",
      "Choe Son Hui visited Wonsan; she visited it.",
    ]);
  });

  it("leaves names alone when the text never writes the shorter name or the tail on its own", () => {
    // "Ann Park" never stands alone with a tail, and "Parkinson" is one word: nothing to split.
    const paras = [
      "Dr Ann Parkinson spoke; Ann Park was absent and spoke.",
      "McDonald Trump and DeSantis Ron met Donald Trump.",
    ];
    assert.deepEqual(unglueNames(paras), paras);
    // The tail must be a word the text uses by itself: "Kim Jong Unification" is not "Kim Jong Un ification".
    const other = ["Kim Jong Un arrived.", "The Kim Jong Unification Hall opened."];
    assert.deepEqual(unglueNames(other), other);
  });

  it("splits a Korean name glued in every mention, where the name's shape is the evidence", () => {
    // KCNA glues each mention of its leader: no proper copy of the name stands anywhere in the text.
    const paras = [
      "Pyongyang, May 2 (KCNA) -- The respected ComradeKim Jong Unvisited the Ryongsong Machine Complex.",
      "Workers who were there visited him, and gifts sent byKim Jong Unwere conveyed to them.",
      "Kim Jong Unification Street and Pak Jong Chonsaid its name.",
    ];
    assert.deepEqual(unglueNames(paras), [
      "Pyongyang, May 2 (KCNA) -- The respected Comrade Kim Jong Un visited the Ryongsong Machine Complex.",
      "Workers who were there visited him, and gifts sent by Kim Jong Un were conveyed to them.",
      // "Unification" is a word and stays whole; "Chonsaid" is none, and "said" is one (see dictionaryTail).
      "Kim Jong Unification Street and Pak Jong Chon said its name.",
    ]);
    // A syllable or a word is not split: "Keon" and "Iron" stay whole though "on" is a word of the text.
    const whole = [
      "First Lady Kim Keon Hee spoke on Monday at the Yoon Suk Yeol residence.",
      "Workers of the Kim Chaek Iron and Steel Complex met on Monday.",
    ];
    assert.deepEqual(unglueNames(whole), whole);
    // A name that is not Korean in shape still needs a proper copy: "Ann Parkinsonvisited" is left as written.
    const western = ["Dr Ann Parkinsonvisited the ward; nurses visited it."];
    assert.deepEqual(unglueNames(western), western);
  });

  it("gives the cleaned body the split name, so later stages see the name and the cue", () => {
    const article = cleanDocument(
      plainText(
        "Leader Inspects Plant\n\nRi Pyong Chol visited the plant on Monday.\n\nRi Pyong Cholsaid the machines were good, officials said.",
      ),
    );
    assert.match(article.body, /Ri Pyong Chol said the machines/);
  });
});
