import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { after, describe, it } from "node:test";
import { sql } from "kysely";
import { PG_SKIP_REASON, TEST_PG_URL, TestSchemas } from "../store/pg-testing.js";
import { enqueueDocuments, WorkQueue } from "./index.js";
import { rawDocument } from "./testing/fake-analyze.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const childScript = fileURLToPath(new URL("./testing/child-worker.ts", import.meta.url));

function startWorker(url: string, env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", childScript, url], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
}

/** Resolves when the child prints this line. */
function printed(child: ChildProcess, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk) => {
      out += chunk;
      if (out.split("\n").includes(line)) resolve();
    });
    child.once("exit", (code) => reject(new Error(`worker exited (${code}) before printing ${line}`)));
  });
}
describe("queue workers killed mid-batch", () => {
  if (!TEST_PG_URL) {
    it("lose nothing and store nothing twice", { skip: PG_SKIP_REASON }, () => {});
    return;
  }
  const schemas = new TestSchemas(TEST_PG_URL);
  after(() => schemas.dropAll());

  it("lose nothing and store nothing twice", { timeout: 60_000 }, async () => {
    const url = schemas.url();
    const total = 60;
    await enqueueDocuments(
      url,
      Array.from({ length: total }, (_, i) => rawDocument(i + 1)),
    );
    const queue = await WorkQueue.open(url, { max: 2 });
    const db = queue.store.kysely;
    const heldBy = async (child: ChildProcess) => {
      const r = await sql<{ n: string }>`select count(*) as n from queue_jobs
        where state = 'active' and locked_by like ${`child-${child.pid}#%`}`.execute(db);
      return Number(r.rows[0]?.n ?? 0);
    };
    const victim = startWorker(url, { HANG_AFTER: "8" });
    const midBatch = printed(victim, "mid-batch");
    const survivor = startWorker(url);
    const children = [victim, survivor];
    try {
      // The first worker hangs after analyzing its 8th document (in its second batch of 5): kill it there.
      await midBatch;
      assert.ok((await queue.status()).done >= 5, "the first worker stored its first batch");
      victim.kill("SIGKILL");
      await once(victim, "exit");
      const stranded = await heldBy(victim);
      assert.ok(stranded >= 1, `the killed worker left claimed jobs behind (${stranded})`);

      const restarted = startWorker(url);
      children.push(restarted);
      await Promise.all([once(survivor, "exit"), once(restarted, "exit")]);
      assert.equal(survivor.exitCode, 0);
      assert.equal(restarted.exitCode, 0);

      assert.deepEqual(await queue.status(), { pending: 0, active: 0, done: total, dead: 0 });
      assert.equal(await queue.store.countArticles(), total);
      // Each job's article was inserted by exactly the run that completed the job: none was written twice.
      const inserted = await sql<{ n: string }>`select count(*) as n from queue_jobs where inserted`.execute(
        db,
      );
      assert.equal(Number(inserted.rows[0]?.n), total);
      const articles = await sql<{
        n: string;
      }>`select count(distinct article_id) as n from queue_jobs`.execute(db);
      assert.equal(Number(articles.rows[0]?.n), total);
      assert.equal((await queue.store.listProblems()).length, 0);
    } finally {
      for (const child of children)
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await queue.close();
    }
  });
});
