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
interface KillCase {
  name: string;
  env: Record<string, string>;
  /** What the victim prints once it is where it must be killed. */
  marker: string;
}

const cases: KillCase[] = [
  // Its second batch of 5 is claimed and 3 of its documents analyzed: nothing of it is written yet.
  { name: "while analyzing its batch", env: { HANG_AFTER: "8" }, marker: "mid-batch" },
  // Its second batch is written (articles, entities, totals) inside the open transaction, jobs not yet done.
  { name: "while committing its batch", env: { HANG_IN_COMMIT: "2" }, marker: "in-commit" },
];

describe("queue workers killed mid-batch", () => {
  if (!TEST_PG_URL) {
    it("lose nothing and store nothing twice", { skip: PG_SKIP_REASON }, () => {});
    return;
  }
  const schemas = new TestSchemas(TEST_PG_URL);
  after(() => schemas.dropAll());

  for (const c of cases) {
    it(`lose nothing and store nothing twice when killed ${c.name}`, { timeout: 60_000 }, async () => {
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
      const victim = startWorker(url, c.env);
      const there = printed(victim, c.marker);
      const survivor = startWorker(url);
      const children = [victim, survivor];
      try {
        await there;
        assert.ok((await queue.status()).done >= 5, "the first worker stored its first batch");
        const stranded = await heldBy(victim);
        assert.equal(stranded, 5, "the victim holds its whole second batch");
        victim.kill("SIGKILL");
        await once(victim, "exit");
        assert.equal(victim.signalCode, "SIGKILL");
        // What the victim had written of that batch went with its transaction. The survivor goes on committing
        // batches meanwhile: both counts come from one statement, so from one snapshot.
        const counts = await sql<{ articles: string; done: string }>`select
          (select count(*) from articles) as articles,
          (select count(*) from queue_jobs where state = 'done') as done`.execute(db);
        const row = counts.rows[0];
        assert.equal(Number(row?.articles), Number(row?.done), "no article without a finished job");
        assert.equal(await heldBy(victim), stranded, "its jobs stay claimed until the lease runs out");

        const restarted = startWorker(url);
        children.push(restarted);
        await Promise.all([once(survivor, "exit"), once(restarted, "exit")]);
        assert.equal(survivor.exitCode, 0);
        assert.equal(restarted.exitCode, 0);

        assert.deepEqual(await queue.status(), { pending: 0, active: 0, done: total, dead: 0 });
        assert.equal(await queue.store.countArticles(), total);
        // Each job's article was inserted by exactly the run that completed the job: none was written twice.
        const inserted = await sql<{
          n: string;
        }>`select count(*) as n from queue_jobs where inserted`.execute(db);
        assert.equal(Number(inserted.rows[0]?.n), total);
        const articles = await sql<{
          n: string;
        }>`select count(distinct article_id) as n from queue_jobs`.execute(db);
        assert.equal(Number(articles.rows[0]?.n), total);
        // Rows and running totals written by the killed transaction were not kept, nor added twice.
        assert.deepEqual(
          (await queue.store.listEntities()).map((e) => [e.key, e.articleCount, e.mentionCount]),
          [
            ["event:convoys", total, total],
            ["place:yalu-river", total, total],
          ],
        );
        const entityRows = await sql<{ n: string }>`select count(*) as n from entities`.execute(db);
        assert.equal(Number(entityRows.rows[0]?.n), 2 * total);
        assert.equal((await queue.store.listProblems()).length, 0);
      } finally {
        for (const child of children)
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
        await queue.close();
      }
    });
  }
});
