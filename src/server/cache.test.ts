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
