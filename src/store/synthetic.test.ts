import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { syntheticDocuments } from "../../bench/synthetic.js";

describe("syntheticDocuments (bench corpus generator)", () => {
  it("gives the same documents for the same seed and different ones for another", () => {
    const a = [...syntheticDocuments(50, 7)];
    const b = [...syntheticDocuments(50, 7)];
    const c = [...syntheticDocuments(50, 8)];
    assert.equal(a.length, 50);
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
  });

  it("varies outlets, formats and story kinds, with dated, quoted, denied reports", () => {
    const docs = [...syntheticDocuments(300, 3)];
    const outlets = new Set(
      docs.map((d) => d.hints.outlet ?? d.content.match(/og:site_name" content="([^"]+)/)?.[1]),
    );
    assert.ok(outlets.size >= 6, `outlets: ${[...outlets].join(", ")}`);
    assert.ok(
      docs.some((d) => d.contentType === "text/html") && docs.some((d) => d.contentType === "text/plain"),
    );
    const text = docs.map((d) => d.content).join("\n");
    for (const marker of ["denied", "launched", "drills", "sanctions", "delegation", '," ']) {
      assert.ok(text.includes(marker), `some report mentions ${marker}`);
    }
    assert.equal(new Set(docs.map((d) => d.source)).size, docs.length);
  });

  it("includes syndicated copies that share most of an earlier report's text", () => {
    const docs = [...syntheticDocuments(300, 3)];
    // Word 4-shingles of the visible text; a copy shares most of them with one earlier report.
    const shingles = (content: string) => {
      const words = content
        .replace(/<(title|nav|div)[\s\S]*?<\/\1>|<[^>]+>|&quot;/g, " ")
        .toLowerCase()
        .split(/\W+/)
        .filter(Boolean);
      return new Set(words.slice(3).map((_, i) => words.slice(i, i + 4).join(" ")));
    };
    const jaccard = (a: Set<string>, b: Set<string>) => {
      let shared = 0;
      for (const x of a) if (b.has(x)) shared++;
      return shared / (a.size + b.size - shared);
    };
    const seen: Set<string>[] = [];
    let copies = 0;
    for (const doc of docs) {
      const mine = shingles(doc.content);
      if (seen.some((other) => jaccard(mine, other) >= 0.5)) copies++;
      seen.push(mine);
    }
    assert.ok(copies >= 30 && copies <= 80, `${copies} near-copies in 300`);
  });
});
