import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseHTML } from "linkedom";
import { type WalkNode, elementsUnder, hasOnlyBlankText } from "./dom-walk.js";
import { cleanDocument } from "./index.js";

const names = (els: ArrayLike<unknown>) => Array.from(els, (e) => (e as { localName: string }).localName);
const docOf = (html: string) => parseHTML(html).document as unknown as WalkNode & Document;

describe("elementsUnder", () => {
  const pages = [
    "<!doctype html><html><head><title>t</title><meta name=a content=b></head><body><p>x <a>y</a></p></body></html>",
    // The parser keeps elements written before <html> and after </html> outside it.
    "<meta name=early content=1><html><head></head><body><div><p>x</p></div></body></html><div>late</div><!--c--><span>z</span>",
    "<p>a fragment</p><ul><li>one<li>two</ul>",
    "<html><body><div><template><p>inside</p><template><b>deeper</b></template></template><p>after</p></div></body></html>",
  ];
  it("lists the elements of a page as querySelectorAll('*') does, templates' contents left out", () => {
    for (const page of pages) {
      const doc = docOf(page);
      assert.deepEqual(names(elementsUnder(doc, true)), names(doc.querySelectorAll("*")), page);
    }
  });
  it("lists every element under an element, root excluded, as getElementsByTagName('*') would", () => {
    for (const page of pages) {
      const doc = docOf(page);
      const body = doc.body as unknown as WalkNode & Element;
      const expected: string[] = [];
      // Reference: a plain recursive walk over child elements (templates' contents included).
      const walk = (el: Element) => {
        for (const child of Array.from(el.children)) {
          expected.push(child.localName);
          walk(child);
        }
      };
      walk(body);
      assert.deepEqual(names(elementsUnder(body, false)), expected, page);
    }
  });
});

describe("hasOnlyBlankText", () => {
  it("answers like textContent.trim() === '' on nested, empty and whitespace-only elements", () => {
    const doc = docOf(
      "<html><body><div id=a> <span>\n\t</span><b></b>\u00a0</div><div id=b> <span> <i>x</i></span></div><div id=c></div><div id=d><br><hr> </div></body></html>",
    );
    for (const el of Array.from(doc.querySelectorAll("div"))) {
      assert.equal(
        hasOnlyBlankText(el as unknown as WalkNode & { textContent: string }),
        (el.textContent ?? "").trim() === "",
        el.id,
      );
    }
  });
});

describe("extraction on pages with a doctype and content outside <html>", () => {
  it("still reads the metadata written after </html>", () => {
    const story = Array.from(
      { length: 6 },
      (_, i) =>
        `<p>Paragraph ${i}: inspectors said on Monday that the shipment had been held at the port for weeks before it was released.</p>`,
    ).join("");
    const a = cleanDocument({
      source: "t",
      kind: "html",
      contentType: "text/html",
      content: `<!doctype html><html><head><title>Port holds shipment</title></head><body><article>${story}</article></body></html><meta property="article:published_time" content="2025-03-04">`,
      hints: {},
    });
    assert.equal(a.published, "2025-03-04");
    assert.equal(a.title, "Port holds shipment");
    assert.match(a.body, /Paragraph 5/);
  });
});
