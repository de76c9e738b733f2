/**
 * The fault suite on SQLite: `watchdesk ingest` (or `ingestInputs` in a child process) killed with SIGKILL at
 * chosen points, a full disk, a read-only file, and two processes writing one file. After each fault the
 * file passes SQLite's integrity checks and the count checks of checkSqlite, and running the same command
 * again completes the work: every generated report stored exactly once, stories and ledger over all of them.
 * Longer versions (many kill cycles at random points) run in `npm run soak`.
 */
import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { isWatchdeskError } from "../errors.js";
import { openSqliteStore } from "../store/sqlite.js";
import { ingestInputs } from "./ingest.js";
import { writeReports } from "./testing/corpus.js";
import {
  checkSqlite,
  cliHere,
  committedArticles,
  mountTmpfs,
  remount,
  type Soundness,
  spawnCli,
  spawnFaultChild,
  unmount,
  waitUntil,
} from "./testing/faults.js";
import { SOAK_ONLY, soakOr } from "./testing/soak.js";

const tmp = mkdtempSync(join(tmpdir(), "watchdesk-faults-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Everything of `paths` stored once, with stories and ledger over all of it, and no problem recorded. */
function assertComplete(state: Soundness, paths: string[]) {
  assert.deepEqual(state.sources, [...paths].sort(), "every report stored exactly once");
  assert.equal(state.inStories, paths.length, "every article is in a story");
  assert.equal(state.ledgerEvidence, state.claims, "the ledger holds every stored claim");
  assert.deepEqual(state.problems, []);
}

describe("kill -9 during ingest", () => {
  it("of `watchdesk ingest` over a folder: the file is sound and a re-run stores the rest once", {
    timeout: 120_000,
  }, async () => {
    const dir = join(tmp, "kill-cli");
    const paths = writeReports(join(dir, "in"), 0, 24);
    const db = join(dir, "desk.db");
    const run = spawnCli(["--db", db, "ingest", join(dir, "in")]);
    await waitUntil(() => committedArticles(db) >= 6, 60_000, "6 stored articles");
    const killed = await run.kill();
    assert.equal(killed.signal, "SIGKILL", "it was killed before it finished");
    const partial = checkSqlite(db);
    assert.ok(partial.articles >= 6 && partial.articles < 24, `${partial.articles} articles`);

    const rerun = await cliHere(["--db", db, "ingest", join(dir, "in")]);
    assert.equal(rerun.code, 0, rerun.stderr);
    assert.match(
      rerun.stdout,
      new RegExp(
        `24 documents read from 24 inputs, ${24 - partial.articles} new, ${partial.articles} already stored, 0 problems`,
      ),
    );
    assertComplete(checkSqlite(db), paths);
  });
});

describe("kill -9 at random points, again and again", () => {
  it("never loses or doubles a report: each cycle leaves a sound file, the last run completes", {
    timeout: 1_800_000,
    skip: SOAK_ONLY,
  }, async (t) => {
    const dir = join(tmp, "kill-cycles");
    const paths = writeReports(join(dir, "in"), 0, soakOr(300, 0));
    const db = join(dir, "desk.db");
    let seed = 20311;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let kills = 0;
    for (let cycle = 0; cycle < 40; cycle++) {
      const before = (() => {
        try {
          return committedArticles(db);
        } catch {
          return 0;
        }
      })();
      const run = spawnCli(["--db", db, "ingest", join(dir, "in")]);
      // Somewhere between start-up and a few more articles, the refresh included.
      const target = before + Math.floor(random() * 4);
      const ended = () => run.child.exitCode !== null || run.child.signalCode !== null;
      await waitUntil(() => ended() || committedArticles(db) >= target, 120_000, "articles");
      await Promise.race([sleep(Math.floor(random() * 150)), run.exited]);
      const done = await run.kill();
      // Killed before it created the file: nothing to check yet.
      if (existsSync(db)) assert.ok(checkSqlite(db).articles >= before, "nothing committed was lost");
      if (done.signal !== "SIGKILL") {
        assert.equal(done.code, 0, done.stderr);
        t.diagnostic(`${kills} kills, finished on cycle ${cycle + 1}`);
        break;
      }
      kills++;
    }
    assert.ok(kills >= 20, `only ${kills} kills landed`);
    const rerun = await cliHere(["--db", db, "ingest", join(dir, "in")]);
    assert.equal(rerun.code, 0, rerun.stderr);
    assertComplete(checkSqlite(db), paths);
  });
});

describe("kill -9 inside a transaction", () => {
  it("of one article's write: nothing of that article is kept, and a re-run stores it once", {
    timeout: 120_000,
  }, async () => {
    const dir = join(tmp, "kill-put");
    const paths = writeReports(join(dir, "in"), 0, 12);
    const db = join(dir, "desk.db");
    const child = spawnFaultChild(db, [join(dir, "in")], "put:7");
    await child.printed("paused");
    // Its 7th article row is written inside the open transaction; another connection sees the 6 before it.
    assert.equal(committedArticles(db), 6);
    await child.kill();
    assert.equal(checkSqlite(db).articles, 6);
    const rerun = await cliHere(["--db", db, "ingest", join(dir, "in")]);
    assert.equal(rerun.code, 0, rerun.stderr);
    assert.match(rerun.stdout, /12 documents read from 12 inputs, 6 new, 6 already stored, 0 problems/);
    assertComplete(checkSqlite(db), paths);
  });

  for (const point of ["clustering", "ledger"] as const) {
    it(`of the ${point} write of a refresh: the earlier result is kept whole, and a re-run refreshes`, {
      timeout: 120_000,
    }, async () => {
      const dir = join(tmp, `kill-${point}`);
      const first = writeReports(join(dir, "in"), 0, 8);
      const db = join(dir, "desk.db");
      assert.equal((await cliHere(["--db", db, "ingest", join(dir, "in")])).code, 0);
      const before = checkSqlite(db);
      assertComplete(before, first);
      const paths = [...first, ...writeReports(join(dir, "in"), 8, 14)];
      const child = spawnFaultChild(db, [join(dir, "in")], point);
      await child.printed("paused");
      await child.kill();
      const state = checkSqlite(db);
      assert.equal(state.articles, 14, "the articles were committed before the refresh");
      if (point === "clustering")
        assert.equal(state.inStories, 8, "the earlier stories, not a part of new ones");
      else assert.equal(state.inStories, 14, "the new stories were committed before the ledger");
      assert.equal(
        state.ledgerEvidence,
        before.ledgerEvidence,
        "the earlier ledger, not a part of a new one",
      );

      // Nothing new to store, but the corpus is behind its articles: the re-run refreshes it.
      const rerun = await cliHere(["--db", db, "ingest", join(dir, "in")]);
      assert.equal(rerun.code, 0, rerun.stderr);
      assert.match(rerun.stdout, /0 new, 14 already stored, 0 problems\ncorpus: /);
      assertComplete(checkSqlite(db), paths);
    });
  }
});

describe("two processes writing one SQLite file", () => {
  const indexOf = (source: string) => Number(/report-(\d+)/.exec(source)?.[1]);

  it("two `watchdesk ingest` runs at once over overlapping folders store each report once", {
    timeout: 120_000,
  }, async () => {
    const dir = join(tmp, "two-writers");
    writeReports(join(dir, "a"), 0, 16);
    writeReports(join(dir, "b"), 8, 24);
    const db = join(dir, "desk.db");
    // One in a process of its own, one in this process.
    const runs = await Promise.all([
      spawnCli(["--db", db, "ingest", join(dir, "a")]).exited,
      cliHere(["--db", db, "ingest", join(dir, "b")]),
    ]);
    for (const run of runs) assert.equal(run.code, 0, run.stderr);
    const counts = runs.map((r) => /(\d+) new, (\d+) already stored/.exec(r.stdout)?.slice(1).map(Number));
    assert.equal((counts[0]?.[0] ?? 0) + (counts[1]?.[0] ?? 0), 24, "24 distinct reports stored in all");
    assert.equal((counts[0]?.[1] ?? 0) + (counts[1]?.[1] ?? 0), 8, "the 8 shared ones found stored once");
    const state = checkSqlite(db);
    assert.deepEqual(
      state.sources.map(indexOf).sort((x, y) => x - y),
      Array.from({ length: 24 }, (_, i) => i),
    );
    assert.equal(state.inStories, 24, "the last refresh saw both processes' articles");
    assert.equal(state.ledgerEvidence, state.claims);
  });

  it("a refresh that read the corpus before the other process stored more never overwrites the newer one", {
    timeout: 120_000,
  }, async () => {
    const dir = join(tmp, "refresh-race");
    const a = writeReports(join(dir, "a"), 0, 8);
    const b = writeReports(join(dir, "b"), 8, 16);
    const db = join(dir, "desk.db");
    const release = join(dir, "release");
    // A stores its 8, reads the corpus for its refresh and waits there, before writing stories and ledger.
    const slow = spawnFaultChild(db, [join(dir, "a")], `hold:${release}`);
    await slow.printed("paused");
    // B stores its 8 and refreshes (or waits for A's refresh to finish first).
    const fast = cliHere(["--db", db, "ingest", join(dir, "b")]);
    await waitUntil(() => committedArticles(db) === 16, 60_000, "B's articles");
    await Promise.race([fast, sleep(1500)]);
    writeFileSync(release, "");
    assert.equal((await slow.exited).code, 0, slow.output().stderr);
    assert.equal((await fast).code, 0);
    assertComplete(checkSqlite(db), [...a, ...b]);
  });
});

describe("a full disk", () => {
  it("stops the batch with a clear error naming the file; after room is made a re-run completes", {
    timeout: 120_000,
  }, async (t) => {
    const dir = join(tmp, "full");
    const paths = writeReports(join(dir, "in"), 0, 30);
    const mnt = join(dir, "disk");
    const reason = mountTmpfs(mnt, 640 * 1024);
    const db = join(mnt, "desk.db");
    if (reason) {
      // No tmpfs here: the same failure from SQLite's page limit on the connection (PRAGMA max_page_count).
      t.diagnostic(`${reason}; using PRAGMA max_page_count instead`);
      const store = await openSqliteStore(join(dir, "capped.db"));
      store.database.pragma(
        `max_page_count = ${(store.database.pragma("page_count", { simple: true }) as number) + 40}`,
      );
      await assert.rejects(ingestInputs(store, { inputs: [join(dir, "in")] }), (error) => {
        assert.ok(isWatchdeskError(error));
        assert.equal(error.code, "STORE_DISK_FULL");
        assert.equal(error.input, join(dir, "capped.db"));
        return true;
      });
      await store.close();
      const state = checkSqlite(join(dir, "capped.db"));
      assert.ok(state.articles > 0 && state.articles < 30, `${state.articles} articles`);
      const rerun = await cliHere(["--db", join(dir, "capped.db"), "ingest", join(dir, "in")]);
      assert.equal(rerun.code, 0, rerun.stderr);
      assertComplete(checkSqlite(join(dir, "capped.db")), paths);
      return;
    }
    try {
      const full = await cliHere(["--db", db, "ingest", join(dir, "in")]);
      assert.equal(full.code, 1);
      assert.ok(full.stderr.includes(db), full.stderr);
      assert.match(full.stderr, /disk .*is full/);
      assert.match(full.stderr, /free some space.*run the same command again/);
      assert.doesNotMatch(full.stderr, /could not analyze/, "a full disk is not blamed on the documents");
      const state = checkSqlite(db);
      assert.ok(state.articles > 0 && state.articles < 30, `${state.articles} articles`);
      assert.deepEqual(state.problems, []);

      remount(mnt, "size=64m");
      const rerun = await cliHere(["--db", db, "ingest", join(dir, "in")]);
      assert.equal(rerun.code, 0, rerun.stderr);
      assert.match(rerun.stdout, new RegExp(`${30 - state.articles} new, ${state.articles} already stored`));
      assertComplete(checkSqlite(db), paths);
    } finally {
      unmount(mnt);
    }
  });
});

describe("a read-only database", () => {
  it("on a read-only file system: clear errors naming the file; writable again, nothing is lost", {
    timeout: 120_000,
  }, async (t) => {
    const dir = join(tmp, "ro-fs");
    const paths = writeReports(join(dir, "in"), 0, 8);
    const mnt = join(dir, "disk");
    const reason = mountTmpfs(mnt, 16 * 1024 * 1024);
    if (reason) return t.skip(`${reason}: cannot make a read-only file system`);
    const db = join(mnt, "desk.db");
    try {
      assert.equal((await cliHere(["--db", db, "ingest", ...paths.slice(0, 6)])).code, 0);
      remount(mnt, "ro");
      for (const args of [["articles"], ["ingest", ...paths.slice(6)]]) {
        const run = await cliHere(["--db", db, ...args]);
        assert.equal(run.code, 1, `${args[0]}: ${run.stdout}`);
        assert.ok(run.stderr.includes(db), run.stderr);
        assert.match(run.stderr, /read-only/);
        assert.match(run.stderr, /copy it to a writable folder|make .* writable/);
      }
      remount(mnt, "rw");
      assert.equal(checkSqlite(db).articles, 6);
      const rerun = await cliHere(["--db", db, "ingest", join(dir, "in")]);
      assert.equal(rerun.code, 0, rerun.stderr);
      assert.match(rerun.stdout, /2 new, 6 already stored/);
      assertComplete(checkSqlite(db), paths);
    } finally {
      unmount(mnt);
    }
  });

  it("a read-only file (mode 444, another user): writes fail clearly naming the file; nothing is lost", {
    timeout: 120_000,
    skip: process.getuid?.() === 0 ? SOAK_ONLY : "needs root, to run the writer as another user",
  }, async () => {
    const dir = join(tmp, "ro-file");
    const paths = writeReports(join(dir, "in"), 0, 8);
    const db = join(dir, "desk.db");
    assert.equal((await cliHere(["--db", db, "ingest", ...paths.slice(0, 6)])).code, 0);
    for (const d of [tmp, dir, join(dir, "in")]) chmodSync(d, 0o777);
    chmodSync(db, 0o444);
    const run = await spawnCli(["--db", db, "ingest", ...paths.slice(6)], { uid: 65534 }).exited;
    assert.equal(run.code, 1, run.stdout);
    assert.ok(run.stderr.includes(db), run.stderr);
    assert.match(run.stderr, /read-only/);
    chmodSync(db, 0o644);
    assert.equal(checkSqlite(db).articles, 6);
    const rerun = await cliHere(["--db", db, "ingest", join(dir, "in")]);
    assert.equal(rerun.code, 0, rerun.stderr);
    assertComplete(checkSqlite(db), paths);
  });
});
