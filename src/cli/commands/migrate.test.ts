import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { runCommand } from "../../queue/testing/run-command.js";
import { fixtureArticles } from "../../store/fixtures.js";
import { openStore } from "../../store/index.js";
import { TEST_PG_URL, TestSchemas } from "../../store/pg-testing.js";
import { register } from "./migrate.js";

describe("watchdesk migrate", () => {
  const dir = mkdtempSync(join(tmpdir(), "watchdesk-migrate-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("says which source is missing", async () => {
    const result = await runCommand(register, [
      "migrate",
      "--from",
      join(dir, "nope.db"),
      "--to",
      "postgres://x@127.0.0.1/x",
    ]);
    assert.equal(result.code, 2);
    assert.equal((result.error as { code?: string }).code, "MIGRATE_SOURCE_MISSING");
  });

  it("refuses a target that is not Postgres", async () => {
    const source = join(dir, "source.db");
    await (await openStore(source)).close();
    const result = await runCommand(register, ["migrate", "--from", source, "--to", join(dir, "other.db")]);
    assert.equal(result.code, 2);
    assert.equal((result.error as { code?: string }).code, "MIGRATE_TARGET_NOT_POSTGRES");
  });

  it("copies a SQLite file into Postgres, and a second run copies nothing", {
    skip: TEST_PG_URL ? false : "set WATCHDESK_TEST_PG_URL to run it",
  }, async (t) => {
    const schemas = new TestSchemas(TEST_PG_URL!);
    t.after(() => schemas.dropAll());
    const source = join(dir, "desk.db");
    const store = await openStore(source);
    for (const doc of fixtureArticles) await store.putArticle(doc);
    await store.close();
    const target = schemas.url();
    const first = await runCommand(register, ["migrate", "--from", source, "--to", target]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^3 articles read: 3 copied, 0 already there/);
    const second = await runCommand(register, ["migrate", "--from", source, "--to", target, "--json"]);
    assert.equal(JSON.parse(second.stdout).inserted, 0);
    const pg = await openStore(target);
    assert.equal(await pg.countArticles(), 3);
    await pg.close();
  });
});
