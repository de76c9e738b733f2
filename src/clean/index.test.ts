import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import type { RawDocument } from "../types.js";
import { articleId, cleanDocument } from "./index.js";
import { plainText } from "./test-helpers.js";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const text = (content: string, hints: RawDocument["hints"] = {}): RawDocument => plainText(content, hints);

describe("cleanDocument on a content-farm text scrape", () => {
  const a = cleanDocument(text(fixture("content-farm.txt")));
  it("reads date, outlet, section and title from the header lines", () => {
    assert.equal(a.published, "2025-05-03");
    assert.equal(a.publishedFrom, "first-line");
    assert.equal(a.outlet, "Eastern Harbor Times");
    assert.equal(a.section, "Diplomacy");
    assert.equal(a.title, "Navy chief rejects claims of fuel deliveries to Tartus");
    assert.equal(a.claimedSource, null);
  });
  it("starts the body at the dateline and keeps it", () => {
    assert.equal(a.dateline, "BUSAN");
    assert.ok(a.body.startsWith("(BUSAN) A senior naval commander"));
    assert.ok(a.body.endsWith("shipping records next week."));
  });
  it("removes each boilerplate line with its reason", () => {
    const reasons = a.removed.map((r) => `${r.reason}: ${r.text}`);
    assert.deepEqual(reasons, [
      "date-line: May 3, 2025",
      "site-name: Eastern Harbor Times",
      "tagline: Voices from the coast",
      "title: Diplomacy | Navy chief rejects claims of fuel deliveries to Tartus",
      "repeated-title: Diplomacy | Navy chief rejects claims of fuel deliveries to Tartus",
      "photo-credit: Photo by Anna Kowalski / AFP",
      "caption: The commander and two aides at a naval base in April 2025",
      "see-also: See also Grain prices rise after a poor harvest in the south",
    ]);
    assert.ok(!a.body.includes("Kowalski"));
    assert.ok(!a.body.includes("Grain prices"));
  });
  it("separates paragraphs with one blank line", () => {
    assert.equal(a.body.split("\n\n").length, 4);
    assert.ok(!a.body.includes("\n\n\n"));
  });
});

describe("cleanDocument on a rewrite branded as another outlet", () => {
  const a = cleanDocument(text(fixture("branded-rewrite.txt")));
  it("records the claimed source and removes its line", () => {
    assert.equal(a.claimedSource, "Reuters.com");
    assert.ok(a.removed.some((r) => r.reason === "claimed-source" && r.text === "- Reuters.com"));
    assert.ok(!a.body.includes("Reuters"));
  });
  it("has no date and says so", () => {
    assert.equal(a.published, null);
    assert.equal(a.publishedFrom, "none");
  });
  it("finds the title and a dash dateline", () => {
    assert.equal(a.title, "Border Trade Resumes as Officials Deny Arms Deals");
    assert.equal(a.dateline, "Vladivostok");
    assert.ok(a.body.startsWith("Vladivostok – Trucks"));
    assert.equal(a.body.split("\n\n").length, 3);
  });
});

describe("cleanDocument on other plain texts", () => {
  it("rejoins hard-wrapped lines into one paragraph", () => {
    const a = cleanDocument(text(fixture("wrapped.txt")));
    assert.equal(a.title, "Coast guard stops cargo vessel near strait");
    const paragraphs = a.body.split("\n\n");
    assert.equal(paragraphs.length, 2);
    assert.match(
      paragraphs[0] ?? "",
      /failed to answer radio calls for more than six hours, officials said in a statement/,
    );
  });
  it("lets container hints win over what the text says", () => {
    const a = cleanDocument(
      text(
        "Wire Desk Title\n\nOFFICIALS in the capital said on Friday that talks would resume next month after a pause.",
        {
          title: "Wire Desk Title",
          published: "2025-01-09T22:10:00Z",
          outlet: "Wire Desk",
          url: "https://wire.example/a",
        },
      ),
    );
    assert.equal(a.title, "Wire Desk Title");
    assert.equal(a.published, "2025-01-09");
    assert.equal(a.publishedFrom, "hint");
    assert.equal(a.outlet, "Wire Desk");
    assert.equal(a.url, "https://wire.example/a");
    assert.ok(a.body.startsWith("OFFICIALS in the capital"));
    assert.ok(a.removed.some((r) => r.text === "Wire Desk Title"));
  });
  it("takes a date from a dateline when nothing else has one", () => {
    const a = cleanDocument(
      text(
        "WASHINGTON, March 4, 2025 — The State Department announced new visa restrictions on Tuesday for two officials.",
      ),
    );
    assert.equal(a.dateline, "WASHINGTON");
    assert.equal(a.published, "2025-03-04");
    assert.equal(a.publishedFrom, "dateline");
  });
  it("reads the agency a wire dateline names as the copy's claimed source, not the outlet's own", () => {
    const a = cleanDocument(
      text(
        "SEOUL, Nov 14 (Harbor Wire) - South Korea's spy agency said on Thursday that shipments went by rail.",
      ),
    );
    assert.equal(a.dateline, "SEOUL");
    assert.equal(a.claimedSource, "Harbor Wire");
    const own = cleanDocument(
      text("Pyongyang, December 24 (KCNA) -- Japan continues discharging contaminated water into the sea.", {
        outlet: "KCNA",
      }),
    );
    assert.equal(own.claimedSource, null);
    const place = cleanDocument(
      text("(SEOUL) The ministry said on Friday that the talks would resume in May."),
    );
    assert.equal(place.claimedSource, null);
  });
  it("removes an inline photo credit at the end of a paragraph", () => {
    const a = cleanDocument(
      text(
        "Ferry service restarts\n\nThe ferry between the two islands restarted on Monday after repairs to the pier were finished. (Photo: Island Herald)\n\nTickets sold out within hours.",
      ),
    );
    assert.ok(!a.body.includes("Island Herald"));
    assert.ok(a.removed.some((r) => r.reason === "photo-credit" && r.text === "(Photo: Island Herald)"));
  });
  it("guesses the language of plain text", () => {
    assert.equal(cleanDocument(text(fixture("wrapped.txt"))).language, "en");
    const fr = cleanDocument(
      text(
        "Le ministère a annoncé que les navires ne sont pas entrés dans le port et que la enquête est en cours pour le moment.",
      ),
    );
    assert.equal(fr.language, "fr");
  });
});

