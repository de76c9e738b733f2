import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { isWatchdeskError } from "../errors.js";
import { storeContract } from "./contract.js";
import { fixtureArticles, missileReport, shipmentReport } from "./fixtures.js";
import { openStore } from "./index.js";

storeContract("sqlite", () => openStore(":memory:"));

describe("sqlite store on disk", () => {
  const dir = mkdtempSync(join(tmpdir(), "watchdesk-store-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps everything across close and reopen, and migrating again changes nothing", async () => {
    const path = join(dir, "desk.db");
    const first = await openStore(path);
    assert.equal(first.engine, "sqlite");
    await first.putArticle(shipmentReport);
    await first.saveClustering({
      stories: [{ id: "s1", title: "Shells", start: null, end: null, articleIds: ["a-shipment"] }],
      duplicates: [],
    });
    await first.close();

    const second = await openStore(path);
    await second.migrate();
    assert.equal(await second.countArticles(), 1);
    assert.equal((await second.search({ text: "Vostochny" }))[0]?.id, "a-shipment");
    assert.equal((await second.listStories()).length, 1);
    assert.equal((await second.putArticle(shipmentReport)).inserted, false);
    assert.equal((await second.putArticle(missileReport)).inserted, true);
    await second.close();

    const third = await openStore(path);
    assert.deepEqual(
      (await third.listArticles()).map((a) => a.id),
      ["b-missile", "a-shipment"],
    );
    await third.close();
  });

  it("fills name lookups and entity totals for articles stored before they existed (migrations 3, 4)", async () => {
    const path = join(dir, "v2.db");
    const store = await openStore(path);
    for (const doc of fixtureArticles) await store.putArticle(doc);
    const expected = await store.listEntities();
    await store.close();
    // Take the file back to schema version 2, as an older Watchdesk left it.
    const raw = new Database(path);
    raw.exec(`drop table entity_names; drop table entity_stats; drop table entity_variants;
      delete from claim_actors where actor like 'name:%'; delete from schema_migrations where version in (3, 4)`);
    raw.close();
    const reopened = await openStore(path);
    assert.equal((await reopened.listClaims({ entity: "PYŎNGYANG" })).length, 3);
    assert.equal((await reopened.listClaims({ entity: "south korea" })).length, 1);
    assert.equal((await reopened.listClaims({ entity: "Moscow" })).length, 3);
    assert.equal((await reopened.listClaims({ entity: "analysts" })).length, 1);
    assert.deepEqual(
      (await reopened.listEntities({ name: "park" })).map((e) => e.key),
      ["person:park-min-ho"],
    );
    assert.deepEqual(await reopened.listEntities(), expected);
    await reopened.close();
  });

  it("lets two connections to one file write in turn", async () => {
    const path = join(dir, "shared.db");
    const a = await openStore(path);
    const b = await openStore(path);
    const results = await Promise.all([a.putArticle(shipmentReport), b.putArticle(shipmentReport)]);
    assert.deepEqual(results.map((r) => r.inserted).sort(), [false, true]);
    assert.equal(await b.countArticles(), 1);
    await a.close();
    await b.close();
  });

  it("lets several processes create and write one new file at the same time", async () => {
    const path = join(dir, "processes.db");
    const script = fileURLToPath(new URL("./testing/writer-process.ts", import.meta.url));
    const root = fileURLToPath(new URL("../..", import.meta.url));
    const children = ["alpha", "bravo", "charlie"].map((tag) =>
      spawn(process.execPath, ["--import", "tsx", script, path, tag], {
        cwd: root,
        stdio: ["ignore", "ignore", "pipe"],
      }),
    );
    const outcomes = await Promise.all(
      children.map(async (child) => {
        let stderr = "";
        child.stderr?.on("data", (chunk) => {
          stderr += chunk;
        });
        const [code] = await once(child, "exit");
        return { code, stderr };
      }),
    );
    for (const outcome of outcomes) assert.equal(outcome.code, 0, outcome.stderr);
    const store = await openStore(path);
    assert.equal(await store.countArticles(), 61);
    assert.equal((await store.search({ text: "tanker" })).length, 50);
    await store.close();
  });

  it("refuses a file that is not a Watchdesk database, with a hint", async () => {
    const path = join(dir, "notes.db");
    writeFileSync(path, "these are my notes, not a database\n".repeat(200));
    await assert.rejects(openStore(path), (error) => {
      assert.ok(isWatchdeskError(error));
      assert.ok(["STORE_OPEN_FAILED", "STORE_MIGRATE_FAILED"].includes(error.code), error.code);
      assert.equal(error.input, path);
      return true;
    });
  });

  it("says which folder is missing instead of failing obscurely", async () => {
    const path = join(dir, "no", "such", "folder", "desk.db");
    await assert.rejects(openStore(path), (error) => {
      assert.ok(isWatchdeskError(error));
      assert.equal(error.code, "STORE_FOLDER_MISSING");
      assert.equal(error.input, path);
      assert.match(error.hint, /create/);
      return true;
    });
  });
});
