import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { isStoreUnavailable } from "../app/refresh.js";
import { isWatchdeskError } from "../errors.js";
import { missileReport, shipmentReport } from "./fixtures.js";
import { openStore } from "./index.js";
import { postgresFailure } from "./pg-errors.js";
import { PG_SKIP_REASON, TEST_PG_URL, TestSchemas } from "./pg-testing.js";

const URL_WITH_PASSWORD = "postgres://desk:s3cret@db.example:5432/watchdesk";

function pgError(code: string, message = "server said no"): Error {
  return Object.assign(new Error(message), { code });
}

describe("postgres failures a user can act on", () => {
  it("names a full disk, without the password, and stops the batch", () => {
    const error = postgresFailure(pgError("53100", "could not extend file"), URL_WITH_PASSWORD);
    assert.ok(isWatchdeskError(error));
    assert.equal(error.code, "STORE_DISK_FULL");
    assert.equal(error.input, "postgres://…@db.example:5432/watchdesk");
    assert.doesNotMatch(`${error.message} ${error.hint}`, /s3cret/);
    assert.match(error.hint, /free some space/);
    assert.ok(isStoreUnavailable(error));
  });

  it("tells a read-only server, missing rights and a server that is down apart", () => {
    const codes = (code: string) =>
      (postgresFailure(pgError(code), URL_WITH_PASSWORD) as { code: string }).code;
    assert.equal(codes("25006"), "STORE_READ_ONLY");
    assert.equal(codes("42501"), "STORE_PERMISSION_DENIED");
    assert.equal(codes("53300"), "STORE_UNAVAILABLE");
    assert.equal(codes("57P01"), "STORE_UNAVAILABLE");
    assert.equal(codes("08006"), "STORE_UNAVAILABLE");
    assert.equal(codes("ECONNREFUSED"), "STORE_UNAVAILABLE");
  });

  it("leaves the errors the store handles itself as they are", () => {
    for (const code of ["23505", "40001", "55P03"]) {
      const original = pgError(code);
      assert.equal(postgresFailure(original, URL_WITH_PASSWORD), original);
    }
  });

  it("says a server that is not listening cannot be reached", async () => {
    await assert.rejects(openStore("postgres://nobody@127.0.0.1:1/watchdesk"), (error: unknown) => {
      assert.ok(isWatchdeskError(error));
      assert.equal(error.code, "STORE_UNAVAILABLE");
      assert.equal(error.input, "postgres://…@127.0.0.1:1/watchdesk");
      return true;
    });
  });
});

describe("postgres store on a server that accepts no writes", () => {
  if (!TEST_PG_URL) {
    it("refuses writes with a clear error and keeps what is stored", { skip: PG_SKIP_REASON }, () => {});
    return;
  }
  const schemas = new TestSchemas(TEST_PG_URL);
  after(() => schemas.dropAll());

  it("refuses writes with a clear error and keeps what is stored", async () => {
    const url = schemas.url();
    const writable = await openStore(url);
    await writable.putArticle(shipmentReport);
    await writable.close();

    // The same database as a read-only standby would present it: every transaction read-only.
    const readOnly = new URL(url);
    readOnly.searchParams.set("options", "-c default_transaction_read_only=on");
    const check = (error: unknown) => {
      assert.ok(isWatchdeskError(error), String(error));
      assert.equal(error.code, "STORE_READ_ONLY");
      assert.match(error.hint, /primary/);
      return true;
    };
    try {
      const store = await openStore(readOnly.toString());
      try {
        assert.equal(await store.countArticles(), 1);
        await assert.rejects(store.putArticle(missileReport), check);
      } finally {
        await store.close();
      }
    } catch (error) {
      // Opening may already need a write (a migration's bookkeeping): refused the same way.
      check(error);
    }

    const again = await openStore(url);
    try {
      assert.deepEqual(
        (await again.listArticles()).map((a) => a.id),
        ["a-shipment"],
      );
    } finally {
      await again.close();
    }
  });
});
