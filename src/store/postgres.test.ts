import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { storeContract } from "./contract.js";
import { missileReport, shipmentReport } from "./fixtures.js";
import { openStore } from "./index.js";
import { PG_SKIP_REASON, TEST_PG_URL, TestSchemas } from "./pg-testing.js";

if (!TEST_PG_URL) {
  describe("postgres store", () => {
    it("runs the store contract against Postgres", { skip: PG_SKIP_REASON }, () => {});
  });
} else {
  const schemas = new TestSchemas(TEST_PG_URL);
  after(() => schemas.dropAll());

  storeContract("postgres", () => openStore(schemas.url()));

  describe("postgres store", () => {
    it("keeps everything across close and reopen, and migrating again changes nothing", async () => {
      const url = schemas.url();
      const first = await openStore(url);
      assert.equal(first.engine, "postgres");
      await first.putArticle(shipmentReport);
      await first.close();
      const second = await openStore(url);
      await second.migrate();
      assert.equal(await second.countArticles(), 1);
      assert.equal((await second.putArticle(shipmentReport)).inserted, false);
      assert.equal((await second.putArticle(missileReport)).inserted, true);
      assert.equal((await second.search({ text: "Vostochny" }))[0]?.id, "a-shipment");
      await second.close();
    });

    it("stores an article once when several connections put it at the same time", async () => {
      const url = schemas.url();
      const stores = await Promise.all([openStore(url), openStore(url), openStore(url)]);
      const results = await Promise.all(
        stores.flatMap((s) => [s.putArticle(shipmentReport), s.putArticle(shipmentReport)]),
      );
      assert.equal(results.filter((r) => r.inserted).length, 1);
      assert.equal(await stores[0]!.countArticles(), 1);
      assert.equal((await stores[0]!.listClaims()).length, 2);
      await Promise.all(stores.map((s) => s.close()));
    });

    it("names the database that could not be opened, without its password", async () => {
      await assert.rejects(
        openStore("postgres://someone:secret@127.0.0.1:1/nowhere"),
        (error: Error & { code?: string; input?: string }) => {
          assert.equal(error.code, "STORE_UNAVAILABLE");
          assert.ok(!String(error.input).includes("secret"));
          return true;
        },
      );
    });
  });
}
