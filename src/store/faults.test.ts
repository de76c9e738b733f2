/**
 * Store faults: SQLite failures a user can fix (a full disk, a read-only database) come out as errors naming
 * the file, leave the store sound and usable; and `watchdesk migrate` (SQLite → Postgres) killed with SIGKILL
 * in the middle of its copy leaves Postgres consistent, and a re-run copies the rest once.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { sql } from "kysely";
import { checkSqlite, cliHere, spawnCli, waitUntil } from "../app/testing/faults.js";
import { isWatchdeskError } from "../errors.js";
import { makeArticle, shipmentReport } from "./fixtures.js";
import { openStore } from "./index.js";
import type { KyselyStore } from "./kysely-store.js";
import { TEST_PG_URL, TestSchemas } from "./pg-testing.js";
import { openSqliteStore } from "./sqlite.js";

const tmp = mkdtempSync(join(tmpdir(), "watchdesk-store-faults-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** A small stored report with two entities and a claim, unique by `i`. */
function bulkArticle(i: number) {
  const vessel = `Sea Lark ${i}`;
  return makeArticle({
    id: `bulk-${String(i).padStart(5, "0")}`,
    title: `Tanker ${vessel} seen off Nampo`,
    outlet: ["Harbor Ledger", "Coastal Wire", "Strait Monitor"][i % 3] ?? null,
    published: `2031-0${(i % 9) + 1}-1${i % 10}`,
    body: `NAMPO — The tanker ${vessel} loaded fuel at Nampo for the ${i}th time, the coast guard said. Russia denied sending it.`,
    entities: [
      { key: `vessel:sea-lark-${i}`, name: vessel, type: "VESSEL", forms: [vessel] },
      { key: "state:RU", name: "Russia", type: "STATE", forms: ["Russia"], country: "RU" },
    ],
    claims: [
      {
        type: "TRANSFER",
        subject: "Russia",
        item: "fuel",
        holder: "the coast guard",
        stance: "ASSERT",
        actors: ["state:RU"],
        evidence: `The tanker ${vessel} loaded fuel at Nampo for the ${i}th time, the coast guard said.`,
      },
    ],
  });
}

const expectFailure = (code: string, path: string) => (error: unknown) => {
  assert.ok(isWatchdeskError(error), String(error));
  assert.equal(error.code, code);
  assert.equal(error.input, path);
  assert.ok(error.hint.length > 20, error.hint);
  return true;
};

describe("SQLite failures a user can fix", () => {
  it("a full database gives STORE_DISK_FULL naming the file on every write path, and loses nothing", async () => {
    const path = join(tmp, "capped.db");
    const store = await openSqliteStore(path);
    await store.putArticle(shipmentReport);
    // No room for one page more: what a full disk looks like to SQLite.
    store.database.pragma(`max_page_count = ${store.database.pragma("page_count", { simple: true })}`);
    await assert.rejects(store.putArticle(bulkArticle(1)), expectFailure("STORE_DISK_FULL", path));
    await assert.rejects(
      store.recordProblem({ source: "x.txt", code: "EMPTY", message: "x ".repeat(3000), hint: "y" }),
      expectFailure("STORE_DISK_FULL", path),
    );
    await assert.rejects(
      store.importArticles(
        Array.from({ length: 50 }, (_, i) => ({ ...bulkArticle(i), ingestedAt: "2031-01-01T00:00:00Z" })),
      ),
      expectFailure("STORE_DISK_FULL", path),
    );
    // Reads go on; with room again, so do writes.
    assert.equal(await store.countArticles(), 1);
    store.database.pragma("max_page_count = 1073741823");
    assert.equal((await store.putArticle(bulkArticle(1))).inserted, true);
    await store.close();
    const state = checkSqlite(path);
    assert.equal(state.articles, 2);
  });

  it("a read-only database gives STORE_READ_ONLY naming the file, and reads still work", async () => {
    const path = join(tmp, "query-only.db");
    const store = await openSqliteStore(path);
    await store.putArticle(shipmentReport);
    store.database.pragma("query_only = 1");
    await assert.rejects(store.putArticle(bulkArticle(2)), expectFailure("STORE_READ_ONLY", path));
    await assert.rejects(
      store.saveClustering({ stories: [], duplicates: [] }),
      expectFailure("STORE_READ_ONLY", path),
    );
    await assert.rejects(
      store.withExclusiveLock("corpus-refresh", async () => 1),
      expectFailure("STORE_READ_ONLY", path),
    );
    assert.equal(
      (await store.getArticle(shipmentReport.article.id))?.article.title,
      shipmentReport.article.title,
    );
    await store.close();
    assert.equal(checkSqlite(path).articles, 1);
  });
});

