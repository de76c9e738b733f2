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
    // "Pak Jong" never stands alone, and "Parkinson" is one word: nothing to split.
    const paras = [
      "Pak Jong Chonsaid it.",
      "Dr Ann Parkinson spoke; Ann Park was absent and spoke.",
      "McDonald Trump and DeSantis Ron met Donald Trump.",
    ];
    assert.deepEqual(unglueNames(paras), paras);
    // The tail must be a word the text uses by itself: "Kim Jong Unification" is not "Kim Jong Un ification".
    const other = ["Kim Jong Un arrived.", "The Kim Jong Unification Hall opened."];
    assert.deepEqual(unglueNames(other), other);
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
