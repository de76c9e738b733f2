import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { cleanDocument } from "./index.js";
import { normalizeLine } from "./paragraphs.js";

const lineArb = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.constantFrom(
    "Photo by A / AFP",
    "See also x",
    "May 3, 2025",
    "- Example.com",
    "(SEOUL) A thing happened today.",
    "",
    "Share | Tweet",
  ),
  fc.lorem({ maxCount: 30 }),
);

describe("cleanDocument properties", () => {
  it("never throws on arbitrary text and yields a well-formed body", () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { maxLength: 25 }),
        fc.constantFrom("\n", "\n\n", "\r\n"),
        (lines, sep) => {
          const a = cleanDocument({
            source: "x.txt",
            kind: "text",
            contentType: "text/plain",
            content: lines.join(sep),
            hints: {},
          });
          assert.equal(a.body, a.body.trim());
          assert.ok(!a.body.includes("\n\n\n"));
          assert.ok(!a.body.includes("\r"));
          assert.match(a.id, /^[0-9a-f]{16}$/);
          assert.ok(a.published === null || /^\d{4}-\d{2}-\d{2}$/.test(a.published));
          assert.equal(a.published === null, a.publishedFrom === "none");
        },
      ),
      { numRuns: 150 },
    );
  });
  it("drops no line of a text silently: each is in the body or in removed[] with a reason", () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { maxLength: 25 }),
        fc.constantFrom("\n", "\n\n", "\r\n"),
        (lines, sep) => {
          const content = lines.join(sep);
          const a = cleanDocument({
            source: "x.txt",
            kind: "text",
            contentType: "text/plain",
            content,
            hints: {},
          });
          const flat = (s: string) => normalizeLine(s.replace(/\s+/g, " "));
          const body = flat(a.body);
          const removed = a.removed.map((r) => flat(r.text));
          for (const raw of content.split(/\r?\n/)) {
            const line = flat(raw);
            if (line === "") continue;
            const kept =
              body.includes(line) ||
              removed.some((r) => r.includes(line)) ||
              // An inline credit cut from the end of a kept paragraph.
              removed.some((r) => line.endsWith(r) && body.includes(line.slice(0, -r.length).trimEnd()));
            assert.ok(kept, `lost ${JSON.stringify(line)} from ${JSON.stringify(content)}`);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
  it("never throws on arbitrary HTML-ish input", () => {
    const tag = fc.constantFrom(
      "<p>",
      "</p>",
      "<div>",
      "</div>",
      "<script>",
      "</script>",
      "<!--",
      "-->",
      "<br>",
      "<figcaption>",
      "<svg ",
      ">",
      "<",
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(tag, fc.lorem({ maxCount: 12 })), { maxLength: 40 }), (parts) => {
        const a = cleanDocument({
          source: "x.html",
          kind: "html",
          contentType: "text/html",
          content: parts.join(""),
          hints: {},
        });
        assert.equal(typeof a.body, "string");
        assert.ok(!a.body.includes("\n\n\n"));
      }),
      { numRuns: 100 },
    );
  });
});