describe("cleanDocument on HTML", () => {
  const a = cleanDocument({
    source: "p.html",
    kind: "html",
    contentType: "text/html",
    content: fixture("page.html"),
    hints: {},
  });
  it("reads metadata from JSON-LD and meta tags", () => {
    assert.equal(a.title, "Inspectors find missing drones at depot");
    assert.equal(a.outlet, "The Lowland Courier");
    assert.equal(a.published, "2025-02-11");
    assert.equal(a.publishedFrom, "json-ld");
    assert.equal(a.byline, "Petra Novak");
    assert.equal(a.language, "en");
    assert.equal(a.dateline, "GDANSK");
  });
  it("keeps the story's paragraphs and drops caption, navigation and related links", () => {
    const paragraphs = a.body.split("\n\n");
    assert.equal(paragraphs.length, 5);
    assert.ok(paragraphs[0]?.startsWith("GDANSK — Inspectors found forty"));
    assert.ok(!a.body.includes("warehouse at the depot. Photo"));
    assert.ok(!a.body.includes("Port strike"));
    assert.ok(!a.body.includes("Home"));
    assert.ok(a.removed.some((r) => r.reason === "caption"));
  });
  it("extracts an HTML fragment from a feed item", () => {
    const b = cleanDocument({
      source: "f.xml#1",
      kind: "feed",
      contentType: "text/html",
      content:
        "<p>MANILA — The navy said on Friday it had tracked two survey ships inside the economic zone.</p><p>Both left within a day.</p>",
      hints: { title: "Survey ships tracked", url: "https://f.example/1" },
    });
    assert.equal(
      b.body,
      "MANILA — The navy said on Friday it had tracked two survey ships inside the economic zone.\n\nBoth left within a day.",
    );
  });
});

describe("articleId", () => {
  const base = { url: "https://a.example/x", outlet: "A", title: "T", body: "One  two\n\nthree" };
  it("is 16 hex chars and ignores whitespace differences in the body", () => {
    assert.match(articleId(base), /^[0-9a-f]{16}$/);
    assert.equal(articleId(base), articleId({ ...base, body: "One two three" }));
  });
  it("differs for the same text on another site", () => {
    assert.notEqual(articleId(base), articleId({ ...base, url: "https://b.example/x", outlet: "B" }));
  });
  it("is the same when the same document is cleaned twice", () => {
    const raw = text(fixture("wrapped.txt"));
    assert.equal(cleanDocument(raw).id, cleanDocument(raw).id);
  });
});

describe("cleanDocument on hostile input (bounded time, no crash)", () => {
  it("cleans a 10 MB single-line text", () => {
    const a = cleanDocument(text(`${"ships sail north ".repeat(600_000)}end.`));
    assert.ok(a.body.length > 9_000_000);
    assert.ok(a.title.length < 300);
  });
  it("cleans a 10 MB line of spaces and brackets without hanging", () => {
    const a = cleanDocument(text(`(${" ".repeat(5_000_000)}(photo: x${"(".repeat(5_000_000)}`));
    assert.equal(typeof a.body, "string");
  });
  it("reads a 20,000-deep HTML page with the fallback instead of overflowing the stack", () => {
    const html = `<html><body>${"<div>".repeat(20_000)}<p>HELSINKI — The border guard said on Monday that the crossing would stay closed for another month.</p>${"</div>".repeat(20_000)}</body></html>`;
    const a = cleanDocument({
      source: "deep.html",
      kind: "html",
      contentType: "text/html",
      content: html,
      hints: {},
    });
    assert.equal(
      a.body,
      "HELSINKI — The border guard said on Monday that the crossing would stay closed for another month.",
    );
  });
  it("keeps a text of a single paragraph as its body", () => {
    const a = cleanDocument(text("The talks ended without agreement on Tuesday."));
    assert.equal(a.body, "The talks ended without agreement on Tuesday.");
  });
});

