import assert from "node:assert/strict";
import { describe, it } from "node:test";
import Database from "better-sqlite3";
import fc from "fast-check";
import { toFts5Query } from "./fts-query.js";

describe("toFts5Query", () => {
  it("quotes every word and keeps phrases together", () => {
    assert.equal(
      toFts5Query('artillery "ballistic missile" launch'),
      '("artillery" "ballistic missile" "launch")',
    );
  });

  it("reads or, and, not and -word like a web search box", () => {
    assert.equal(toFts5Query("Russia or Iran"), '("Russia") OR ("Iran")');
    assert.equal(toFts5Query("drones AND shells"), '("drones" "shells")');
    assert.equal(toFts5Query("munitions -drone"), '("munitions" NOT "drone")');
  });

  it("returns null when nothing searchable is left", () => {
    assert.equal(toFts5Query(""), null);
    assert.equal(toFts5Query('* "" - ( ) :'), null);
    assert.equal(toFts5Query("-only"), null);
  });

  it("never produces an FTS5 syntax error, whatever the user types", () => {
    const db = new Database(":memory:");
    db.exec("create virtual table t using fts5(body, tokenize='porter unicode61 remove_diacritics 2')");
    db.prepare("insert into t(body) values (?)").run("Pyŏngyang said the shells were sent NEAR the border.");
    const search = db.prepare("select count(*) as n from t where t match ?");
    const odd = [
      '"unbalanced',
      "NEAR(a b)",
      "body:shells",
      "a^b",
      "(((",
      "shells*",
      "AND OR NOT",
      "Pyŏngyang",
      "\u0000x",
    ];
    for (const text of odd) {
      const q = toFts5Query(text);
      if (q) assert.doesNotThrow(() => search.get(q), `query ${JSON.stringify(text)} → ${q}`);
    }
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (text) => {
        const q = toFts5Query(text);
        if (q) search.get(q);
      }),
      { numRuns: 300 },
    );
    db.close();
  });
});
