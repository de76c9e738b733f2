import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { copyStore } from "./copy.js";
import { fixtureArticles } from "./fixtures.js";
import { openStore } from "./index.js";
import { TEST_PG_URL, TestSchemas } from "./pg-testing.js";
import type { Store } from "./types.js";

async function filledStore(): Promise<Store> {
  const store = await openStore(":memory:");
  for (const doc of fixtureArticles) await store.putArticle(doc);
  await store.saveClustering({
    stories: [
      {
        id: "s1",
        title: "Shipments",
        start: "2024-03-02",
        end: "2024-03-05",
        articleIds: ["a-shipment", "b-missile"],
      },
    ],
    duplicates: [{ articleId: "b-missile", duplicateOf: "a-shipment", similarity: 0.7, kind: "near" }],
  });
  await store.addStoryDecision({
    kind: "split",
    articleIds: ["c-drones"],
    createdAt: "2024-04-01T00:00:00Z",
  });
  await store.saveLedger({
    claims: [],
    discrepancies: [{ kind: "STALE_COPY", message: "old copy", claimIds: [], articleIds: ["b-missile"] }],
  });
  await store.recordProblem({ source: "inbox/x.bin", code: "BINARY", message: "not text", hint: "skip it" });
  await store.saveToken({
    id: "tk-desk",
    name: "night desk",
    hash: "ab".repeat(32),
    createdAt: "2024-04-02T00:00:00.000Z",
    revokedAt: null,
  });
  return store;
}

async function assertSameContent(from: Store, to: Store): Promise<void> {
  // Summaries include ingest times: the copy keeps them.
  assert.deepEqual(await to.listArticles(), await from.listArticles());
  for (const doc of fixtureArticles) {
    assert.deepEqual(await to.getArticle(doc.article.id), await from.getArticle(doc.article.id));
  }
  assert.deepEqual(await to.listStories(), await from.listStories());
  assert.deepEqual(await to.listDuplicates(), await from.listDuplicates());
  assert.deepEqual(await to.listStoryDecisions(), await from.listStoryDecisions());
  assert.deepEqual(await to.getLedger(), await from.getLedger());
  assert.deepEqual(
    (await to.listProblems()).map(({ at: _at, ...p }) => p),
    (await from.listProblems()).map(({ at: _at, ...p }) => p),
  );
  assert.deepEqual(await to.listTokens(), await from.listTokens());
  assert.deepEqual(
    (await to.search({ text: "artillery" })).map((h) => h.id),
    (await from.search({ text: "artillery" })).map((h) => h.id),
  );
}

describe("copyStore", () => {
  it("copies everything, keeping ingest times, and copying again adds nothing", async () => {
    const from = await filledStore();
    const to = await openStore(":memory:");
    const first = await copyStore(from, to);
    assert.equal(first.inserted, 3);
    assert.equal(first.decisions, 1);
    assert.equal(first.tokens, 1);
    await assertSameContent(from, to);
    const second = await copyStore(from, to);
    assert.deepEqual(
      {
        inserted: second.inserted,
        skipped: second.skipped,
        decisions: second.decisions,
        problems: second.problems,
        tokens: second.tokens,
      },
      {
        inserted: 0,
        skipped: 3,
        decisions: 0,
        problems: 0,
        tokens: 0,
      },
    );
    await assertSameContent(from, to);
    // A token revoked in the source after the first copy is revoked in the copy too.
    await from.revokeToken("tk-desk", "2024-05-01T00:00:00.000Z");
    await copyStore(from, to);
    assert.equal((await to.getToken("tk-desk"))?.revokedAt, "2024-05-01T00:00:00.000Z");
    await from.close();
    await to.close();
  });

  it("copies a SQLite store into Postgres", {
    skip: TEST_PG_URL ? false : "set WATCHDESK_TEST_PG_URL to run it",
  }, async (t) => {
    const schemas = new TestSchemas(TEST_PG_URL!);
    t.after(() => schemas.dropAll());
    const from = await filledStore();
    const to = await openStore(schemas.url());
    await copyStore(from, to);
    await copyStore(from, to);
    await assertSameContent(from, to);
    await from.close();
    await to.close();
  });
});
