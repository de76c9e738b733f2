/** The desk's read cache: reads once, drops on its own writes, notices another process's commits. */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { missileReport, shipmentReport } from "../store/fixtures.js";
import { openStore } from "../store/index.js";
import { sqliteDataVersion, withReadCache } from "./cache.js";

describe("read cache", () => {
  const dir = mkdtempSync(join(tmpdir(), "watchdesk-cache-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("serves repeated corpus reads from memory, and never a value a use case could change", async () => {
    const store = await openStore(":memory:");
    const cache = withReadCache(store);
    await store.putArticle(shipmentReport);
    const first = await cache.store.listArticles({ limit: 10 });
    const again = await cache.store.listArticles({ limit: 10 });
    assert.equal(again, first, "the same value comes back");
    assert.equal(cache.stats.hits, 1);
    assert.throws(() => (first as unknown[]).push(1), TypeError, "cached values are frozen");
    await store.close();
  });

  it("drops what it holds after a write made through it", async () => {
    const store = await openStore(":memory:");
    const cache = withReadCache(store);
    await cache.store.putArticle(shipmentReport);
    assert.equal((await cache.store.listArticles()).length, 1);
    await cache.store.putArticle(missileReport);
    assert.equal((await cache.store.listArticles()).length, 2);
    await cache.store.saveClustering({
      stories: [
        { id: "s1", title: "Shells", start: null, end: null, articleIds: [shipmentReport.article.id] },
      ],
      duplicates: [],
    });
    assert.equal((await cache.store.listStories()).length, 1);
    await store.close();
  });

  it("keeps search results until a write, and re-runs the search after one", async () => {
    const store = await openStore(":memory:");
    const cache = withReadCache(store);
    await cache.store.putArticle(shipmentReport);
    const query = { text: "artillery shells", limit: 5 };
    const first = await cache.store.search(query);
    assert.equal(first.length, 1);
    assert.equal(await cache.store.search({ ...query }), first, "the same query is answered from memory");
    assert.notEqual(await cache.store.search({ ...query, limit: 6 }), first, "another page is its own entry");
    const missileWords = { text: "ballistic missiles", limit: 5 };
    assert.equal((await cache.store.search(missileWords)).length, 0);
    await cache.store.putArticle(missileReport);
    assert.equal((await cache.store.search(missileWords)).length, 1, "the new article is found");
    await store.close();
  });

  it("stays within its bounds: least recently used results go first, oversized ones are not kept", async () => {
    const store = await openStore(":memory:");
    await store.putArticle(shipmentReport);
    await store.putArticle(missileReport);
    const cache = withReadCache(store, {
      bounds: { search: { entries: 2, weight: 100 }, listArticles: { entries: 10, weight: 1 } },
    });
    const search = (text: string) => cache.store.search({ text });
    const shells = await search("shells");
    const missiles = await search("missiles");
    assert.equal(await search("shells"), shells, "a hit makes it the most recently used");
    await search("Russia");
    assert.equal(cache.stats.evictions, 1);
    assert.equal(await search("shells"), shells, "the recently used result is still kept");
    assert.notEqual(await search("missiles"), missiles, "the least recently used one was dropped");
    // Two summaries weigh more than this budget of one: read, handed back, never kept.
    const all = await cache.store.listArticles();
    assert.equal(all.length, 2);
    assert.notEqual(await cache.store.listArticles(), all);
    assert.equal((await cache.store.listArticles({ limit: 1 })).length, 1);
    const one = await cache.store.listArticles({ limit: 1 });
    assert.equal(await cache.store.listArticles({ limit: 1 }), one, "a light one is kept");
    await store.close();
  });

  it("notices a commit by another connection (a CLI ingest while the desk runs)", async () => {
    const path = join(dir, "shared.db");
    const desk = await openStore(path);
    const cli = await openStore(path);
    const cache = withReadCache(desk, { externalVersion: sqliteDataVersion(desk) });
    assert.deepEqual(await cache.store.listStories(), []);
    await cli.putArticle(shipmentReport);
    await cli.saveClustering({
      stories: [
        { id: "s1", title: "Shells", start: null, end: null, articleIds: [shipmentReport.article.id] },
      ],
      duplicates: [],
    });
    assert.equal((await cache.store.listStories()).length, 1, "the other process's stories are seen");
    await cli.close();
    await desk.close();
  });

  it("without a commit signal, re-reads after its maximum age", async () => {
    const store = await openStore(":memory:");
    const cache = withReadCache(store, { externalVersion: null, maxAgeMs: 0 });
    await cache.store.listStories();
    await store.saveClustering({
      stories: [{ id: "s2", title: "T", start: null, end: null, articleIds: [] }],
      duplicates: [],
    });
    assert.equal((await cache.store.listStories()).length, 1);
    await store.close();
  });
});
