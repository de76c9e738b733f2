import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { makeArticle } from "../store/fixtures.js";
import { openStore } from "../store/index.js";
import { PG_SKIP_REASON, TEST_PG_URL, TestSchemas } from "../store/pg-testing.js";
import type { PostgresStore } from "../store/postgres.js";
import type { Store } from "../store/types.js";
import { enqueueDocuments, refreshExclusively, refreshIfBehind, runWorker, WorkQueue } from "./index.js";
import { fakeAnalyze, rawDocument } from "./testing/fake-analyze.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const holderScript = fileURLToPath(new URL("./testing/lock-holder.ts", import.meta.url));

const article = (n: number) =>
  makeArticle({
    id: `r-${String(n).padStart(3, "0")}`,
    title: `Convoy report ${n}`,
    body: `Convoy ${n} crossed the river at dawn, border guards said.`,
    outlet: "Border Monitor",
    published: "2024-02-01",
  });

/**
 * A stand-in refresh that stores one story holding every article it read. The first one to run is slow, so
 * without the lock it would finish after (and overwrite) a later refresh that read more.
 */
function storyOfEverything() {
  let calls = 0;
  return async (store: Store) => {
    const call = ++calls;
    const ids: string[] = [];
    for await (const doc of store.iterateArticles()) ids.push(doc.article.id);
    if (call === 1) await sleep(300);
    await store.saveClustering({
      stories: [{ id: `seen-by-${call}`, title: "all", start: null, end: null, articleIds: ids }],
      duplicates: [],
    });
    return ids.length;
  };
}

/** Two connections to one store: the later refresh waits for the earlier, so its result is the one kept. */
async function lastRefreshSeesEverything(first: Store, second: Store): Promise<void> {
  const refresh = storyOfEverything();
  await first.putArticle(article(1));
  let firstHasRead = () => {};
  const reading = new Promise<void>((resolve) => {
    firstHasRead = resolve;
  });
  const slow = refreshExclusively(first, async (store) => {
    const result = refresh(store);
    // Give it time to read (it then sleeps, holding the lock).
    setTimeout(firstHasRead, 100);
    return result;
  });
  await reading;
  await second.putArticle(article(2));
  const fast = refreshExclusively(second, refresh);
  assert.deepEqual(await Promise.all([slow, fast]), [1, 2]);
  const stories = await second.listStories();
  assert.deepEqual(
    stories.map((s) => [s.id, s.articleIds]),
    [["seen-by-2", ["r-001", "r-002"]]],
  );
}

/** A process that holds the lock is killed: the next caller gets the lock instead of waiting it out. */
async function lockOfKilledHolderIsFreed(location: string, store: Store): Promise<void> {
  const child = spawn(process.execPath, ["--import", "tsx", holderScript, location, "corpus-refresh"], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("locked")) resolve();
      });
      child.once("exit", (code) => reject(new Error(`lock holder exited early (${code})`)));
    });
    await assert.rejects(
      store.withExclusiveLock("corpus-refresh", async () => "taken", { waitMs: 200 }),
      { code: "STORE_LOCK_TIMEOUT" },
      "held by a live process: wait, then give up",
    );
    child.kill("SIGKILL");
    await once(child, "exit");
    assert.equal(
      await store.withExclusiveLock("corpus-refresh", async () => "taken", { waitMs: 5_000 }),
      "taken",
    );
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
}

