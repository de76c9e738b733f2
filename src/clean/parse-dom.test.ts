import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseHTML as stockParseHTML } from "linkedom";
import { listenerFree, parseHTML } from "./parse-dom.js";

const page =
  '<!doctype html><html lang="en"><head><title>T</title><meta name="author" content="A"></head><body><div class="story" id="s"><p>One <a href="#h">two</a></p><br><p>three</p></div></body></html>';

describe("clean's own linkedom", () => {
  it("builds nodes without the listener registry", () => {
    assert.equal(listenerFree, true);
  });
  it("parses a page into the same tree as stock linkedom", () => {
    const ours = parseHTML(page).document;
    const stock = stockParseHTML(page).document;
    assert.equal(ours.toString(), stock.toString());
    assert.equal(ours.body.textContent, stock.body.textContent);
    assert.equal(ours.querySelector(".story")?.getAttribute("id"), "s");
    // Edits Readability makes still work.
    const p = ours.createElement("p");
    p.appendChild(ours.createTextNode("four"));
    ours.querySelector(".story")?.appendChild(p);
    assert.match(ours.body.textContent ?? "", /threefour$/);
  });
  it("refuses event listeners with a clear error, and leaves stock linkedom's events alone", () => {
    const ours = parseHTML(page).document;
    assert.throws(() => ours.body.addEventListener("click", () => {}), /no event listeners/);
    const stock = stockParseHTML(page).document;
    let clicked = 0;
    stock.body.addEventListener("click", () => clicked++);
    stock.body.dispatchEvent(new (stockParseHTML("").Event)("click"));
    assert.equal(clicked, 1);
  });
});
