import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseHTML } from "linkedom";
import { cleanDocument } from "./index.js";
import { indexOfClosingTag, slimHtml } from "./slim-html.js";
import { stripInert } from "./strip-inert.js";

const text = (html: string) => parseHTML(`<html><body>${html}</body></html>`).document.body.textContent;

describe("slimHtml", () => {
  it("drops attributes nobody reads and keeps those extraction and metadata use", () => {
    const out = slimHtml(
      `<div class="story" id="main" data-track='{"a":1}' onclick="go()" role="main"><a href="https://x.example/a" target="_blank">link</a> <a href="#notes">notes</a><img src="a.jpg" srcset="a.jpg 1x"></div>`,
    );
    assert.equal(
      out,
      `<div class="story" id="main" role="main"><a>link</a> <a href="#h">notes</a><img></div>`,
    );
  });
  it("keeps the canonical link and the meta tags metadata reads, drops other links, browser metas and inputs", () => {
    const out = slimHtml(
      `<head><link rel="stylesheet" href="/a.css"><link rel="canonical" href="https://news.example/a"><meta name="viewport" content="width=device-width"><meta property="og:image" content="/a.jpg"><meta property="og:title" content="A &quot;quoted&quot; title"></head><form><input name="q"></form>`,
    );
    assert.equal(
      out,
      `<head><link rel="canonical" href="https://news.example/a"><meta property="og:title" content="A &quot;quoted&quot; title"></head><form></form>`,
    );
  });
  it("keeps hiding styles as a marker and drops the others", () => {
    assert.equal(
      slimHtml(`<p style="color:red">a</p><p style="DISPLAY: none">b</p><p style='visibility:hidden'>c</p>`),
      `<p>a</p><p style="display:none">b</p><p style="display:none">c</p>`,
    );
  });
  it("drops whitespace next to block tags but keeps the space between inline elements", () => {
    const out = slimHtml("<div>\n  <p>\n    <b>North</b>\n    <i>Korea</i>\n  </p>\n</div>");
    assert.equal(out, "<div><p><b>North</b> <i>Korea</i></p></div>");
    assert.equal(text(out), "North Korea");
  });
  it("copies JSON-LD, titles and <pre> verbatim", () => {
    const ld = `<script type="application/ld+json">{"headline":"a <b> c","x":"</p>"}</script>`;
    assert.equal(slimHtml(ld), ld);
    const pre = "<pre>  line one\n    <span data-x=1>two</span></pre>";
    assert.equal(slimHtml(pre), pre);
  });
  it("leaves stray '<' in text and doctype alone", () => {
    assert.equal(slimHtml("<!doctype html><p>a < b and 3<4</p>"), "<!doctype html><p>a < b and 3<4</p>");
  });
  it("survives unterminated tags and quotes", () => {
    assert.equal(slimHtml(`<p>ok</p><div class="unterminated>never`), `<p>ok</p><div>`);
    assert.equal(slimHtml("<p>ok</p><div"), "<p>ok</p><div>");
  });
  it("does not change the extracted article", () => {
    const page = `<html><head><title>Port closed | Harbor Post</title></head><body><div class="nav-wrap"><a href="/">Home</a></div><article data-id="9"><p class="lede" data-k="v">RIGA — The port authority said on Wednesday that a cargo ship had been held for inspection after it reported a damaged anchor near a seabed cable.</p>\n<p>Investigators are checking whether the anchor was dragged across the cable during the storm, <a href="/x">officials said</a>.</p></article></body></html>`;
    const raw = { source: "p.html", kind: "html" as const, contentType: "text/html" as const, hints: {} };
    const a = cleanDocument({ ...raw, content: page });
    assert.match(a.body, /^RIGA — The port authority/);
    assert.match(a.body, /during the storm, officials said\.$/);
    assert.equal(a.title, "Port closed");
  });
  it("finds closing tags case-insensitively without lower-casing the page", () => {
    // "İ" lower-cases to two code units: offsets of a lower-cased copy would be off by one.
    const html = "<p>İstanbul</p><SCRIPT>x</Script><p>after</p>";
    assert.equal(indexOfClosingTag(html, "script", 0), html.indexOf("</Script"));
    assert.equal(stripInert(html), "<p>İstanbul</p><p>after</p>");
  });
  it("handles a 5 MB run of tags and attributes (linear, no stack growth)", () => {
    const html = `<div>${'<span data-a="1" class="x">w</span> '.repeat(150_000)}</div>`;
    const out = slimHtml(html);
    assert.ok(out.length < html.length * 0.7);
    assert.ok(out.startsWith('<div><span class="x">w</span> <span'));
  });
});