describe("corpus refreshes on SQLite, from several connections", () => {
  const dir = mkdtempSync(join(tmpdir(), "watchdesk-refresh-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("run one at a time, so the last one has read every article", async () => {
    const path = join(dir, "desk.db");
    const [a, b] = [await openStore(path), await openStore(path)];
    try {
      await lastRefreshSeesEverything(a, b);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("take over the lock of a process that was killed holding it", async () => {
    const path = join(dir, "killed.db");
    const store = await openStore(path);
    try {
      await lockOfKilledHolderIsFreed(path, store);
    } finally {
      await store.close();
    }
  });
});

describe("corpus refreshes on Postgres, from several connections and workers", () => {
  if (!TEST_PG_URL) {
    it("run one at a time, so the last one has read every article", { skip: PG_SKIP_REASON }, () => {});
    return;
  }
  const schemas = new TestSchemas(TEST_PG_URL);
  after(() => schemas.dropAll());

  it("run one at a time, so the last one has read every article", async () => {
    const url = schemas.url();
    const [a, b] = [await openStore(url), await openStore(url)];
    try {
      await lastRefreshSeesEverything(a, b);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("keep locks of different schemas apart", async () => {
    const [a, b] = [await openStore(schemas.url()), await openStore(schemas.url())];
    try {
      const inner = await a.withExclusiveLock("corpus-refresh", () =>
        b.withExclusiveLock("corpus-refresh", async () => "both held", { waitMs: 500 }),
      );
      assert.equal(inner, "both held");
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("free the lock when the process holding it is killed", async () => {
    const url = schemas.url();
    const store = await openStore(url);
    try {
      await lockOfKilledHolderIsFreed(url, store);
    } finally {
      await store.close();
    }
  });

  it("skip a refresh when the last one already saw every article and decision", async () => {
    const url = schemas.url();
    const queue = await WorkQueue.open(url);
    const store: PostgresStore = queue.store;
    try {
      let runs = 0;
      const refresh = async (s: Store) => {
        runs++;
        return s.countArticles();
      };
      await store.putArticle(article(1));
      assert.deepEqual(await refreshIfBehind(store, refresh), { ran: true, result: 1, articles: 1 });
      assert.deepEqual(await refreshIfBehind(store, refresh), { ran: false, result: null, articles: 1 });
      await store.putArticle(article(2));
      assert.equal((await refreshIfBehind(store, refresh)).ran, true);
      await store.addStoryDecision({
        kind: "split",
        articleIds: ["r-002"],
        createdAt: "2024-03-01T00:00:00Z",
      });
      assert.equal((await refreshIfBehind(store, refresh)).ran, true, "a new story decision counts");
      assert.equal(runs, 3);
    } finally {
      await queue.close();
    }
  });

  it("store articles in queue order, whichever worker finishes first, and refresh over all of them", async () => {
    const url = schemas.url();
    const total = 30;
    await enqueueDocuments(
      url,
      Array.from({ length: total }, (_, i) => rawDocument(i + 1)),
    );
    const refresh = storyOfEverything();
    const refreshed: boolean[] = [];
    // Workers that take different times per document, so batches finish out of queue order.
    await Promise.all(
      [0, 1, 2].map((w) =>
        runWorker({
          url,
          workerId: `w${w}`,
          batchSize: 2,
          pollMs: 10,
          untilEmpty: true,
          analyze: async (raw) => {
            await sleep(((raw.source.length * 7 + w * 13) % 5) * 4);
            return fakeAnalyze(raw);
          },
          refresh,
          onEvent: (e) => {
            if (e.type === "refreshed") refreshed.push(e.ran);
            if (e.type === "refresh-failed") assert.fail(e.error);
          },
        }),
      ),
    );
    const queue = await WorkQueue.open(url);
    try {
      const inQueueOrder = Array.from(
        { length: total },
        (_, i) => fakeAnalyze(rawDocument(i + 1)).article.id,
      );
      const stored: string[] = [];
      for await (const doc of queue.store.iterateArticles(7)) stored.push(doc.article.id);
      assert.deepEqual(stored, inQueueOrder);
      const [story] = await queue.store.listStories();
      assert.deepEqual([...(story?.articleIds ?? [])].sort(), [...inQueueOrder].sort());
      assert.ok(refreshed.includes(true), "at least one refresh ran");
    } finally {
      await queue.close();
    }
  });
  it("keep workers storing while another holds the refresh lock, then refresh once it is free", {
    timeout: 30_000,
  }, async () => {
    const url = schemas.url();
    const total = 20;
    await enqueueDocuments(
      url,
      Array.from({ length: total }, (_, i) => rawDocument(i + 1)),
    );
    const holder = await openStore(url);
    const queue = await WorkQueue.open(url);
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered = () => {};
    const isHeld = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const holding = holder.withExclusiveLock("corpus-refresh", async () => {
      entered();
      await held;
    });
    try {
      await isHeld;
      const events: string[] = [];
      const worker = runWorker({
        url,
        untilEmpty: true,
        batchSize: 2,
        pollMs: 10,
        // A refresh is due after every batch: each one finds the lock taken and gives way.
        refreshEveryMs: 0,
        analyze: fakeAnalyze,
        refresh: (store) => store.countArticles(),
        onEvent: (e) => {
          if (e.type === "refreshed") events.push(`refreshed ${e.ran} ${e.articles} ${e.result}`);
          if (e.type === "refresh-failed") events.push(`failed ${e.error}`);
        },
      });
      while ((await queue.status()).done < total) await sleep(20);
      assert.deepEqual(events, [], "every document stored while the lock was held, no refresh yet");
      release();
      await holding;
      await worker;
      // One refresh over everything (the final one, or one between batches once the lock was free), and any
      // later one skipped as already covered.
      assert.equal(events[0], `refreshed true ${total} ${total}`);
      assert.deepEqual(
        events.slice(1),
        events.slice(1).map(() => `refreshed false ${total} null`),
      );
    } finally {
      release();
      await holding;
      await holder.close();
      await queue.close();
    }
  });
});
