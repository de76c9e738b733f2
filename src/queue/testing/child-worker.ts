/**
 * A worker process for the crash test (src/queue/kill.test.ts): `node --import tsx child-worker.ts <pg url>`.
 * Uses the stand-in analyzer, slowed down. With HANG_AFTER=n it prints "mid-batch" after analyzing its n-th
 * document and then hangs inside the batch (claimed, partly analyzed, not stored), so the test can kill it
 * there every time. With HANG_IN_COMMIT=n it prints "in-commit" once its n-th batch is written but not yet
 * committed (articles inserted, jobs not yet marked done, the transaction open) and hangs there.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { KyselyStore } from "../../store/kysely-store.js";
import { runWorker } from "../worker.js";
import { fakeAnalyze } from "./fake-analyze.js";

const hangInCommit = Number(process.env.HANG_IN_COMMIT ?? "0");
if (hangInCommit > 0) {
  const write = KyselyStore.prototype.putArticlesIn;
  let batches = 0;
  KyselyStore.prototype.putArticlesIn = async function (this: KyselyStore, ...args) {
    const result = await write.apply(this, args);
    if (++batches === hangInCommit) {
      process.stdout.write("in-commit\n");
      await sleep(60_000);
    }
    return result;
  };
}

const url = process.argv[2];
if (!url) {
  process.stderr.write("usage: child-worker.ts <postgres url>\n");
  process.exit(2);
}
const hangAfter = Number(process.env.HANG_AFTER ?? "0");
let analyzed = 0;
const report = await runWorker({
  url,
  batchSize: 5,
  leaseMs: 1_500,
  pollMs: 100,
  untilEmpty: true,
  workerId: `child-${process.pid}`,
  analyze: async (raw) => {
    await sleep(25);
    const doc = fakeAnalyze(raw);
    analyzed++;
    if (analyzed === hangAfter) {
      process.stdout.write("mid-batch\n");
      await sleep(60_000);
    }
    return doc;
  },
  onEvent: (event) => {
    if (event.type === "stored") process.stdout.write(`stored ${event.source}\n`);
  },
});
process.stdout.write(`done ${JSON.stringify(report)}\n`);
