import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { deskArticles } from "../cluster/testing.js";
import { isWatchdeskError } from "../errors.js";
import { makeArticle } from "../store/fixtures.js";
import { openStore } from "../store/index.js";
import type { Store } from "../store/types.js";
import { listClaims } from "./claims.js";
import { refreshCorpus } from "./corpus.js";
import { changesSince, entityTimeline, getClaim, listDiscrepancies, listLedger } from "./ledger.js";
import { storyReport } from "./report.js";
import { decideStories, getStory, listStories } from "./stories.js";

describe("stories and ledger use cases", () => {
  let store: Store;
  before(async () => {
    store = await openStore(":memory:");
    for (const a of deskArticles()) await store.putArticle(a);
    await refreshCorpus(store);
  });
  after(() => store.close());

  const storyWith = async (articleId: string) =>
    (await listStories(store)).find((s) => s.articles.some((a) => a.id === articleId))!;

  it("lists stories with each article's source and which original it copies", async () => {
    const stories = await listStories(store);
    const shells = await storyWith("harbor");
    assert.deepEqual(shells.articles.map((a) => [a.id, a.source, a.duplicateOf]).sort(), [
      ["asiawire", "https://asiawire.example/world/korea/shells", "harbor"],
      ["denial", "desk/denial.txt", null],
      ["harbor", "desk/harbor.txt", null],
      ["stale", "desk/stale.html", "harbor"],
    ]);
    assert.equal(shells.start, "2025-03-06");
    assert.equal(shells.end, "2025-03-27");
    assert.ok(stories.some((s) => s.articles.map((a) => a.id).join() === "treasury"));
  });

  it("shows one story's claims with the accuser and the denial side by side, copies not counted twice", async () => {
    const shells = await storyWith("harbor");
    const story = await getStory(store, shells.id.slice(0, 8));
    const claim = story.claims.find((c) => c.type === "ARMS_TRANSFER")!;
    assert.equal(claim.contested, true);
    assert.deepEqual(
      claim.holders.map((h) => `${h.holder} ${h.stance}`),
      ["South Korea ASSERT", "North Korea DENY"],
    );
    assert.equal(claim.mentions, 4);
    assert.equal(claim.independentSources, 1, "South Korea, however many copies relay it");
    assert.ok(story.discrepancies.some((d) => d.kind === "STALE_COPY"));
    const dates = story.timeline.map((t) => t.date ?? "");
    assert.deepEqual(dates, [...dates].sort());
    assert.ok(story.timeline.some((t) => t.kind === "article" && /\(copy\)/.test(t.text)));
  });

  it("says which story id it could not find", async () => {
    await assert.rejects(
      getStory(store, "st_nothing"),
      (e) => isWatchdeskError(e) && e.code === "STORY_NOT_FOUND",
    );
  });

  it("filters the ledger by type, contested and an entity alias no article uses", async () => {
    const contested = await listLedger(store, { contested: true });
    assert.deepEqual(
      contested.map((c) => c.type),
      ["ARMS_TRANSFER"],
    );
    const dprk = await listLedger(store, { type: "ARMS_TRANSFER", entity: "D.P.R.K." });
    assert.equal(dprk.length, 1);
    assert.equal((await listLedger(store, { entity: "Treasury of Atlantis" })).length, 0);
    const claim = await getClaim(store, dprk[0]!.id.slice(0, 7));
    assert.equal(claim.id, dprk[0]!.id);
    assert.ok(claim.discrepancies.some((d) => d.kind === "STANCE_CONFLICT"));
    assert.ok((await listDiscrepancies(store, "stance_conflict")).length >= 1);
  });

  it("finds per-article claims by the DPRK alias through the gazetteer", async () => {
    const claims = await listClaims(store, {
      type: "ARMS_TRANSFER",
      entity: "Democratic People's Republic of Korea",
    });
    assert.equal(claims.length, 4);
  });

  it("tells what changed since a date: new claims and new denials", async () => {
    const changes = await changesSince(store, "2025-03-07");
    assert.deepEqual(
      changes.newDenials.map((d) => [d.holder, d.published]),
      [["North Korea", "2025-03-08"]],
    );
    assert.ok(changes.newClaims.some((c) => c.type === "SANCTIONS_ACTION"));
    assert.ok(changes.updatedClaims.some((c) => c.type === "ARMS_TRANSFER"));
    await assert.rejects(changesSince(store, "March 7"), (e) => isWatchdeskError(e) && e.code === "BAD_DATE");
  });

  it("gives an entity's timeline in date order, copies left out unless asked", async () => {
    const timeline = await entityTimeline(store, "North Korea");
    assert.deepEqual(
      timeline.entries.map((e) => [e.articleId, e.stance]),
      [
        ["harbor", "ASSERT"],
        ["denial", "DENY"],
      ],
    );
    assert.equal((await entityTimeline(store, "North Korea", { copies: true })).entries.length, 4);
    assert.equal((await entityTimeline(store, "North Korea", { since: "2025-03-07" })).entries.length, 1);
  });

  it("writes a brief in Markdown and HTML with every article-derived text escaped", async () => {
    const shells = await storyWith("harbor");
    const md = await storyReport(store, shells.id, "md", "2025-04-01");
    assert.match(md, /^# Seoul says North Korea sent 12,000 containers/);
    assert.match(md, /- \*\*asserts\*\*: South Korea\n- \*\*denies\*\*: North Korea/);
    assert.match(md, /1 independent source · 4 mentions · 4 outlets/);
    assert.match(md, /re-anchored|copy/);
    assert.ok(!md.includes("<script>"), "markup in a title is escaped in Markdown");
    const html = await storyReport(store, shells.id, "html", "2025-04-01");
    assert.ok(html.startsWith("<!doctype html>"));
    assert.ok(!html.includes("<script>"), "markup in a title is escaped in HTML");
    assert.match(html, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/);
    assert.match(html, /<a href="https:\/\/asiawire\.example\/world\/korea\/shells">/);
    assert.match(html, /<code>desk\/harbor\.txt<\/code>/, "a path is not made a link");
  });

  it("keeps a user's merge and split across refreshes and new articles", async () => {
    await decideStories(store, "merge", ["harbor", "treasury"]);
    assert.equal((await storyWith("harbor")).id, (await storyWith("treasury")).id);
    await decideStories(store, "split", ["denial"]);
    assert.notEqual((await storyWith("denial")).id, (await storyWith("harbor")).id);
    await store.putArticle(
      makeArticle({
        id: "late",
        title: "Seoul repeats rail shipment charge",
        outlet: "Peninsula Herald",
        published: "2025-03-07",
        body: "South Korea's defense ministry repeated on Friday that North Korea had sent artillery shells to Russia by rail from Rajin.",
      }),
    );
    await refreshCorpus(store);
    assert.equal((await storyWith("harbor")).id, (await storyWith("treasury")).id);
    assert.notEqual((await storyWith("denial")).id, (await storyWith("harbor")).id);
    await assert.rejects(
      decideStories(store, "merge", ["harbor"]),
      (e) => isWatchdeskError(e) && e.code === "BAD_DECISION",
    );
    await assert.rejects(
      decideStories(store, "split", ["no-such-article"]),
      (e) => isWatchdeskError(e) && e.code === "ARTICLE_NOT_FOUND",
    );
  });
});
