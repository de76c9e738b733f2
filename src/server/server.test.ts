/** The JSON API, in process (app.request): pages, ETags, OpenAPI, errors, facets, entities, writes. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createDesk, type Desk } from "./app.js";
import { type DeskFixture, deskFixture } from "./testing.js";

const HOST = { host: "127.0.0.1:8080" };

describe("desk API", () => {
  let fx: DeskFixture;
  let desk: Desk;
  const get = (path: string, headers: Record<string, string> = {}) =>
    desk.app.request(path, { headers: { ...HOST, ...headers } });
  const json = async <T = Record<string, unknown>>(path: string): Promise<T> => {
    const res = await get(path);
    assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
    return (await res.json()) as T;
  };

  before(async () => {
    fx = await deskFixture();
    desk = createDesk({ store: fx.store });
  });
  after(() => fx.close());

  it("lists articles in pages with a next link, and follows it to the end", async () => {
    const first = await json<{ items: { id: string }[]; next: string | null; limit: number }>(
      "/api/articles?limit=4",
    );
    assert.equal(first.items.length, 4);
    assert.equal(first.limit, 4);
    assert.ok(first.next, "a next page is linked");
    const second = await json<{ items: { id: string }[]; next: string | null }>(first.next);
    assert.ok(second.items.length >= 1);
    assert.equal(second.next, null);
    const ids = [...first.items, ...second.items].map((a) => a.id);
    assert.equal(new Set(ids).size, ids.length, "pages do not overlap");
    assert.equal(ids.length, await fx.store.countArticles());
  });

  it("answers a repeated read with 304 when its ETag still matches", async () => {
    const res = await get("/api/stories");
    const tag = res.headers.get("etag");
    assert.ok(tag, "an ETag is sent");
    const again = await get("/api/stories", { "if-none-match": tag });
    assert.equal(again.status, 304);
  });

  it("serves an OpenAPI document naming every route and the bearer scheme", async () => {
    const doc = await json<{
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { securitySchemes: object };
    }>("/openapi.json");
    assert.match(doc.openapi, /^3\./);
    for (const path of [
      "/articles",
      "/articles/{id}",
      "/search",
      "/stories",
      "/stories/{id}",
      "/claims",
      "/ledger",
      "/ledger/{id}",
      "/entities",
      "/entities/{key}",
      "/discrepancies",
      "/changes",
      "/export/{kind}",
      "/ingest",
    ]) {
      assert.ok(doc.paths[path], `${path} is documented`);
    }
    assert.ok(doc.paths["/ingest"]?.post, "ingest is a POST");
    assert.ok("bearer" in doc.components.securitySchemes);
  });

  it("gives clear JSON errors: unknown ids are 404 with a hint, bad parameters 400 naming them", async () => {
    const missing = await get("/api/stories/st_nope");
    assert.equal(missing.status, 404);
    const body = (await missing.json()) as { error: { code: string; hint: string; input: string } };
    assert.equal(body.error.code, "STORY_NOT_FOUND");
    assert.equal(body.error.input, "st_nope");
    assert.match(body.error.hint, /stories/);

    const bad = await get("/api/search?q=drones&from=last-tuesday");
    assert.equal(bad.status, 400);
    const err = (await bad.json()) as { error: { code: string; message: string } };
    assert.equal(err.error.code, "BAD_REQUEST");
    assert.match(err.error.message, /from/);
    assert.match(err.error.message, /YYYY-MM-DD/);

    const nothing = await get("/api/no-such-endpoint");
    assert.equal(nothing.status, 404);
    assert.equal(((await nothing.json()) as { error: { code: string } }).error.code, "NOT_FOUND");
  });

  it("searches full text and narrows by outlet, entity, claim type, stance and dates", async () => {
    type Hits = { items: { id: string; outlet: string | null; snippet: string }[] };
    const all = await json<Hits>("/api/search?q=launchers");
    assert.ok(all.items.length >= 3, "several reports mention launchers");
    assert.ok(
      all.items.some((h) => h.snippet.includes("«")),
      "snippets mark the matched words",
    );
    const outlet = await json<Hits>(
      `/api/search?q=launchers&outlet=${encodeURIComponent("Northern Review")}`,
    );
    assert.deepEqual(
      outlet.items.map((h) => h.outlet),
      ["Northern Review"],
    );
    const denials = await json<Hits>("/api/search?q=launchers&stance=DENY");
    assert.ok(denials.items.length >= 1);
    assert.ok(denials.items.length < all.items.length, "the stance facet narrows");
    const dated = await json<Hits>("/api/search?q=launchers&from=2030-04-05&to=2030-04-05");
    assert.ok(dated.items.every((h) => h.outlet === "Northern Review"));
    const typed = await json<Hits>("/api/search?q=launchers&type=arms_transfer");
    assert.ok(typed.items.length >= 1);
    const byEntity = await json<Hits>(`/api/search?q=rail&entity=${encodeURIComponent("North Korea")}`);
    assert.ok(byEntity.items.length >= 1);
  });

  it("shows a story with its claims, and a claim with evidence and collapsed copies", async () => {
    const stories = await json<{ items: { id: string; articles: { duplicateOf: string | null }[] }[] }>(
      "/api/stories",
    );
    const withCopy = stories.items.find((s) => s.articles.some((a) => a.duplicateOf));
    assert.ok(withCopy, "the syndicated copy is marked in its story");
    const story = await json<{ claims: { id: string }[]; timeline: unknown[] }>(
      `/api/stories/${withCopy.id}`,
    );
    assert.ok(story.claims.length >= 1);
    assert.ok(story.timeline.length >= 2);
    const claim = await json<{ evidence: { duplicateOf: string | null }[]; independentSources: number }>(
      `/api/ledger/${story.claims[0]!.id}`,
    );
    assert.ok(claim.evidence.length >= 1);
    assert.ok(claim.independentSources >= 1);
  });

  it("shows an entity with its sanctions match and the score breakdown", async () => {
    const list = await json<{ items: { key: string; name: string }[] }>("/api/entities?name=seagull");
    const firm = list.items[0];
    assert.ok(firm, "the designated firm is an entity");
    const detail = await json<{
      sanctions: { reference: string; score: number; features: Record<string, number> }[];
    }>(`/api/entities/${encodeURIComponent(firm.key)}`);
    const match = detail.sanctions.find((s) => s.reference === "KPe.901");
    assert.ok(match, "matched to the listed company");
    assert.ok(match.score > 0.8);
    assert.ok(Object.keys(match.features).length >= 2, "the breakdown names its features");
  });

  it("pages an entity's articles and claims, with totals that cover every page", async () => {
    const [top] = (await json<{ items: { key: string; articleCount: number }[] }>("/api/entities?limit=1"))
      .items;
    assert.ok(top && top.articleCount >= 3, "the most named entity is in several articles");
    type Detail = {
      articleCount: number;
      occurrenceCount: number;
      mentionCount: number;
      spellings: unknown[];
      articleIds: string[];
      claimCount: number;
      claims: { articleId: string; index: number }[];
      pages: Record<
        "occurrences" | "claims",
        { offset: number; limit: number | null; total: number; next: string | null }
      >;
    };
    const base = `/api/entities/${encodeURIComponent(top.key)}`;
    const whole = await json<Detail>(`${base}?limit=500`);
    assert.equal(whole.articleIds.length, whole.articleCount);
    assert.equal(whole.claims.length, whole.claimCount);
    assert.ok(whole.claimCount >= 2, "it is named in several claims");
    assert.equal(whole.pages.claims.next, null);

    const first = await json<Detail>(`${base}?limit=1`);
    assert.equal(first.articleIds.length, 1);
    assert.equal(first.claims.length, 1);
    // Totals, spellings and counts describe every occurrence, whatever the page.
    assert.equal(first.mentionCount, whole.mentionCount);
    assert.equal(first.claimCount, whole.claimCount);
    assert.deepEqual(first.spellings, whole.spellings);
    assert.deepEqual(first.pages.occurrences, {
      offset: 0,
      limit: 1,
      total: whole.occurrenceCount,
      next: `${base}?limit=1&articlesOffset=1`,
    });
    const articles: string[] = [];
    const claims: string[] = [];
    for (let next: string | null = `${base}?limit=1`; next; ) {
      const page: Detail = await json<Detail>(next);
      articles.push(...page.articleIds);
      next = page.pages.occurrences.next;
    }
    for (let next: string | null = `${base}?limit=1`; next; ) {
      const page: Detail = await json<Detail>(next);
      claims.push(...page.claims.map((c) => `${c.articleId}#${c.index}`));
      next = page.pages.claims.next;
    }
    assert.deepEqual(articles, whole.articleIds);
    assert.deepEqual(
      claims,
      whole.claims.map((c) => `${c.articleId}#${c.index}`),
    );
    const past = await json<Detail>(`${base}?claimsOffset=${whole.claimCount}`);
    assert.deepEqual(past.claims, []);
    assert.equal(past.claimCount, whole.claimCount);
  });

  it("pages the story list without overlap", async () => {
    const all = await json<{ items: { id: string }[] }>("/api/stories?limit=500");
    assert.ok(all.items.length >= 2);
    const ids: string[] = [];
    for (let next: string | null = "/api/stories?limit=1"; next; ) {
      const page: { items: { id: string }[]; next: string | null } = await json(next);
      assert.ok(page.items.length <= 1);
      ids.push(...page.items.map((s) => s.id));
      next = page.next;
    }
    assert.deepEqual(
      ids,
      all.items.map((s) => s.id),
    );
  });

  it("exports the ledger as CSV with a header row", async () => {
    const res = await get("/api/export/ledger?format=csv");
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /text\/csv/);
    const lines = (await res.text()).trim().split("\r\n");
    assert.match(lines[0]!, /^id,type,subject/);
    assert.ok(lines.length > 1);
  });

  it("refuses a write without a token or with a wrong one, and accepts it with the token", async () => {
    const body = () => {
      const form = new FormData();
      form.append(
        "file",
        new File(
          [
            "April 9, 2030\n\nRiver Post\n\nRussia delivers fighter jets to Pyongyang, Seoul says\n\n(SEOUL) Russia delivered fighter jets to North Korea in April, South Korea's spy agency said.",
          ],
          "../../etc/g-jets.txt",
        ),
      );
      return form;
    };
    const before = await fx.store.countArticles();
    const anonymous = await desk.app.request("/api/ingest", { method: "POST", body: body(), headers: HOST });
    assert.equal(anonymous.status, 401);
    assert.equal(((await anonymous.json()) as { error: { code: string } }).error.code, "TOKEN_REQUIRED");
    const forged = await desk.app.request("/api/ingest", {
      method: "POST",
      body: body(),
      headers: { ...HOST, authorization: `Bearer ${fx.token.slice(0, -2)}xx` },
    });
    assert.equal(forged.status, 401);
    assert.equal(await fx.store.countArticles(), before, "nothing was written");

    const ok = await desk.app.request("/api/ingest", {
      method: "POST",
      body: body(),
      headers: { ...HOST, authorization: `Bearer ${fx.token}` },
    });
    assert.equal(ok.status, 200, await ok.clone().text());
    const report = (await ok.json()) as { inserted: number; insertedIds: string[] };
    assert.equal(report.inserted, 1);
    const article = await json<{ article: { source: string } }>(`/api/articles/${report.insertedIds[0]}`);
    assert.equal(article.article.source, "upload:g-jets.txt", "the upload keeps only a safe base name");
    // The read cache saw the write: the new article is listed at once.
    const listed = await json<{ items: { id: string }[] }>("/api/articles?limit=100");
    assert.ok(listed.items.some((a) => a.id === report.insertedIds[0]));
  });

  it("refuses to fetch URLs on private or loopback addresses, naming them as problems", async () => {
    const res = await desk.app.request("/api/ingest", {
      method: "POST",
      body: JSON.stringify({ urls: ["http://127.0.0.1:9/secret"] }),
      headers: { ...HOST, authorization: `Bearer ${fx.token}`, "content-type": "application/json" },
    });
    assert.equal(res.status, 200);
    const report = (await res.json()) as { inserted: number; problems: { source: string; code: string }[] };
    assert.equal(report.inserted, 0);
    assert.equal(report.problems[0]?.source, "http://127.0.0.1:9/secret");
  });

  it("validates write bodies: a merge needs two article ids", async () => {
    const res = await desk.app.request("/api/stories/merge", {
      method: "POST",
      body: JSON.stringify({ articleIds: ["only-one"] }),
      headers: { ...HOST, authorization: `Bearer ${fx.token}`, "content-type": "application/json" },
    });
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { error: { message: string } }).error.message, /articleIds/);
  });
});
