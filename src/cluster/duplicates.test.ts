import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type DuplicateInput, findDuplicates } from "./duplicates.js";
import {
  delegationReport,
  INDEPENDENT,
  launchReport,
  NSC_STATEMENT,
  ORIGINAL,
  REWORDED,
  TRUNCATED,
  WITH_CHROME,
} from "./testing.js";

const doc = (
  id: string,
  body: string,
  published: string | null,
  outlet: string | null = null,
): DuplicateInput => ({
  id,
  body,
  published,
  outlet,
});

function linkOf(links: ReturnType<typeof findDuplicates>, id: string) {
  return links.find((l) => l.articleId === id) ?? null;
}

describe("findDuplicates", () => {
  it("links copies with added chrome, truncation and rewording to the original, and nothing else", () => {
    const links = findDuplicates([
      doc("original", ORIGINAL, "2025-03-06", "Harbor Line Daily"),
      doc("chrome", WITH_CHROME, "2025-03-06", "Asia Wire Network"),
      doc("truncated", TRUNCATED, "2025-03-07", "Daily Global Buzz"),
      doc("reworded", REWORDED, "2025-03-07", "Metro Asia Today"),
      doc("independent", INDEPENDENT, "2025-03-06", "Peninsula Herald"),
    ]);
    assert.deepEqual(
      links.map((l) => [l.articleId, l.duplicateOf, l.kind]),
      [
        ["chrome", "original", "near"],
        ["reworded", "original", "near"],
        ["truncated", "original", "near"],
      ],
    );
    for (const l of links) assert.ok(l.similarity > 0 && l.similarity < 1, `${l.articleId} ${l.similarity}`);
  });

  it("calls a copy that differs only in case and punctuation exact, with similarity 1", () => {
    const shouting = ORIGINAL.toUpperCase().replace(/["().]/g, " ");
    const [link] = findDuplicates([doc("a", ORIGINAL, "2025-03-06"), doc("b", shouting, "2025-03-06")]);
    assert.deepEqual(link, { articleId: "b", duplicateOf: "a", similarity: 1, kind: "exact" });
  });

  it("takes the earliest published as the original, whatever the ingest order", () => {
    const links = findDuplicates([
      doc("late", WITH_CHROME, "2025-03-09"),
      doc("undated", TRUNCATED, null),
      doc("early", ORIGINAL, "2025-03-06"),
    ]);
    assert.deepEqual(
      links.map((l) => [l.articleId, l.duplicateOf]),
      [
        ["late", "early"],
        ["undated", "early"],
      ],
    );
  });

  it("keeps template reports of different launches apart (other times, places and distances)", () => {
    const links = findDuplicates([
      doc(
        "march",
        launchReport("Wednesday", "7:10 a.m.", "Sunan", "1,000", "6,000"),
        "2025-03-12",
        "Korea Wire",
      ),
      doc(
        "april",
        launchReport("Thursday", "3:40 p.m.", "Sinpo", "850", "5,200"),
        "2025-04-17",
        "Korea Wire",
      ),
      doc(
        "other",
        launchReport("Thursday", "3:40 p.m.", "Sinpo", "850", "5,200"),
        "2025-04-17",
        "Pacific Wire",
      ),
    ]);
    assert.deepEqual(
      links.map((l) => [l.articleId, l.duplicateOf]),
      [["other", "april"]],
    );
  });

  it("keeps one template filled in with other names apart", () => {
    const links = findDuplicates([
      doc("a", delegationReport("Russian", "Pyongyang"), "2025-06-02"),
      doc("b", delegationReport("Myanmar", "Minsk"), "2025-06-03"),
    ]);
    assert.deepEqual(links, []);
  });

  it("does not take the same outlet's statement issued again weeks later for a copy, but does a relay's", () => {
    const links = findDuplicates([
      doc("first", NSC_STATEMENT, "2025-03-12", "The White House"),
      doc("second", NSC_STATEMENT, "2025-04-16", "The White House"),
      doc(
        "stale relay",
        `${NSC_STATEMENT}\n\nRead more on Daily Global Buzz.`,
        "2025-04-30",
        "Daily Global Buzz",
      ),
      doc("same day repost", NSC_STATEMENT, "2025-03-13", "The White House"),
    ]);
    const relay = linkOf(links, "stale relay");
    assert.ok(relay, "the relay is a copy");
    assert.ok(["first", "second"].includes(relay.duplicateOf));
    assert.equal(linkOf(links, "same day repost")?.duplicateOf, "first");
    assert.equal(
      links.some(
        (l) => ["first", "second"].includes(l.articleId) && ["first", "second"].includes(l.duplicateOf),
      ),
      false,
    );
  });

  it("ignores empty bodies and never links a document to itself", () => {
    const links = findDuplicates([
      doc("empty", "", "2025-03-06"),
      doc("a", ORIGINAL, "2025-03-06"),
      doc("empty2", "  ", null),
    ]);
    assert.deepEqual(links, []);
  });

  it("finds a copy among many unrelated documents (the LSH index is what finds it)", () => {
    const many: DuplicateInput[] = [];
    for (let i = 0; i < 300; i++)
      many.push(
        doc(
          `n${i}`,
          `Report ${i}: ${launchReport(`day ${i}`, `${i}:00`, `site ${i}`, `${i * 7}`, `${i * 11}`)}`,
          "2025-01-01",
        ),
      );
    many.push(doc("original", ORIGINAL, "2025-03-06"), doc("copy", WITH_CHROME, "2025-03-07"));
    const links = findDuplicates(many);
    assert.deepEqual(linkOf(links, "copy")?.duplicateOf, "original");
    assert.equal(links.filter((l) => l.articleId.startsWith("n")).length, 0);
  });
});
