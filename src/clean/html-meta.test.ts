import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cleanDocument } from "./index.js";
import { dateFromUrl, stripTitleAffixes } from "./html-meta.js";

const html = (head: string, body: string, url?: string) =>
  cleanDocument({
    source: "p.html",
    kind: "html",
    contentType: "text/html",
    content: `<!doctype html><html><head>${head}</head><body><article>${body}</article></body></html>`,
    hints: url ? { url } : {},
  });
const story =
  "<p>BERLIN — The government said on Thursday that it would send two more air-defence systems before winter.</p><p>The systems will be delivered from army stocks, a spokesman for the defence ministry told reporters.</p><p>Originally published on Capital Daily.</p>";

describe("HTML metadata", () => {
  it("cuts site suffixes and section prefixes from titles", () => {
    assert.deepEqual(stripTitleAffixes("Ceasefire talks stall in Doha | Gulf Times", "Gulf Times"), {
      title: "Ceasefire talks stall in Doha",
      site: "Gulf Times",
    });
    assert.equal(
      stripTitleAffixes("Opinion | Why the embargo keeps failing", null).title,
      "Why the embargo keeps failing",
    );
    assert.equal(stripTitleAffixes("Opinion | Why the embargo keeps failing", null).section, "Opinion");
    assert.equal(
      stripTitleAffixes("Navy drills near the strait - Harbor News", null).title,
      "Navy drills near the strait",
    );
    assert.equal(stripTitleAffixes("Kim - a profile", null).title, "Kim - a profile");
  });
  it("falls back from meta dates to the URL, and says which one won", () => {
    const a = html(
      "<title>Air defence for winter</title>",
      story,
      "https://capital.example/2025/09/18/air-defence",
    );
    assert.equal(a.published, "2025-09-18");
    assert.equal(a.publishedFrom, "url");
    assert.equal(dateFromUrl("https://x.example/news/20240611-launch"), "2024-06-11");
    assert.equal(dateFromUrl("https://x.example/news/99999999"), null);
  });
  it("prefers meta tags to <time> and reports the source", () => {
    const a = html(
      '<meta property="article:published_time" content="2025-09-17T22:00:00-04:00">',
      `<time datetime="2025-09-20">x</time>${story}`,
    );
    assert.equal(a.published, "2025-09-17");
    assert.equal(a.publishedFrom, "meta");
  });
  it("uses the domain when og:site_name holds a URL, and ignores a claimed source that is the outlet itself", () => {
    const a = html(
      '<meta property="og:site_name" content="https://www.capitaldaily.example">',
      story,
      "https://www.capitaldaily.example/a",
    );
    assert.equal(a.outlet, "capitaldaily.example");
    assert.equal(a.claimedSource, null);
  });
  it("reads the language from html lang, else guesses it", () => {
    const a = html("", story);
    assert.equal(a.language, "en");
  });
});
