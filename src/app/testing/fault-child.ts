/**
 * `node --import tsx fault-child.ts <db> <input>…`: `ingestInputs` from src/app over the SQLite store at <db>,
 * as `watchdesk ingest` runs it, but stopped at the point named by WATCHDESK_FAULT so the fault suite can
 * SIGKILL it exactly there. The child prints `paused` on stdout when it gets there and waits to be killed:
 *
 *   put:<n>          inside the write transaction of the n-th new article (its article row written, the rest not)
 *   clustering       inside the transaction that replaces stories and duplicates
 *   ledger           inside the transaction that replaces the ledger (stories already replaced)
 *   hold:<file>      after the refresh has read the corpus, before it writes anything, until <file> exists;
 *                    then it goes on (for the race between two processes refreshing one file)
 *   none             no fault (a plain run)
 *
 * WATCHDESK_FAULT_MAX_PAGES=<n> caps the file at n pages on this connection (PRAGMA max_page_count): a full
 * disk where a tmpfs cannot be mounted.
 *
 * The pauses inside transactions are SQLite triggers calling a function of this process, which blocks the
 * thread (Atomics.wait) in the middle of the statement, so the kill lands with the transaction open.
 * Prints the ingest report as JSON on a line of its own when it finishes.
 */
import { existsSync, writeSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { ingestInputs } from "../ingest.js";
import { openSqliteStore } from "../../store/sqlite.js";
import type { Store } from "../../store/types.js";

const [db, ...inputs] = process.argv.slice(2);
if (!db || inputs.length === 0) {
  process.stderr.write("usage: fault-child.ts <db> <input>…\n");
  process.exit(2);
}
const fault = process.env.WATCHDESK_FAULT ?? "none";
const store = await openSqliteStore(db);
const maxPages = Number(process.env.WATCHDESK_FAULT_MAX_PAGES ?? 0);
if (maxPages > 0) store.database.pragma(`max_page_count = ${maxPages}`);

function pauseForever(): never {
  writeSync(1, "paused\n");
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  throw new Error("unreachable");
}

let target: Store = store;
const [kind, arg] = fault.split(/:(.*)/s);
if (kind === "put") {
  let seen = 0;
  store.database.function("watchdesk_fault", () => {
    seen += 1;
    if (seen === Number(arg)) pauseForever();
    return 0;
  });
  store.database.exec(
    "create temp trigger fault_put after insert on main.articles begin select watchdesk_fault(); end",
  );
} else if (kind === "clustering" || kind === "ledger") {
  store.database.function("watchdesk_fault", () => pauseForever());
  const table = kind === "clustering" ? "story_articles" : "ledger_claims";
  store.database.exec(
    `create temp trigger fault_refresh after insert on main.${table} begin select watchdesk_fault(); end`,
  );
} else if (kind === "hold" && arg) {
  const release = arg;
  target = new Proxy(store, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver);
      if (prop !== "saveClustering" || typeof value !== "function") {
        return typeof value === "function" ? value.bind(obj) : value;
      }
      return async (...args: unknown[]) => {
        writeSync(1, "paused\n");
        while (!existsSync(release)) await sleep(20);
        return value.apply(obj, args);
      };
    },
  });
} else if (kind !== "none") {
  process.stderr.write(`unknown WATCHDESK_FAULT ${fault}\n`);
  process.exit(2);
}

try {
  const report = await ingestInputs(target, { inputs });
  process.stdout.write(`${JSON.stringify({ ...report, insertedIds: undefined })}\n`);
} finally {
  await store.close();
}