describe("cleanDocument on HTML without a usable article element", () => {
  it("finds the densest block of running text and drops the menus around it", () => {
    const menu = ["Home", "World", "Business", "Sport", "Weather"].map((x) => `<div>${x}</div>`).join("");
    const html = `<html><body>${menu}<div><span>RIGA — The port authority said on Wednesday that a cargo ship had been held for inspection after it reported a damaged anchor.</span><br><span>Investigators are checking whether the anchor was dragged across a seabed cable during the storm last week.</span></div><div>Contact us</div><div>Privacy</div></body></html>`;
    const a = cleanDocument({
      source: "p.html",
      kind: "html",
      contentType: "text/html",
      content: html,
      hints: {},
    });
    assert.ok(a.body.startsWith("RIGA — The port authority"));
    assert.ok(a.body.endsWith("during the storm last week."));
    assert.ok(!a.body.includes("Business"));
    assert.ok(!a.body.includes("Privacy"));
  });
  it("records a claimed source line in an HTML body", () => {
    const html = `<html><head><meta property="og:site_name" content="Daily Mirror Feed"></head><body><article><p>TOKYO — The government approved a record defence budget on Friday, the cabinet office said in a statement.</p><p>The plan includes funds for long-range missiles and new destroyers over the next five years.</p><p>— Reuters</p></article></body></html>`;
    const a = cleanDocument({
      source: "p.html",
      kind: "html",
      contentType: "text/html",
      content: html,
      hints: {},
    });
    assert.equal(a.claimedSource, "Reuters");
    assert.equal(a.outlet, "Daily Mirror Feed");
    assert.ok(!a.body.includes("— Reuters"));
  });
});

describe("cleanDocument keeps ordinary lines that only look like boilerplate", () => {
  it("keeps sentences about inboxes, lists of officials and 'via' lines", () => {
    const content = [
      "Briefing on the summit",
      "Via Teleconference",
      "Reporters should have the full schedule of the visit in your inbox by tonight, the spokesperson said at the start of the call.",
      "Published reports in March said that three cargo ships had docked at the northern port.",
      "Choe Ryong Hae, first vice-president of the State Affairs Commission",
      "Pak Thae Song, premier of the Cabinet",
    ].join("\n");
    const a = cleanDocument(text(content, { title: "Briefing on the summit" }));
    assert.equal(a.claimedSource, null);
    for (const kept of [
      "in your inbox by tonight",
      "Published reports in March",
      "Choe Ryong Hae, first vice-president",
      "Pak Thae Song",
    ]) {
      assert.ok(a.body.includes(kept), kept);
    }
  });
  it("rejoins markdown wrapped at a fixed width even when the next line starts with a capital", () => {
    const content =
      "Nominee profile\n\nMaria Lopez is the Deputy Director of the Regional Maritime Security\nCenter and a former adviser to the Ministry of Foreign Affairs. She\nholds a degree from the National University.\n\nShe lives in the capital.";
    const a = cleanDocument(text(content));
    assert.deepEqual(a.body.split("\n\n"), [
      "Maria Lopez is the Deputy Director of the Regional Maritime Security Center and a former adviser to the Ministry of Foreign Affairs. She holds a degree from the National University.",
      "She lives in the capital.",
    ]);
  });
});

describe("cleanDocument on a statement exported as 70-column text with no blank lines", () => {
  const content = [
    "The Ministry strongly condemns the launch by the Democratic People's Republic of",
    "Korea of a ballistic missile over the sea, which is a clear violation of",
    "several resolutions and raises tensions in the region and beyond. The launch",
    "involved technologies that are directly related to its missile program.",
    "Officials will brief the council on Monday.",
  ].join("\n");

  it("rejoins the wrapped lines into sentences", () => {
    const a = cleanDocument({ ...text(content, { title: "Statement on the launch" }), kind: "json" });
    const paragraphs = a.body.split("\n\n");
    assert.ok(
      paragraphs[0]?.startsWith(
        "The Ministry strongly condemns the launch by the Democratic People's Republic of Korea of a ballistic missile over the sea, which is a clear violation of several resolutions",
      ),
      a.body,
    );
    assert.ok(a.body.includes("related to its missile program."));
  });

  it("keeps one paragraph a line when the lines are not wrapped at a width", () => {
    const lines = [
      "Talks resumed in Geneva on Monday after a pause of several months, officials from both delegations said in a joint statement.",
      "The next round is planned for May.",
      "Neither side gave details of the agenda, which diplomats described as narrow and mostly technical in nature.",
    ];
    const a = cleanDocument({ ...text(lines.join("\n"), { title: "Talks resume" }), kind: "json" });
    assert.deepEqual(a.body.split("\n\n"), lines);
  });
});

