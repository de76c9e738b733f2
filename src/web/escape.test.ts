/**
 * Article text is data, never markup: an article whose text holds <script>, <img onerror=…> and javascript:
 * links renders all of it as visible text on every page that shows it.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { parseHTML } from "linkedom";
import { createDesk, type Desk } from "../server/app.js";
import { type DeskFixture, deskFixture } from "../server/testing.js";
import { highlight } from "./highlight.js";
import { escapeHtml, html, safeUrl } from "./html.js";
import { snippetHtml } from "./pages/search.js";

const HOST = { host: "127.0.0.1:8080" };

/** Everything on a page that could run script: inline scripts, handlers, script URLs. */
function activeContent(page: string): string[] {
  const { document } = parseHTML(page);
  const found: string[] = [];
  for (const s of Array.from(document.querySelectorAll("script"))) {
    const src = s.getAttribute("src") ?? "";
    if (!src.startsWith("/static/") || s.textContent?.trim()) found.push(`script ${src || s.textContent}`);
  }
  for (const el of Array.from(document.querySelectorAll("*"))) {
    for (const attr of Array.from(el.attributes) as { name: string; value: string }[]) {
      if (/^on/i.test(attr.name)) found.push(`${el.tagName} ${attr.name}`);
      if (
        /^(href|src|action|formaction|xlink:href)$/i.test(attr.name) &&
        /^\s*(javascript|data|vbscript):/i.test(attr.value)
      )
        found.push(`${el.tagName} ${attr.name}=${attr.value}`);
    }
  }
  for (const tag of ["img", "iframe", "object", "embed", "svg"]) {
    for (const _ of Array.from(document.querySelectorAll(`main ${tag}`))) found.push(`<${tag}> in main`);
  }
  return found;
}

describe("escaping article-derived text", () => {
  let fx: DeskFixture;
  let desk: Desk;
  const page = async (path: string) => {
    const res = await desk.app.request(path, { headers: HOST });
    assert.equal(res.status, 200, `${path}: ${res.status}`);
    return res.text();
  };

  before(async () => {
    fx = await deskFixture();
    desk = createDesk({ store: fx.store });
  });
  after(() => fx.close());

  it("shows <script>, <img onerror> and javascript: links in an article as text", async () => {
    assert.ok(fx.hostileId, "the hostile report was stored");
    const body = await page(`/articles/${fx.hostileId}`);
    assert.deepEqual(activeContent(body), []);
    const { document } = parseHTML(body);
    assert.match(
      document.querySelector("h1")?.textContent ?? "",
      /Customs <script>alert\("title"\)<\/script> seize drones/,
    );
    const text = document.getElementById("article-body")?.textContent ?? "";
    assert.match(text, /<script>document\.title="pwned"<\/script>/);
    assert.match(text, /<img src=x onerror="document\.title='pwned'">/);
    assert.match(text, /javascript:alert\(4\)/);
    assert.match(body, /&lt;script&gt;/);
  });

  it("never turns an article's javascript: URL into a link", async () => {
    const hostile = (await fx.store.listArticles()).find((a) => a.source.startsWith("upload:f-hostile"));
    assert.ok(hostile);
    const body = await page(`/articles/${hostile.id}`);
    assert.deepEqual(activeContent(body), []);
    const { document } = parseHTML(body);
    assert.match(
      document.querySelector(".meta-grid")?.textContent ?? "",
      /javascript:document\.title='pwned'/,
    );
    assert.match(document.querySelector(".meta-grid")?.textContent ?? "", /Wire <i>Desk<\/i>/);
  });

  it("keeps every page that lists the hostile article free of active content", async () => {
    const stories = (await fx.store.listStories()).map((s) => `/stories/${s.id}`);
    const claims = (await fx.store.getLedger()).claims.map((c) => `/claims/${c.id}`);
    const entities = (await fx.store.listEntities({ limit: 20 })).map(
      (e) => `/entities/${encodeURIComponent(e.key)}`,
    );
    for (const path of [
      "/",
      "/stories",
      "/ledger",
      "/entities",
      "/discrepancies",
      "/graph",
      "/search?q=drones",
      "/search?q=pwned",
      `/search?q=${encodeURIComponent('"><script>alert(1)</script>')}`,
      ...stories,
      ...claims,
      ...entities,
    ]) {
      assert.deepEqual(activeContent(await page(path)), [], path);
    }
  });

  it("escapes every interpolated value and keeps quotes closed in attributes", () => {
    const evil = `"><script>x()</script>'`;
    const out = html`<a title="${evil}" href="/x">${evil}</a>`.value;
    assert.equal(
      out,
      `<a title="&quot;&gt;&lt;script&gt;x()&lt;/script&gt;&#39;" href="/x">&quot;&gt;&lt;script&gt;x()&lt;/script&gt;&#39;</a>`,
    );
    assert.equal(html`${[evil, html`<b>${"&"}</b>`]}`.value, `${escapeHtml(evil)}<b>&amp;</b>`);
  });

  it("lets only http(s) and the desk's own paths into links", () => {
    assert.equal(safeUrl("https://example.org/a?b=1"), "https://example.org/a?b=1");
    assert.equal(safeUrl("/articles/abc"), "/articles/abc");
    for (const bad of [
      "javascript:alert(1)",
      " JavaScript:alert(1)",
      "data:text/html,<script>",
      "//evil.example/x",
      "vbscript:x",
      "/\\evil",
    ]) {
      assert.equal(safeUrl(bad), null, bad);
    }
  });

  it("highlights overlapping spans without breaking the text or letting markup through", () => {
    const body = "Seoul said <b>North Korea</b> sent shells.";
    const start = body.indexOf("North");
    const out = highlight(body, [
      { start: 0, end: body.length - 1, className: "hl-claim" },
      { start, end: start + 11, className: "hl-entity", title: 'N"K' },
    ]).value;
    const { document } = parseHTML(`<div>${out}</div>`);
    assert.equal(document.querySelector("div")?.textContent, body, "the text comes back whole");
    assert.equal(document.querySelectorAll("b").length, 0);
    assert.equal(document.querySelector("mark.hl-claim.hl-entity")?.textContent, "North Korea");
    assert.equal(document.querySelector("mark.hl-entity")?.getAttribute("title"), 'N"K');
  });

  it("marks search matches and escapes the rest of a snippet", () => {
    assert.equal(snippetHtml("a «<b>» c").value, "a <mark>&lt;b&gt;</mark> c");
  });
});
