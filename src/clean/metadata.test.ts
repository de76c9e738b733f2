/**
 * Article metadata as an analyst sees it: title without site affixes (the site kept as outlet), the
 * publication date from the most trusted place with `publishedFrom` saying which, outlet, byline, dateline,
 * language, and a claimed source that is flagged as unverified provenance.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analyze } from "../pipeline.js";
import type { RawDocument } from "../types.js";
import { cleanDocument } from "./index.js";
import { plainText } from "./test-helpers.js";

const BODY =
  "<p>SEOUL, March 4, 2025 — The defence ministry said on Tuesday that two artillery shells had landed near the border island, and that no one was hurt.</p><p>Officials said they were still checking where the shells had been fired from and would brief reporters again in the evening.</p>";

function page(parts: { head?: string; body?: string; url?: string; lang?: string }): RawDocument {
  const lang = parts.lang === undefined ? ' lang="en-GB"' : parts.lang ? ` lang="${parts.lang}"` : "";
  return {
    source: "page.html",
    kind: "html",
    contentType: "text/html",
    content: `<!doctype html><html${lang}><head>${parts.head ?? ""}</head><body><article>${parts.body ?? BODY}</article></body></html>`,
    hints: parts.url ? { url: parts.url } : {},
  };
}
const ld = (o: object) => `<script type="application/ld+json">${JSON.stringify(o)}</script>`;

describe("publication date, by order of trust", () => {
  const all = {
    ld: ld({ "@type": "NewsArticle", datePublished: "2025-03-01T09:00:00+09:00" }),
    meta: '<meta property="article:published_time" content="2025-03-02T10:00:00Z">',
    time: '<time datetime="2025-03-03">March 3</time>',
    url: "https://border.example/2025/03/05/shells",
  };
  it("takes JSON-LD first", () => {
    const a = cleanDocument(page({ head: all.ld + all.meta, body: all.time + BODY, url: all.url }));
    assert.deepEqual([a.published, a.publishedFrom], ["2025-03-01", "json-ld"]);
  });
  it("then meta tags", () => {
    const a = cleanDocument(page({ head: all.meta, body: all.time + BODY, url: all.url }));
    assert.deepEqual([a.published, a.publishedFrom], ["2025-03-02", "meta"]);
  });
  it("then <time>", () => {
    const a = cleanDocument(page({ body: all.time + BODY, url: all.url }));
    assert.deepEqual([a.published, a.publishedFrom], ["2025-03-03", "time-element"]);
  });
  it("then the URL", () => {
    const a = cleanDocument(page({ url: all.url }));
    assert.deepEqual([a.published, a.publishedFrom], ["2025-03-05", "url"]);
  });
  it("then the dateline of the text", () => {
    const a = cleanDocument(page({ url: "https://border.example/shells" }));
    assert.deepEqual([a.published, a.publishedFrom], ["2025-03-04", "dateline"]);
  });
  it("and says so when there is none", () => {
    const a = cleanDocument(
      page({ body: "<p>The ministry said two shells had landed near the island, and no one was hurt.</p>" }),
    );
    assert.deepEqual([a.published, a.publishedFrom], [null, "none"]);
  });
  it("skips a date tag that holds no date and reads a CMS's own post-date tag", () => {
    const a = cleanDocument(
      page({
        head: '<meta name="pubdate" content="A1B2C3"><meta name="xyz-post-date" content="2025/03/06">',
      }),
    );
    assert.deepEqual([a.published, a.publishedFrom], ["2025-03-06", "meta"]);
  });
  it("never shifts an ISO date into another time zone", () => {
    const a = cleanDocument(
      page({ head: ld({ "@type": "NewsArticle", datePublished: "2025-03-01T23:30:00-05:00" }) }),
    );
    assert.equal(a.published, "2025-03-01");
  });
});

describe("title, section and outlet", () => {
  it("cuts the site suffix and keeps the site as outlet when the page names none", () => {
    const a = cleanDocument(page({ head: "<title>Shells land near border island | Island Courier</title>" }));
    assert.equal(a.title, "Shells land near border island");
    assert.equal(a.outlet, "Island Courier");
  });
  it("cuts a section prefix into the section", () => {
    const a = cleanDocument(
      page({
        head: '<title>Analysis | Why the shelling matters - Island Courier</title><meta property="og:site_name" content="Island Courier">',
      }),
    );
    assert.equal(a.title, "Why the shelling matters");
    assert.equal(a.section, "Analysis");
    assert.equal(a.outlet, "Island Courier");
  });
  it("reads the outlet from og:site_name, else the JSON-LD publisher, else the domain", () => {
    const og = cleanDocument(page({ head: '<meta property="og:site_name" content="Harbor Post">' }));
    const pub = cleanDocument(
      page({
        head: ld({
          "@type": "NewsArticle",
          headline: "Shells",
          publisher: { "@type": "Organization", name: "Ledger Group" },
        }),
      }),
    );
    const dom = cleanDocument(page({ url: "https://www.islandcourier.example/a/1" }));
    assert.deepEqual(
      [og.outlet, pub.outlet, dom.outlet],
      ["Harbor Post", "Ledger Group", "islandcourier.example"],
    );
  });
  it("decodes character references and ignores placeholder values", () => {
    const a = cleanDocument(
      page({
        head: ld({
          "@type": "NewsArticle",
          headline: "&#8216;No one was hurt&#8217; &amp;amp; calm returns",
          author: "undefined",
        }),
      }),
    );
    assert.equal(a.title, "‘No one was hurt’ & calm returns");
    assert.equal(a.byline, null);
  });
});

describe("byline, dateline and language", () => {
  it("reads the byline from JSON-LD authors, and a 'By' line at the top of the body", () => {
    const a = cleanDocument(
      page({ head: ld({ "@type": "NewsArticle", author: [{ name: "Kim Ha-na" }, { name: "Lee Min" }] }) }),
    );
    assert.equal(a.byline, "Kim Ha-na, Lee Min");
    const b = cleanDocument(page({ body: `<p>By Jane Roe and Ali Khan</p>${BODY}` }));
    assert.equal(b.byline, "Jane Roe and Ali Khan");
    assert.ok(b.removed.some((r) => r.reason === "byline" && r.text === "By Jane Roe and Ali Khan"));
    assert.ok(b.body.startsWith("SEOUL, March 4"));
  });
  it("reads outlet, date and byline from a plain-text 'Outlet | Date' or 'By … · Outlet · Date' line", () => {
    const text = (head: string) =>
      plainText(
        `North Korea sent munitions containers to Russia, Seoul says\n\n${head}\n\n(SEOUL) North Korea has sent around 9,000 containers of munitions to Russia since August, the defense ministry said.\n\nThe ministry said the shipments went by rail and by sea.`,
      );
    const a = cleanDocument(text("Pacific Daily Digest | November 15, 2024"));
    assert.equal(a.outlet, "Pacific Daily Digest");
    assert.equal(a.published, "2024-11-15");
    assert.ok(a.body.startsWith("(SEOUL) North Korea"));
    const b = cleanDocument(text("By Elena Marsh · Harbor Ledger · 3 May 2024"));
    assert.equal(b.byline, "Elena Marsh");
    assert.equal(b.outlet, "Harbor Ledger");
    assert.equal(b.published, "2024-05-03");
    const tass = cleanDocument(
      plainText(
        "Lavrov and Choe discuss cooperation\n\nMOSCOW, November 4. /TASS/. Russian Foreign Minister Sergei Lavrov held talks with his North Korean counterpart on Monday.",
      ),
    );
    assert.equal(tass.dateline, "MOSCOW");
    assert.equal(tass.claimedSource, "TASS");
    // A section line with no date is a title line, not metadata.
    const c = cleanDocument(text("World | Asia"));
    assert.equal(c.published, null);
  });
  it("finds the dateline forms '(SEOUL)', 'Pyongyang –' and 'SEOUL, March 4 —'", () => {
    const datelineOf = (p: string) =>
      cleanDocument(
        page({ body: `<p>${p} officials said the talks would resume next week in the capital.</p>` }),
      ).dateline;
    assert.equal(datelineOf("(SEOUL) —"), "SEOUL");
    assert.equal(datelineOf("Pyongyang –"), "Pyongyang");
    assert.equal(datelineOf("SEOUL, March 4 (Yonhap) --"), "SEOUL");
    assert.equal(datelineOf("MOSCOW, November 4. /TASS/."), "MOSCOW");
    assert.equal(datelineOf("The"), null);
  });
  it("takes the language from html lang, else guesses it from the text", () => {
    assert.equal(cleanDocument(page({})).language, "en");
    const fr = cleanDocument(
      page({
        lang: "",
        body: "<p>Le ministère de la Défense a déclaré que deux obus étaient tombés près de l'île et que personne n'a été blessé dans la matinée.</p>",
      }),
    );
    assert.equal(fr.language, "fr");
  });
});

describe("claimed source", () => {
  const branded = "<title>Shells land near border island - BBC.co.uk</title>";
  it("flags a page signed '- BBC.co.uk' on a site that is not the BBC", () => {
    const raw = page({ head: branded, url: "https://korea-wire-daily.example/2025/03/04/shells" });
    const a = cleanDocument(raw);
    assert.equal(a.title, "Shells land near border island");
    assert.equal(a.claimedSource, "BBC.co.uk");
    assert.equal(a.outlet, "korea-wire-daily.example");
    const flags = analyze(raw).flags.filter((f) => f.kind === "UNVERIFIED_PROVENANCE");
    assert.equal(flags.length, 1);
    assert.match(flags[0]?.message ?? "", /BBC\.co\.uk/);
  });
  it("claims nothing when the page is the BBC's own, on any of its domains", () => {
    for (const url of [
      "https://www.bbc.co.uk/news/x",
      "https://www.bbc.com/news/x",
      "https://news.bbc.co.uk/x",
    ]) {
      const raw = page({ head: branded, url });
      assert.equal(cleanDocument(raw).claimedSource, null, url);
      assert.equal(analyze(raw).flags.filter((f) => f.kind === "UNVERIFIED_PROVENANCE").length, 0, url);
    }
  });
  it("does not take a site's own brand name in its title for a claim", () => {
    const a = cleanDocument(
      page({
        head: "<title>Shells land near border island - BBC News</title>",
        url: "https://www.bbc.co.uk/news/x",
      }),
    );
    assert.equal(a.claimedSource, null);
    assert.equal(a.outlet, "BBC News");
  });
  it("reads the claim from a plain-text scrape's '- Reuters.com' line and keeps the line in removed[]", () => {
    const text = cleanDocument({
      source: "scrape.txt",
      kind: "text",
      contentType: "text/plain",
      content:
        "Harbor Daily Wire\n\nShells land near border island\n\n- Reuters.com\n\nSEOUL – The defence ministry said on Tuesday that two artillery shells had landed near the border island.",
      hints: {},
    });
    assert.equal(text.claimedSource, "Reuters.com");
    assert.equal(text.outlet, "Harbor Daily Wire");
    assert.deepEqual(
      text.removed.map((r) => `${r.reason}: ${r.text}`),
      [
        "site-name: Harbor Daily Wire",
        "title: Shells land near border island",
        "claimed-source: - Reuters.com",
      ],
    );
  });
});