describe("cleanDocument on HTML fragments from feeds and JSON", () => {
  it("keeps every paragraph of a feed item, however short", () => {
    const a = cleanDocument({
      source: "f.xml#2",
      kind: "feed",
      contentType: "text/html",
      content: "<p>Talks end.</p><p>No deal.</p><p>Share</p><p>Both sides will meet again in May.</p>",
      hints: { title: "Talks end" },
    });
    assert.equal(a.body, "Talks end.\n\nNo deal.\n\nBoth sides will meet again in May.");
    assert.ok(a.removed.some((r) => r.reason === "share-bar"));
  });
});

describe("short lists inside a story", () => {
  it("keeps a list of country names between paragraphs, but drops a menu at the top", () => {
    const a = cleanDocument(
      text(
        "Home\nWorld\nBusiness\nSport\nThe regulator named four destinations where the dual-use parts had been shipped last year.\nRussia\nIran\nSyria\nBelarus\nThe exporters deny any wrongdoing and say they will appeal.",
      ),
    );
    assert.ok(!a.body.includes("Business"));
    assert.ok(a.body.includes("Russia\n\nIran\n\nSyria\n\nBelarus"));
  });
});

describe("cleanDocument on the head and tail of an HTML body", () => {
  const story =
    "<p>The ministry said on Monday that the convoy had crossed the border at dawn and reached the depot by noon.</p><p>Officials declined to say what the trucks were carrying, citing security.</p>";
  const html = (head: string, top: string, bottom = "") =>
    cleanDocument({
      source: "p.html",
      kind: "html",
      contentType: "text/html",
      content: `<html><head>${head}</head><body><article>${top}${story}${bottom}</article></body></html>`,
      hints: { url: "https://convoy-desk.example/news/convoy" },
    });
  it("removes the repeated title, the site name, the page URL and a 'By X | date' line, with reasons", () => {
    const a = html(
      '<meta property="og:site_name" content="Convoy Desk"><meta property="og:title" content="Convoy reaches depot">',
      "<p>BREAKING NEWS</p><p>https://convoy-desk.example/news/convoy</p><p>Convoy reaches depot</p><p>Convoy Desk</p><p>By Ana Lima | June 3, 2024 at 2:26 PM KST - Updated June 3 at 4:46 PM</p>",
    );
    assert.deepEqual(
      a.removed.map((r) => r.reason),
      ["navigation", "other", "repeated-title", "site-name", "byline"],
    );
    assert.equal(a.byline, "Ana Lima");
    assert.equal(a.published, "2024-06-03");
    assert.equal(a.publishedFrom, "first-line");
    assert.ok(a.body.startsWith("The ministry said on Monday"));
  });
  it("reads a date line with several dates, times and an update label", () => {
    const a = html("", "<p>November 19, 2019 | 4:20am | Updated November 19, 2019 | 9:32pm</p>");
    assert.equal(a.published, "2019-11-19");
    assert.ok(a.removed.some((r) => r.reason === "date-line"));
  });
  it("drops page controls, link-list headings and contact lines, but keeps a sentence that starts alike", () => {
    const a = html(
      "",
      "<p>Caption</p><p>Close</p><p>Text size</p>",
      "<p>Write to Ana Lima at ana.lima@convoy-desk.example</p><p>Follow our full coverage of the border at https://convoy-desk.example/border</p><p>Related coverage from Convoy Desk:</p><p>Depot guards to be doubled</p><p>Border queue grows</p><p>Share Tweet Submit</p><p>LEARN MORE</p>",
    );
    assert.equal(
      a.body,
      "The ministry said on Monday that the convoy had crossed the border at dawn and reached the depot by noon.\n\nOfficials declined to say what the trucks were carrying, citing security.",
    );
    const reasons = new Set(a.removed.map((r) => r.reason));
    for (const r of ["navigation", "byline", "see-also", "related", "share-bar", "advertisement"])
      assert.ok(reasons.has(r as never), r);
    const b = html(
      "",
      "",
      "<p>Follow him on the road north, the guards said, and you reach the depot within an hour of leaving the border.</p><p>Close to the depot, the trucks were unloaded by soldiers.</p>",
    );
    assert.ok(b.body.includes("Follow him on the road north"));
    assert.ok(b.body.includes("Close to the depot"));
  });
});
