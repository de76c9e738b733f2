import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { sql } from "kysely";
import { PG_SKIP_REASON, TEST_PG_URL, TestSchemas } from "../store/pg-testing.js";
import { enqueueDocuments, enqueueInputs, runWorker, WorkQueue } from "./index.js";
import { fakeAnalyze, rawDocument } from "./testing/fake-analyze.js";

describe("work queue", () => {
  if (!TEST_PG_URL) {
    it("queues documents and drains them with workers", { skip: PG_SKIP_REASON }, () => {});
    return;
  }
  const schemas = new TestSchemas(TEST_PG_URL);
  after(() => schemas.dropAll());
  const docs = (n: number) => Array.from({ length: n }, (_, i) => rawDocument(i + 1));

  it("refuses a SQLite location with a hint", async () => {
    await assert.rejects(enqueueDocuments("./watchdesk.db", docs(1)), { code: "QUEUE_NEEDS_POSTGRES" });
  });

  it("queues a document once, however often it is sent", async () => {
    const url = schemas.url();
    assert.deepEqual(await enqueueDocuments(url, docs(5)), { queued: 5, alreadyQueued: 0 });
    assert.deepEqual(await enqueueDocuments(url, docs(7)), { queued: 2, alreadyQueued: 5 });
    const queue = await WorkQueue.open(url);
    assert.deepEqual(await queue.status(), { pending: 7, active: 0, done: 0, dead: 0 });
    await queue.close();
  });

  it("drains the queue into the store, and a second worker finds nothing to do", async () => {
    const url = schemas.url();
    await enqueueDocuments(url, docs(25));
    const report = await runWorker({
      url,
      analyze: fakeAnalyze,
      untilEmpty: true,
      batchSize: 4,
      concurrency: 2,
      pollMs: 20,
    });
    assert.deepEqual(report, { processed: 25, inserted: 25, unchanged: 0, retried: 0, dead: 0 });
    const again = await runWorker({ url, analyze: fakeAnalyze, untilEmpty: true, pollMs: 20 });
    assert.equal(again.processed, 0);
    const queue = await WorkQueue.open(url);
    assert.equal(await queue.store.countArticles(), 25);
    assert.deepEqual(await queue.status(), { pending: 0, active: 0, done: 25, dead: 0 });
    await queue.close();
  });

  it("does not deadlock when two batches carry the same articles in opposite orders, and keeps the first copies", async () => {
    const url = schemas.url();
    const n = 150;
    // The same texts queued twice under other names, the second time in reverse order.
    const text = (i: number) => `Report number ${i} on convoys crossing the river.`;
    await enqueueDocuments(url, [
      ...Array.from({ length: n }, (_, i) => rawDocument(i + 1, text(i + 1))),
      ...Array.from({ length: n }, (_, i) => ({ ...rawDocument(1000 + i, text(n - i)) })),
    ]);
    const [one, two] = [await WorkQueue.open(url), await WorkQueue.open(url)];
    try {
      const first = await one.claim("w1", n);
      const second = await two.claim("w2", n);
      await Promise.all([
        one.completeBatch(
          first.map((job) => ({ job, doc: fakeAnalyze(job.document) })),
          "w1",
        ),
        two.completeBatch(
          second.map((job) => ({ job, doc: fakeAnalyze(job.document) })),
          "w2",
        ),
      ]);
      assert.equal(await one.store.countArticles(), n);
      assert.deepEqual(await one.status(), { pending: 0, active: 0, done: 2 * n, dead: 0 });
      // Whichever batch committed first, the copies queued first are kept, in queue order, counted once.
      const sources: string[] = [];
      for await (const doc of one.store.iterateArticles()) sources.push(doc.article.source);
      assert.deepEqual(
        sources,
        Array.from({ length: n }, (_, i) => `inbox/report-${i + 1}.txt`),
      );
      const inserted = await sql<{ n: string }>`select count(*) as n from queue_jobs where inserted`.execute(
        one.store.kysely,
      );
      assert.equal(Number(inserted.rows[0]?.n), n);
      assert.deepEqual(
        (await one.store.listEntities()).map((e) => [e.key, e.articleCount]),
        [
          ["event:convoys", n],
          ["place:yalu-river", n],
        ],
      );
    } finally {
      await one.close();
      await two.close();
    }
  });

  it("keeps the copy queued first of a text queued twice, even when a later copy was stored first", async () => {
    const url = schemas.url();
    const text = "Report on convoys crossing the river near the bridge.";
    const earlier = { ...rawDocument(1, text), hints: { title: "First copy", outlet: "Border Monitor" } };
    const later = { ...rawDocument(2, text), hints: { title: "Second copy", outlet: "Wire Relay" } };
    await enqueueDocuments(url, [earlier, later, rawDocument(3)]);
    const queue = await WorkQueue.open(url);
    try {
      const [a, b, c] = await queue.claim("w", 3);
      // The later copy and another document are stored first, then the earlier copy.
      const [first] = await queue.completeBatch([{ job: b!, doc: fakeAnalyze(b!.document) }], "w");
      await queue.completeBatch([{ job: c!, doc: fakeAnalyze(c!.document) }], "w");
      const [second] = await queue.completeBatch([{ job: a!, doc: fakeAnalyze(a!.document) }], "w");
      assert.equal(first?.id, second?.id);
      assert.equal(second?.inserted, true);
      const kept = await queue.store.getArticle(second!.id);
      assert.equal(kept?.article.source, "inbox/report-1.txt");
      assert.equal(kept?.article.title, "First copy");
      const order: string[] = [];
      for await (const doc of queue.store.iterateArticles()) order.push(doc.article.source);
      assert.deepEqual(order, ["inbox/report-1.txt", "inbox/report-3.txt"]);
      assert.equal(await queue.store.countArticles(), 2);
      // Counted once in the running totals, and one job holds the insert.
      assert.deepEqual(
        (await queue.store.listEntities()).map((e) => [e.key, e.articleCount, e.mentionCount]),
        [
          ["event:convoys", 2, 2],
          ["place:yalu-river", 2, 2],
        ],
      );
      const inserted = await sql<{
        source: string;
      }>`select source from queue_jobs where inserted order by id`.execute(queue.store.kysely);
      assert.deepEqual(
        inserted.rows.map((r) => r.source),
        ["inbox/report-1.txt", "inbox/report-3.txt"],
      );
      assert.deepEqual(
        (await queue.store.listArticles({ outlet: "Wire Relay" })).map((x) => x.id),
        [],
      );
    } finally {
      await queue.close();
    }
  });

  it("stores each document once when workers race over one queue", async () => {
    const url = schemas.url();
    await enqueueDocuments(url, docs(40));
    const reports = await Promise.all(
      [1, 2, 3].map((n) =>
        runWorker({
          url,
          analyze: fakeAnalyze,
          untilEmpty: true,
          batchSize: 3,
          pollMs: 10,
          workerId: `w${n}`,
        }),
      ),
    );
    assert.equal(
      reports.reduce((sum, r) => sum + r.inserted, 0),
      40,
    );
    assert.equal(
      reports.reduce((sum, r) => sum + r.processed, 0),
      40,
    );
    const queue = await WorkQueue.open(url);
    assert.equal(await queue.store.countArticles(), 40);
    // Running totals updated by three workers at once add up.
    assert.deepEqual(
      (await queue.store.listEntities()).map((e) => [e.key, e.articleCount, e.mentionCount]),
      [
        ["event:convoys", 40, 40],
        ["place:yalu-river", 40, 40],
      ],
    );
    await queue.close();
  });

  it("retries a failing document, then moves it to the dead letters and records a problem", async () => {
    const url = schemas.url();
    const bad = rawDocument(99, "UNREADABLE scan of a fax");
    await enqueueDocuments(url, [...docs(3), bad], { maxAttempts: 3 });
    const events: string[] = [];
    const report = await runWorker({
      url,
      analyze: fakeAnalyze,
      untilEmpty: true,
      retryDelayMs: 5,
      pollMs: 10,
      onEvent: (e) => events.push("source" in e ? `${e.type} ${e.source}` : e.type),
    });
    assert.deepEqual(report, { processed: 3, inserted: 3, unchanged: 0, retried: 2, dead: 1 });
    assert.deepEqual(
      events.filter((e) => e.endsWith("report-99.txt")),
      ["retry inbox/report-99.txt", "retry inbox/report-99.txt", "dead inbox/report-99.txt"],
    );
    const queue = await WorkQueue.open(url);
    const dead = await queue.deadLetters();
    assert.equal(dead.length, 1);
    assert.equal(dead[0]?.source, "inbox/report-99.txt");
    assert.equal(dead[0]?.attempts, 3);
    assert.match(dead[0]?.error ?? "", /cannot read/);
    const problems = await queue.store.listProblems();
    assert.deepEqual(
      problems.map((p) => [p.source, p.code]),
      [["inbox/report-99.txt", "QUEUE_DEAD_LETTER"]],
    );
    assert.equal(await queue.requeueDead(), 1);
    assert.deepEqual(await queue.status(), { pending: 1, active: 0, done: 3, dead: 0 });
    await queue.close();
  });

  it("stores the rest of a batch when the database refuses one of its documents", async () => {
    const url = schemas.url();
    await enqueueDocuments(url, [rawDocument(1), rawDocument(2, "BROKEN record"), rawDocument(3)], {
      maxAttempts: 1,
    });
    const report = await runWorker({
      url,
      analyze: fakeAnalyze,
      untilEmpty: true,
      batchSize: 10,
      pollMs: 10,
    });
    assert.deepEqual(report, { processed: 2, inserted: 2, unchanged: 0, retried: 0, dead: 1 });
    const queue = await WorkQueue.open(url);
    assert.equal(await queue.store.countArticles(), 2);
    assert.deepEqual(
      (await queue.deadLetters()).map((d) => d.source),
      ["inbox/report-2.txt"],
    );
    await queue.close();
  });

  it("queues every document of files, folders and JSONL inputs, and records unreadable ones", async (t) => {
    const dir = mkdtempSync(join(tmpdir(), "watchdesk-enqueue-"));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, "inbox"));
    writeFileSync(
      join(dir, "inbox", "one.txt"),
      "Customs officers in Dandong seized a shipment of drone engines on Monday.\n",
    );
    writeFileSync(
      join(dir, "inbox", "two.txt"),
      "A freighter left Nampo carrying crates that officials said held rifles.\n",
    );
    const lines = [1, 2, 3].map((n) =>
      JSON.stringify({
        title: `Wire ${n}`,
        text: `Wire report ${n}: patrol boats shadowed a tanker near Port Klang.`,
      }),
    );
    writeFileSync(join(dir, "wire.jsonl"), `${lines.join("\n")}\n`);
    const url = schemas.url();
    const missing = join(dir, "missing.txt");
    const report = await enqueueInputs(url, [join(dir, "inbox"), join(dir, "wire.jsonl"), missing]);
    assert.equal(report.documents, 5);
    assert.equal(report.queued, 5);
    assert.deepEqual(
      report.problems.map((p) => p.source),
      [missing],
    );
    const again = await enqueueInputs(url, [join(dir, "inbox"), join(dir, "wire.jsonl")]);
    assert.deepEqual([again.queued, again.alreadyQueued], [0, 5]);
    const queue = await WorkQueue.open(url);
    assert.equal((await queue.status()).pending, 5);
    assert.deepEqual(
      (await queue.store.listProblems()).map((p) => p.source),
      [missing],
    );
    await queue.close();
  });

  it("waits out database errors with backoff, then gives up with a hint", async () => {
    const url = schemas.url();
    await enqueueDocuments(url, docs(1));
    const queue = await WorkQueue.open(url);
    // The queue table disappears under the worker: every claim now fails.
    await sql`drop table queue_jobs`.execute(queue.store.kysely);
    await queue.close();
    const events: string[] = [];
    await assert.rejects(
      runWorker({
        url,
        analyze: fakeAnalyze,
        pollMs: 5,
        maxConsecutiveErrors: 3,
        onEvent: (e) => events.push(e.type === "error" ? `error ${e.consecutive}` : e.type),
      }),
      { code: "QUEUE_UNAVAILABLE" },
    );
    assert.deepEqual(events, ["error 1", "error 2", "error 3"]);
  });
});
