// The overfitting guards of the body-extraction eval (eval/extraction-robustness.ts) on synthetic pages: a
// rule that names a dev page's site or quotes its text must be caught, and folds must partition the pages.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { bootstrapF1, foldScores, literalsOf, ruleLeaks } from "../../eval/extraction-robustness.js";

const page = (id: string, url: string, reference: string, site = "") => ({
  id,
  url,
  reference,
  html: `<html><head>${site ? `<meta property="og:site_name" content="${site}">` : ""}</head><body></body></html>`,
});
const pages = [
  page(
    "a1",
    "https://www.harborgazette.example/x",
    "The harbour master said the tanker left port before dawn on Sunday.",
  ),
  page(
    "b2",
    "https://news.inlandpost.example/y",
    "Two ministers met in the capital to discuss grain exports.",
    "Inland Post",
  ),
];

describe("rule leak guard", () => {
  it("reads string, template and regex literals, not comments or names", () => {
    const template = ["const b = `two $", "{a} three`;"].join("");
    const literals = literalsOf(
      `const harborgazette = 1; // inlandpost\nconst a = "one";\n${template}\nconst c = /four|five/i;`,
    );
    assert.deepEqual(literals, ["one", "two ", " three", "/four|five/i"]);
  });
  it("passes rules that name no dev site and quote no dev text", () => {
    const dir = mkdtempSync(join(tmpdir(), "watchdesk-leaks-"));
    writeFileSync(join(dir, "rules.ts"), 'export const P = [/^photo by/i, "Reuters", "see also"];');
    assert.deepEqual(ruleLeaks(dir, pages), []);
  });
  it("catches a rule keyed on a dev page's domain, its site name, or a run of its text", () => {
    const dir = mkdtempSync(join(tmpdir(), "watchdesk-leaks-"));
    writeFileSync(
      join(dir, "rules.ts"),
      [
        "export const A = /harborgazette\\.example/;",
        'export const B = "Inland Post";',
        "export const C = /the tanker left port before dawn/i;",
      ].join("\n"),
    );
    writeFileSync(join(dir, "rules.test.ts"), 'const ignored = "harborgazette";');
    const leaks = ruleLeaks(dir, pages).map((l) => l.what);
    assert.deepEqual(leaks, [
      'site "harborgazette"',
      'site "inlandpost"',
      'reference text "the tanker left port before dawn"',
    ]);
  });
});

describe("folds and bootstrap", () => {
  it("splits the pages into disjoint folds that cover them all", () => {
    const many = Array.from({ length: 12 }, (_, i) =>
      page(`p${i}`, `https://s${i}.example/`, `text number ${i} here`),
    );
    const ours = new Map(many.map((p) => [p.id, p.reference]));
    const folds = foldScores(many, ours, new Map());
    assert.equal(folds.length, 5);
    assert.equal(
      folds.reduce((n, f) => n + f.n, 0),
      12,
    );
    for (const f of folds) {
      assert.equal(f.ours.f1, 1);
      assert.equal(f.baseline.recall, 0);
    }
  });
  it("gives no spread for identical pages and some spread for mixed ones", () => {
    const same = Array.from({ length: 20 }, (_, i) => ({ id: `${i}`, precision: 0.9, recall: 0.9, f1: 0.9 }));
    const flat = bootstrapF1(same, 200);
    assert.ok(Math.abs(flat.mean - 0.9) < 1e-9 && flat.sd < 1e-9);
    const mixed = same.map((p, i) => ({ ...p, precision: i % 2 ? 1 : 0.5 }));
    assert.ok(bootstrapF1(mixed, 200).sd > 0.01);
  });
});
