import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { enqueueDocuments } from "../../queue/index.js";
import { rawDocument } from "../../queue/testing/fake-analyze.js";
import { TEST_PG_URL, TestSchemas } from "../../store/pg-testing.js";
import { runCommand } from "../../queue/testing/run-command.js";
import { register } from "./worker.js";

describe("watchdesk worker", () => {
  it("asks for a Postgres database", async () => {
    const result = await runCommand(register, ["--db", ":memory:", "worker", "--status"]);
    assert.equal(result.code, 2);
    assert.equal((result.error as { code?: string }).code, "QUEUE_NEEDS_POSTGRES");
  });

  it("rejects a concurrency that is not a whole number", async () => {
    const result = await runCommand(register, [
      "--db",
      "postgres://x@127.0.0.1/x",
      "worker",
      "--concurrency",
      "two",
    ]);
    assert.equal(result.code, 2);
  });

  it("rejects a refresh interval that is not a whole number of seconds", async () => {
    const result = await runCommand(register, [
      "--db",
      "postgres://x@127.0.0.1/x",
      "worker",
      "--refresh-every",
      "0",
    ]);
    assert.equal(result.code, 2);
    assert.equal((result.error as { code?: string }).code, "BAD_OPTION");
  });

  it("reports the queue, then dead documents", {
    skip: TEST_PG_URL ? false : "set WATCHDESK_TEST_PG_URL to run it",
  }, async (t) => {
    const schemas = new TestSchemas(TEST_PG_URL!);
    t.after(() => schemas.dropAll());
    const url = schemas.url();
    await enqueueDocuments(url, [rawDocument(1), rawDocument(2)]);
    const status = await runCommand(register, ["--db", url, "worker", "--status"]);
    assert.equal(status.code, 0, status.stderr);
    assert.equal(status.stdout, "2 pending, 0 active, 0 done, 0 dead\n");
    const dead = await runCommand(register, ["--db", url, "worker", "--dead"]);
    assert.equal(dead.stdout, "no dead documents\n");
  });
});
