/**
 * The desk in a real browser: Debian's Chromium driven by playwright-core (which never downloads a browser).
 * Opens the dashboard, searches, opens a story, a claim (its evidence highlighted), an entity, an article and
 * the graph, then tries a write without a token (refused) and with one (accepted). A screenshot of each page
 * goes to test-output/desk/. Skips, saying why, when Chromium is not installed.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { type RunningDesk, startDesk } from "../server/index.js";
import { type DeskFixture, deskFixture } from "../server/testing.js";

const CHROMIUM = process.env.WATCHDESK_CHROMIUM ?? "/usr/bin/chromium";
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];
const OUT = fileURLToPath(new URL("../../test-output/desk/", import.meta.url));
const skip = existsSync(CHROMIUM)
  ? false
  : `Chromium not found at ${CHROMIUM}: install Debian's (apt-get install -y chromium) or set WATCHDESK_CHROMIUM`;

describe("the desk in Chromium", { skip }, () => {
  let fx: DeskFixture;
  let running: RunningDesk;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  const shot = async (name: string) => {
    await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
  };

  before(async () => {
    mkdirSync(OUT, { recursive: true });
    fx = await deskFixture();
    running = await startDesk({ store: fx.store, port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: FLAGS,
      headless: true,
      timeout: 60_000,
    });
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.setDefaultTimeout(15_000);
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  });

  after(async () => {
    await browser?.close();
    await running?.close();
    await fx?.close();
  });

  it("opens the dashboard with stories, contested claims and denials", async () => {
    await page.goto(`${running.url}/`);
    assert.equal(await page.locator("h1").textContent(), "Dashboard");
    assert.ok((await page.locator("#latest + ol li").count()) >= 2);
    assert.ok(
      (await page.locator("section[aria-labelledby=denials] li").count()) >= 1,
      "the denial is listed",
    );
    await shot("01-dashboard");
  });

  it("searches from the keyboard and narrows by a facet", async () => {
    await page.keyboard.press("/");
    assert.equal(
      await page.evaluate(() => document.activeElement?.id),
      "quick-q",
      "/ focuses the search box",
    );
    await page.keyboard.type("launchers");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/search\?q=launchers/);
    const all = await page.locator("ol.hits > li").count();
    assert.ok(all >= 3, `${all} hits`);
    assert.ok((await page.locator("ol.hits mark").count()) >= 1, "matched words are marked");
    await shot("02-search");
    await page.selectOption("select[name=stance]", "DENY");
    await page.click("form.search-form button[type=submit]");
    await page.waitForURL(/stance=DENY/);
    const denials = await page.locator("ol.hits > li").count();
    assert.ok(denials >= 1 && denials < all, `stance facet: ${denials} of ${all}`);
  });

  it("opens a story: claims with holders side by side, timeline, articles by duplicate cluster", async () => {
    await page.goto(`${running.url}/stories`);
    await page
      .locator("table.grid tbody tr", { hasText: "rocket launchers north by rail" })
      .locator("a")
      .first()
      .click();
    await page.waitForURL(/\/stories\/st_/);
    assert.ok((await page.locator("table.side-by-side tbody tr").count()) >= 1);
    assert.ok((await page.locator("ol.timeline li").count()) >= 2);
    assert.equal(
      await page.locator("ul.copies li").count(),
      1,
      "the syndicated copy sits under its original",
    );
    await shot("03-story");
  });

  it("opens a claim and sees its evidence highlighted in the cleaned text", async () => {
    // The contested claim, whose report has a syndicated copy (claims are listed by independent sources).
    await page
      .locator("table.side-by-side tbody tr", { hasText: "rocket launchers" })
      .locator("a.claim-link")
      .first()
      .click();
    await page.waitForURL(/\/claims\/cl_/);
    const mark = page.locator(".excerpt mark.hl-evidence").first();
    assert.ok(await mark.isVisible(), "the evidence sentence is highlighted");
    const background = await mark.evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(background, "rgba(0, 0, 0, 0)", "the highlight is painted");
    assert.match((await page.locator("#independent b").textContent()) ?? "", /^\d+$/);
    assert.ok(
      (await page.locator("#copies ~ ul li, section[aria-labelledby=copies] li").count()) >= 1,
      "the collapsed copy is named",
    );
    await shot("04-claim");
  });

  it("opens an entity with its sanctions match and score breakdown", async () => {
    await page.goto(`${running.url}/entities?name=seagull`);
    await page.locator("table.grid tbody a").first().click();
    await page.waitForURL(/\/entities\//);
    assert.match((await page.locator(".match h3").first().textContent()) ?? "", /KPe\.901/);
    assert.ok((await page.locator(".match table.features tbody tr").count()) >= 2);
    await shot("05-entity");
  });

  it("shows an article with markup in its text as text, and runs none of it", async () => {
    await page.goto(`${running.url}/articles/${fx.hostileId}`);
    assert.match((await page.locator("h1").textContent()) ?? "", /<script>alert\("title"\)<\/script>/);
    assert.notEqual(await page.title(), "pwned");
    assert.equal(await page.locator("#article-body img").count(), 0);
    await page.locator("#removed summary").click();
    await shot("06-article");
  });

  it("draws the network graph of actors and claims", async () => {
    await page.goto(`${running.url}/graph`);
    await page.waitForSelector("#graph[data-ready=true]");
    assert.ok((await page.locator("#graph canvas").count()) >= 1);
    await shot("07-graph");
  });

  it("refuses a write without a token, and accepts it after signing in with one", async () => {
    const file = join(tmpdir(), `watchdesk-browser-${process.pid}.txt`);
    writeFileSync(
      file,
      "April 12, 2030\n\nRiver Post\n\nRussia delivers fighter jets to Pyongyang\n\n(SEOUL) Russia delivered fighter jets to North Korea in April, South Korea's spy agency said.",
    );
    const api = await page.evaluate(
      async () => (await fetch("/api/ingest", { method: "POST", body: new FormData() })).status,
    );
    assert.equal(api, 401, "the API refuses an anonymous write");

    const before = await fx.store.countArticles();
    await page.goto(`${running.url}/ingest`);
    await page.setInputFiles("input[type=file]", file);
    await page
      .locator("form", { has: page.locator("input[type=file]") })
      .locator("button")
      .click();
    await page.waitForLoadState();
    assert.match((await page.locator("h1").textContent()) ?? "", /Sign-in needed/);
    assert.equal(await fx.store.countArticles(), before);
    await shot("08-write-refused");

    await page.goto(`${running.url}/login?next=/ingest`);
    await page.fill("input[name=token]", fx.token);
    await page.click("form.card button");
    await page.waitForURL(/\/ingest$/);
    await page.setInputFiles("input[type=file]", file);
    await page
      .locator("form", { has: page.locator("input[type=file]") })
      .locator("button")
      .click();
    await page.waitForSelector(".report");
    assert.match((await page.locator(".report .counts").textContent()) ?? "", /1\s*new/);
    assert.equal(await fx.store.countArticles(), before + 1);
    await shot("09-write-accepted");
  });

  it("raised no script error and no CSP violation on any page", () => {
    assert.deepEqual(
      problems.filter((p) => !/401|Unauthorized/.test(p)),
      [],
    );
  });
});