/** Counts that must agree in any engine's tables (see checkSqlite for SQLite's own checks). */
async function checkCounts(store: KyselyStore) {
  const one = async (query: ReturnType<typeof sql<{ n: string | number }>>) =>
    Number((await query.execute(store.kysely)).rows[0]?.n ?? 0);
  const articles = await one(sql`select count(*) as n from articles`);
  assert.equal(
    await one(sql`select count(*) as n from entities`),
    await one(sql`select coalesce(sum(entity_count), 0) as n from articles`),
  );
  assert.equal(
    await one(sql`select count(*) as n from claims`),
    await one(sql`select coalesce(sum(claim_count), 0) as n from articles`),
  );
  assert.equal(
    await one(sql`select count(*) as n from (
        select key, count(distinct article_id) as a, sum(mention_count) as m from entities group by key) x
      full join entity_stats s using (key)
      where s.article_count is distinct from x.a or s.mention_count is distinct from x.m`),
    0,
    "running entity totals agree with the entity rows",
  );
  assert.equal(
    await one(sql`select count(*) as n from entities where article_id not in (select id from articles)`),
    0,
  );
  return articles;
}

describe("kill -9 during `watchdesk migrate`", () => {
  it("leaves Postgres consistent, and a re-run copies the rest once", {
    timeout: 180_000,
    skip: TEST_PG_URL ? false : "set WATCHDESK_TEST_PG_URL to run it",
  }, async (t) => {
    const schemas = new TestSchemas(TEST_PG_URL as string);
    t.after(() => schemas.dropAll());
    const total = 1200;
    const source = join(tmp, "migrate-source.db");
    const from = await openSqliteStore(source);
    const ingestedAt = "2031-01-01T00:00:00.000Z";
    await from.importArticles(Array.from({ length: total }, (_, i) => ({ ...bulkArticle(i), ingestedAt })));
    await from.saveClustering({
      stories: [{ id: "st-1", title: "Sea Lark", start: null, end: null, articleIds: ["bulk-00001"] }],
      duplicates: [],
    });
    const expected = {
      ids: (await from.listArticles()).map((a) => a.id),
      entities: await from.listEntities(),
    };
    await from.close();

    const target = schemas.url();
    const to = (await openStore(target)) as KyselyStore;
    try {
      const run = spawnCli(["migrate", "--from", source, "--to", target]);
      await waitUntil(async () => (await to.countArticles()) > 0, 120_000, "the first copied batch");
      const killed = await run.kill();
      assert.equal(killed.signal, "SIGKILL", `it finished before the kill: ${killed.stdout}`);
      const copied = await checkCounts(to);
      assert.ok(copied > 0 && copied < total, `${copied} of ${total} copied`);
      assert.equal(copied % 200, 0, "whole batches only: each is one transaction");

      const rerun = await cliHere(["migrate", "--from", source, "--to", target, "--json"]);
      assert.equal(rerun.code, 0, rerun.stderr);
      const report = JSON.parse(rerun.stdout) as { inserted: number; skipped: number; stories: number };
      assert.deepEqual([report.inserted, report.skipped, report.stories], [total - copied, copied, 1]);
      assert.equal(await checkCounts(to), total);
      assert.deepEqual(
        (await to.listArticles()).map((a) => a.id),
        expected.ids,
      );
      assert.deepEqual(await to.listEntities(), expected.entities);
      assert.equal((await to.listStories()).length, 1);
    } finally {
      await to.close();
    }
  });
});
